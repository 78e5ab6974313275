// What a built page costs to load: its HTML and every stylesheet, script and preloaded font it
// references, raw and compressed (gzip and brotli, as Cloudflare serves them).
// Usage: npm run build && node scripts/page-weight.mjs /blog/why-ai-pilots-stall/ [/other/page/]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const ROOT = 'dist/client';

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

export function pageWeight(path) {
  const html = readFileSync(fileFor(path));
  const text = html.toString('utf8');
  const refs = [
    ...[...text.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => [
      'css',
      m[1],
    ]),
    ...[...text.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => ['js', m[1]]),
    ...[...text.matchAll(/<link[^>]+rel="preload"[^>]*href="([^"]+)"[^>]*as="font"/g)].map((m) => [
      'font',
      m[1],
    ]),
  ];
  const inlineScripts = [
    ...text.matchAll(/<script(?![^>]*application\/ld\+json)(?![^>]*\bsrc=)[^>]*>/g),
  ].length;
  const rows = [{ kind: 'html', url: path, ...sizes(html, false) }];
  for (const [kind, url] of refs) {
    rows.push({ kind, url, ...sizes(readFileSync(fileFor(url)), kind === 'font') });
  }
  return { rows, inlineScripts };
}

const paths = process.argv.slice(2);
for (const path of paths.length ? paths : ['/blog/why-ai-pilots-stall/']) {
  const { rows, inlineScripts } = pageWeight(path);
  console.log(`\n${path}`);
  const total = { raw: 0, gzip: 0, brotli: 0 };
  const byKind = {};
  for (const row of rows) {
    console.log(
      `  ${row.kind.padEnd(5)} ${String(row.raw).padStart(7)} B raw  ${String(row.gzip).padStart(7)} B gzip  ${String(row.brotli).padStart(7)} B brotli  ${row.url}`,
    );
    for (const key of ['raw', 'gzip', 'brotli']) total[key] += row[key];
    byKind[row.kind] = (byKind[row.kind] ?? 0) + row.brotli;
  }
  console.log(
    `  total ${String(total.raw).padStart(7)} B raw  ${String(total.gzip).padStart(7)} B gzip  ${String(total.brotli).padStart(7)} B brotli`,
  );
  console.log(
    `  by kind (brotli): ${Object.entries(byKind)
      .map(([k, v]) => `${k} ${v} B`)
      .join(', ')}; inline scripts: ${inlineScripts}`,
  );
}
