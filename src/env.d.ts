// Build-time settings that astro.config.mjs passes to the pages (vite.define).
interface ImportMetaEnv {
  readonly GRIEVANCE_CONTACT?: string;
  /** The tab's icon as a data: URL (src/assets/icon.mjs). */
  readonly FAVICON_URL: string;
}
