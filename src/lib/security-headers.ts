// The security headers of every response, in one place for both ways a response leaves us: the
// build writes them into _headers for the static asset layer (src/integrations/), and the Worker
// sets them on what it renders on demand (functions/secure-response.ts). Data and strings only.

/** The same on every response, whatever its type. */
export const SECURITY_HEADERS = {
  // Two years with subdomains and preload: what hstspreload.org asks before it lists a domain.
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains; preload',
  'X-Content-Type-Options': 'nosniff',
  // Full same-origin referrers keep the lead form's attribution (which page sent the visitor);
  // other sites see our origin only.
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // Powerful features no page of ours uses. Only names browsers know: others are console warnings.
  'Permissions-Policy': [
    'accelerometer=()',
    'browsing-topics=()',
    'camera=()',
    'display-capture=()',
    'geolocation=()',
    'gyroscope=()',
    'hid=()',
    'idle-detection=()',
    'magnetometer=()',
    'microphone=()',
    'midi=()',
    'payment=()',
    'publickey-credentials-get=()',
    'screen-wake-lock=()',
    'serial=()',
    'usb=()',
    'xr-spatial-tracking=()',
  ].join(', '),
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Other sites may not embed our files; the link-preview images are the exception (below).
  'Cross-Origin-Resource-Policy': 'same-origin',
  // For browsers older than CSP's frame-ancestors.
  'X-Frame-Options': 'DENY',
} as const;

/** What a page's policy may say only as an HTTP header: browsers ignore it in a <meta> tag. */
const HEADER_ONLY_DIRECTIVES = "frame-ancestors 'none'";

/**
 * The header for a page, from the policy Astro wrote for it (its <meta> tag for a static page, its
 * Content-Security-Policy header for one rendered on demand), which carries the page's hashes.
 */
export function pagePolicyHeader(astroPolicy: string): string {
  const directives = astroPolicy.trim().replace(/;\s*$/, '');
  return `${directives}; ${HEADER_ONLY_DIRECTIVES}`;
}

/** For responses that are not pages (JSON, feeds, redirects, files): they may load nothing. */
export const NON_PAGE_POLICY = `default-src 'none'; base-uri 'none'; form-action 'none'; ${HEADER_ONLY_DIRECTIVES}`;

/** Static paths whose headers differ from the rest: each header named here replaces the other. */
export const STATIC_PATH_HEADERS: Record<string, Record<string, string>> = {
  // Link-preview images are there to be shown by other sites.
  '/og/*': { 'Cross-Origin-Resource-Policy': 'cross-origin' },
  // A worker runs under the policy its script is served with: Pagefind's compiles its WebAssembly
  // and fetches the index.
  '/pagefind/*': {
    'Content-Security-Policy': pagePolicyHeader(
      "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'",
    ),
  },
};
