// What single pages add to the site-wide Content Security Policy (security.csp in
// astro.config.mjs), so every other page keeps the strict one. Call these in the frontmatter of the
// component that opens the page: the policy is written with the <head>, before the body renders.
import type { AstroGlobal } from 'astro';
import { TURNSTILE_ORIGIN } from './leads/turnstile';

// Undefined under `astro dev`, which applies no policy.
type PageCsp = AstroGlobal['csp'];

/** The lead form pages: Turnstile's script and challenge frame, when the widget is built in. */
export function allowTurnstile(csp: PageCsp) {
  if (!csp || !import.meta.env.PUBLIC_TURNSTILE_SITE_KEY) return;
  csp.insertScriptResource(TURNSTILE_ORIGIN);
  csp.insertDirective(`frame-src ${TURNSTILE_ORIGIN}`);
}

/**
 * The search page: Pagefind runs WebAssembly in a same-origin worker. (Its stylesheet's data:
 * icons are allowed on every page, for the tab's icon.) The worker's own policy is in
 * STATIC_PATH_HEADERS.
 */
export function allowSiteSearch(csp: PageCsp) {
  if (!csp) return;
  csp.insertScriptResource("'wasm-unsafe-eval'");
  csp.insertDirective("worker-src 'self'");
}
