// Security headers for every response the Worker gives: pages and endpoints rendered on demand,
// and Astro's own answers such as the 403 for a cross-site form post, which no Astro middleware
// sees. Files from the asset layer already carry theirs from _headers.
import { NON_PAGE_POLICY, pagePolicyHeader, SECURITY_HEADERS } from '../src/lib/security-headers';

const CSP = 'Content-Security-Policy';

export function secureResponse(response: Response): Response {
  const policy = response.headers.get(CSP);
  // Only _headers adds frame-ancestors: this response is a static file, already complete.
  if (policy?.includes('frame-ancestors')) return response;

  // A copy, because responses fetched from the asset layer have headers that cannot change.
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  // Astro sends a page rendered on demand with its policy, hashes included, as a header.
  headers.set(CSP, policy ? pagePolicyHeader(policy) : NON_PAGE_POLICY);
  const { status, statusText } = response;
  // An empty statusText would replace the reason phrase workerd fills in for the status.
  return new Response(response.body, { status, headers, ...(statusText && { statusText }) });
}
