// Byte budgets of the built pages (scripts/budgets.mjs): every article loads no script and a
// small first load; every page with a lead form ships little of our own script. Exits non-zero
// on a page over budget.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BYTES } from './budgets.mjs';
import { commandLine } from './lib/args.mjs';
import { brotliOf, pageWeight, ROOT } from './lib/page-weight.mjs';

/** Every built HTML page as its site path. */
function builtPages(dir = ROOT, prefix = '/') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return builtPages(join(dir, entry.name), `${prefix}${entry.name}/`);
    return entry.name === 'index.html' ? [prefix] : [];
  });
}

commandLine(
  'npm run check:budgets (builds first), or on the last build: node scripts/check-budgets.mjs',
);

const isArticle = (path) => /^\/blog\/(?!tags\/|page\/)[^/]+\/$/.test(path);
const hasLeadForm = (path) =>
  readFileSync(join(ROOT, path, 'index.html'), 'utf8').includes('data-lead-form');

const pages = builtPages();
const articles = pages.filter(isArticle);
const forms = pages.filter(hasLeadForm);
if (articles.length === 0 || forms.length === 0) {
  throw new Error(`no articles or no form pages in ${ROOT}: run \`npm run build\` first`);
}

const misses = [];
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
let heaviest = { path: '', bytes: 0 };
for (const path of articles) {
  const rows = pageWeight(path);
  const files = rows.filter((row) => row.kind === 'js' && row.url !== '(inline)');
  const inlineJs = brotliOf(rows, (row) => row.kind === 'js' && row.url === '(inline)');
  const firstLoad = brotliOf(rows, (row) => ['html', 'css', 'font'].includes(row.kind));
  if (files.length > BYTES.article.maxScriptFiles) {
    misses.push(`${path}: ${files.map((row) => row.url).join(', ')}; articles load no script`);
  }
  if (inlineJs > BYTES.article.maxInlineJs) {
    misses.push(`${path}: inline script ${kb(inlineJs)} > ${kb(BYTES.article.maxInlineJs)}`);
  }
  if (firstLoad > BYTES.article.maxHtmlCssFonts) {
    misses.push(`${path}: HTML+CSS+fonts ${kb(firstLoad)} > ${kb(BYTES.article.maxHtmlCssFonts)}`);
  }
  if (firstLoad > heaviest.bytes) heaviest = { path, bytes: firstLoad };
}
console.log(
  `${articles.length} articles: no script file; heaviest HTML+CSS+fonts ${kb(heaviest.bytes)} ` +
    `(${heaviest.path}), budget ${kb(BYTES.article.maxHtmlCssFonts)}, brotli`,
);

for (const path of forms) {
  const rows = pageWeight(path);
  const ownJs = brotliOf(rows, (row) => row.kind === 'js' && row.sameOrigin);
  const files = rows.filter((row) => row.kind === 'js').map((row) => row.url);
  console.log(
    `${path}: our JS ${kb(ownJs)} brotli, budget ${kb(BYTES.form.maxOwnJs)} (${files.join(', ')})`,
  );
  if (ownJs > BYTES.form.maxOwnJs) {
    misses.push(`${path}: our JS ${kb(ownJs)} > ${kb(BYTES.form.maxOwnJs)}`);
  }
}

console.log(
  misses.length ? `\nOVER BUDGET\n  ${misses.join('\n  ')}` : '\nevery page within budget',
);
process.exitCode = misses.length ? 1 : 0;
