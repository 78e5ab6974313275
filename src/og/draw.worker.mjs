// Draws one Open Graph image per message, off the build's main thread (see pool.ts). Plain
// JavaScript loaded by path: worker threads run files, not modules from the build's bundle.
import { parentPort } from 'node:worker_threads';
import { OGImageRoute } from 'astro-og-canvas';

parentPort.on('message', async ({ id, options }) => {
  try {
    // The library's endpoint, called as Astro would: it draws, or reads its cache of drawn images.
    const { GET } = await OGImageRoute({
      pages: { image: options },
      getImageOptions: () => options,
    });
    const bytes = new Uint8Array(
      await (await GET({ props: { imageOptions: options } })).arrayBuffer(),
    );
    parentPort.postMessage({ id, bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.stack : String(error) });
  }
});
