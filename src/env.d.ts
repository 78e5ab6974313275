// Build-time settings that astro.config.mjs passes to the pages (vite.define).
interface ImportMetaEnv {
  readonly GRIEVANCE_CONTACT?: string;
}
