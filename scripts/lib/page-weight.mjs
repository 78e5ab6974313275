// What a built page costs to load: its HTML and every stylesheet, font and script it fetches
// (scripts followed through their imports), raw and compressed as Cloudflare serves them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

export const ROOT = 'dist/client';

function fileFor(path) {
  const file = join(ROOT, path.endsWith('/') ? `${path}index.html` : path);
  if (!existsSync(file)) throw new Error(`${file} does not exist: run \`npm run build\` first`);
  return file;
}

function sizes(bytes, alreadyCompressed) {
  return {
    raw: bytes.length,
    gzip: alreadyCompressed ? bytes.length : gzipSync(bytes, { level: 9 }).length,
    brotli: alreadyCompressed ? bytes.length : brotliCompressSync(bytes).length,
  };
}

const all = (text, pattern) => [...text.matchAll(pattern)].map((match) => match[1]);

/** Modules a script loads, statically or on demand, as site paths. */
function importsOf(url, code) {
  const specifiers = all(code, /(?:\bfrom\s*|\bimport\s*\(?\s*)["'`]([^"'`]+\.js)["'`]/g);
  return specifiers.map((specifier) => new URL(specifier, `http://site${url}`).pathname);
}

/** Rows of { kind: html|css|font|js, url, raw, gzip, brotli, sameOrigin }. */
export function pageWeight(path) {
  const html = readFileSync(fileFor(path));
  const text = html.toString('utf8');
  const rows = [{ kind: 'html', url: path, sameOrigin: true, ...sizes(html, false) }];
  const seen = new Set();
  const add = (kind, url) => {
    if (seen.has(url)) return undefined;
    seen.add(url);
    const sameOrigin = url.startsWith('/') && !url.startsWith('//');
    // Third-party files are not in the build; they are listed with no size.
    const bytes = sameOrigin ? readFileSync(fileFor(url)) : Buffer.alloc(0);
    rows.push({ kind, url, sameOrigin, ...sizes(bytes, kind === 'font') });
    return bytes.toString('utf8');
  };

  const stylesheets = all(text, /<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g);
  const css = [text, ...stylesheets.map((url) => add('css', url) ?? '')].join('\n');
  for (const url of [
    ...all(text, /<link[^>]+rel="preload"[^>]*href="([^"]+)"[^>]*as="font"/g),
    ...all(css, /url\(["']?([^"')]+\.woff2?)["']?\)/g),
  ]) {
    add('font', url);
  }
  const queue = all(text, /<script[^>]+src="([^"]+)"/g);
  while (queue.length) {
    const url = queue.shift();
    const code = add('js', url);
    if (code) queue.push(...importsOf(url, code));
  }
  // Inline scripts run too; JSON-LD is data, not script.
  for (const code of all(
    text,
    /<script(?![^>]*application\/ld\+json)(?![^>]*\bsrc=)[^>]*>([^]*?)<\/script>/g,
  )) {
    rows.push({
      kind: 'js',
      url: '(inline)',
      sameOrigin: true,
      ...sizes(Buffer.from(code), false),
    });
  }
  return rows;
}

/** Brotli bytes of the rows that match. */
export function brotliOf(rows, predicate) {
  return rows.filter(predicate).reduce((sum, row) => sum + row.brotli, 0);
}
