// Writes the security headers of the static site as Cloudflare's _headers rules. Each page's
// Content-Security-Policy is the one Astro put in its <meta> tag (with the hashes of what the page
// inlines), so the header and the page never disagree.
import {
  NON_PAGE_POLICY,
  pagePolicyHeader,
  SECURITY_HEADERS,
  STATIC_PATH_HEADERS,
} from '../lib/security-headers';

// Cloudflare's limits for _headers: rules past the 100th and longer lines are dropped, not refused.
const MAX_RULES = 100;
const MAX_LINE_LENGTH = 2000;
const CSP = 'Content-Security-Policy';

/** The path a built HTML file is served at: `blog/a/index.html` is `/blog/a/`, `404.html` is `/404`. */
export function servedPath(file: string): string {
  const path = `/${file.split(/[\\/]/).join('/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path.slice(0, -5);
}

/** The policy in a page's `<meta http-equiv="content-security-policy">`, if it has one. */
export function metaPolicy(html: string): string | undefined {
  const tag = /<meta\s[^>]*http-equiv="content-security-policy"[^>]*>/i.exec(html)?.[0];
  const content = tag && /\scontent="([^"]*)"/i.exec(tag)?.[1];
  return content?.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

interface Rule {
  pattern: string;
  headers: Record<string, string>;
}

function render({ pattern, headers }: Rule): string {
  const names = Object.keys(headers);
  const lines = [
    pattern,
    // Cloudflare joins the values of a header that several matching rules set; a narrower rule
    // detaches the site-wide value first so that its own replaces it.
    ...(pattern === '/*' ? [] : names.map((name) => `  ! ${name}`)),
    ...names.map((name) => `  ${name}: ${headers[name]}`),
  ];
  const long = lines.find((line) => line.length > MAX_LINE_LENGTH);
  if (long) throw new Error(`_headers: a line is over ${MAX_LINE_LENGTH} characters: ${long}`);
  return lines.join('\n');
}

/**
 * The _headers file: one rule for every path with the policy most pages share, and a rule for
 * each page whose policy differs (a page allowed a third-party script, say). Rules already in the
 * file (the adapter's cache rule for /_astro/*) are kept after ours.
 */
export function headersFile(policies: Map<string, string>, existing = ''): string {
  const counts = new Map<string, number>();
  for (const policy of policies.values()) counts.set(policy, (counts.get(policy) ?? 0) + 1);
  const shared = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];

  const rules: Rule[] = [
    {
      pattern: '/*',
      headers: {
        ...SECURITY_HEADERS,
        [CSP]: shared ? pagePolicyHeader(shared) : NON_PAGE_POLICY,
      },
    },
    ...Object.entries(STATIC_PATH_HEADERS).map(([pattern, headers]) => ({ pattern, headers })),
    ...[...policies]
      .filter(([, policy]) => policy !== shared)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, policy]) => ({ pattern: path, headers: { [CSP]: pagePolicyHeader(policy) } })),
  ];
  const existingRules = existing.split('\n').filter((line) => /^[^\s#]/.test(line)).length;
  if (rules.length + existingRules > MAX_RULES) {
    throw new Error(
      `_headers would have ${rules.length + existingRules} rules; Cloudflare reads ${MAX_RULES}. ` +
        'Too many pages have a policy of their own.',
    );
  }
  return [...rules.map(render), existing.trim()].filter(Boolean).join('\n\n') + '\n';
}
