// Build benchmark: the site built from 10, 100 and 1,000 generated posts (search index and Open
// Graph images included) against a bare Astro project built from the same posts in the same run.
// Prints wall time, pages per second, peak memory of the build's process tree, and the ratio to
// the bare build. Not a test: figures vary with the machine and what else runs on it.
import { globSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { generateContent } from './generate-posts.mjs';
import { commandLine } from './lib/args.mjs';
import { createBareProject } from './lib/bare-astro.mjs';
import { measure } from './lib/measure.mjs';

const USAGE = 'npm run bench:build [-- --sizes 10,100,1000]   (posts per build)';
const { values } = commandLine(USAGE, { sizes: { type: 'string', default: '10,100,1000' } });
const SIZES = values.sizes.split(',').map(Number);
if (SIZES.some((size) => !Number.isInteger(size) || size < 1)) {
  console.error(`--sizes takes whole numbers of posts, comma-separated\nUsage: ${USAGE}`);
  process.exit(2);
}
// Inside the project: the built server's prerender chunks resolve packages from node_modules.
const WORK = resolve('node_modules/.cache/bench-build');
const ASTRO = resolve('node_modules/astro/bin/astro.mjs');
// Where the Open Graph cards already drawn are kept, keyed by their content (src/og/card.ts).
const OG_CACHE = resolve('node_modules/.astro/og-cards');

const htmlPages = (dir) => globSync('**/*.html', { cwd: dir }).length;
const ogImages = (dir) => globSync('og/**/*.png', { cwd: dir }).length;

async function build(label, cwd, outDir, env) {
  rmSync(outDir, { recursive: true, force: true });
  // --force empties the content layer's cache: every build reads and renders every post.
  const result = await measure(process.execPath, [ASTRO, 'build', '--force', '--outDir', outDir], {
    cwd,
    env,
  });
  if (result.code !== 0) {
    console.error(result.output);
    throw new Error(`${label}: the build failed`);
  }
  return result;
}

function report(row) {
  const ratio = row.bare ? `${(row.seconds / row.bare.seconds).toFixed(2)}x` : '';
  console.log(
    `${String(row.posts).padStart(5)}  ${row.label.padEnd(22)} ${row.seconds.toFixed(1).padStart(6)} s ` +
      `${String(row.pages).padStart(6)} pages ${(row.pages / row.seconds).toFixed(0).padStart(5)} pages/s ` +
      `${(row.peakBytes / 2 ** 20).toFixed(0).padStart(6)} MiB peak  load ${loadavg()[0].toFixed(1).padStart(4)}  ${ratio}`,
  );
}

console.log(
  `Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)}; ` +
    `posts, build, wall time, HTML pages, pages/s, peak memory of the build's process tree, ` +
    `time / bare Astro time\n`,
);
try {
  for (const posts of SIZES) {
    const content = join(WORK, `content-${posts}`);
    generateContent(posts, content);

    const bareDir = createBareProject(join(WORK, 'bare'), content);
    const bareOut = join(bareDir, 'dist');
    const bare = await build('bare', bareDir, bareOut, {});
    report({ posts, label: 'bare Astro', ...bare, pages: htmlPages(bareOut) });

    const siteOut = join(WORK, 'site-dist');
    const env = { CONTENT_ROOT: content };
    rmSync(OG_CACHE, { recursive: true, force: true });
    const cold = await build('site', process.cwd(), siteOut, env);
    const pages = htmlPages(join(siteOut, 'client'));
    const images = ogImages(join(siteOut, 'client'));
    report({ posts, label: `site, ${images} OG drawn`, ...cold, pages, bare });
    // Same posts again: every Open Graph card comes from the cache, as on a later deploy.
    const warm = await build('site', process.cwd(), siteOut, env);
    report({ posts, label: 'site, OG from cache', ...warm, pages, bare });
  }
} finally {
  rmSync(WORK, { recursive: true, force: true });
  // The builds above left the content cache and .astro/ pointing at generated posts that are now
  // gone; the next plain build would fail on them. Sync them back to content/.
  await measure(process.execPath, [ASTRO, 'sync', '--force']);
}
