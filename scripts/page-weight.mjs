// Prints what built pages cost to load, file by file (see scripts/lib/page-weight.mjs).
import { commandLine } from './lib/args.mjs';
import { pageWeight } from './lib/page-weight.mjs';

const { positionals: paths } = commandLine(
  'npm run build && npm run bench:weight -- /blog/why-ai-pilots-stall/ [/other/page/]',
  {},
  { positionals: true },
);
const column = (bytes) => String(bytes).padStart(7);
for (const path of paths.length ? paths : ['/blog/why-ai-pilots-stall/']) {
  const rows = pageWeight(path);
  console.log(`\n${path}`);
  const total = { raw: 0, gzip: 0, brotli: 0 };
  const byKind = {};
  for (const row of rows) {
    console.log(
      `  ${row.kind.padEnd(5)} ${column(row.raw)} B raw  ${column(row.gzip)} B gzip  ${column(row.brotli)} B brotli  ${row.url}`,
    );
    for (const key of ['raw', 'gzip', 'brotli']) total[key] += row[key];
    byKind[row.kind] = (byKind[row.kind] ?? 0) + row.brotli;
  }
  console.log(
    `  total ${column(total.raw)} B raw  ${column(total.gzip)} B gzip  ${column(total.brotli)} B brotli`,
  );
  console.log(
    `  by kind (brotli): ${Object.entries(byKind)
      .map(([kind, bytes]) => `${kind} ${bytes} B`)
      .join(', ')}`,
  );
}
