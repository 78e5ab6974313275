// What a first-time visitor on a slow phone sees: the built site in workerd, Debian's Chromium
// with the network and CPU throttled in the browser (real requests, unlike Lighthouse's simulated
// throttling), an empty cache, then a second page. Prints, per page, the face that draws the
// headline right after the first paint and 4 s after load, and the layout shift; prints only.
import { chromium } from 'playwright';
import { commandLine } from './lib/args.mjs';
import { startLocalWorker } from './lib/local-worker.mjs';

// The defaults are Lighthouse's slow 4G; `--rtt 400 --kbps 400` is a slower phone.
const USAGE =
  'npm run build && node scripts/first-paint-font.mjs ' +
  '[--rtt 150] [--kbps 1440] [--port 4432] [/ /blog/ ...]';
const { values, positionals } = commandLine(
  USAGE,
  {
    rtt: { type: 'number', default: 150 },
    kbps: { type: 'number', default: 1440 },
    port: { type: 'number', default: 4432 },
  },
  { positionals: true },
);
const { rtt, kbps, port } = values;
const paths = positionals.length ? positionals : ['/', '/blog/'];

const worker = await startLocalWorker({ port });
const browser = await chromium.launch({
  executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: rtt,
    downloadThroughput: (kbps * 1000) / 8,
    uploadThroughput: (675 * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');

  /** The faces Chromium used for the headline's text; "(web font)" marks a downloaded one. */
  const headlineFace = async () => {
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((f) => f.familyName + (f.isCustomFont ? ' (web font)' : '')).join(', ');
  };

  console.log(`${rtt} ms round trip, ${kbps} kbps, 4x CPU; the cache is empty at the first page`);
  for (const path of paths) {
    await page.goto(`${worker.origin}${path}`, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => performance.getEntriesByName('first-contentful-paint').length,
      null,
      {
        polling: 10,
      },
    );
    const atFirstPaint = await headlineFace();
    await page.waitForLoadState('load');
    await page.waitForTimeout(4000);
    const later = await headlineFace();
    const fcp = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0].startTime,
    );
    // Layout shifts reach only an observer; the buffered ones arrive in its first callback.
    const shift = await page.evaluate(
      () =>
        new Promise((resolve) => {
          let sum = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) sum += entry.value;
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(sum), 200);
        }),
    );
    console.log(
      `${path}: first paint ${Math.round(fcp)} ms; headline in ${atFirstPaint}, ` +
        `4 s after load in ${later}; layout shift ${shift.toFixed(3)}`,
    );
  }
} finally {
  await browser.close();
  worker.stop();
}
