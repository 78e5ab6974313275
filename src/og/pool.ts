// Open Graph images drawn on every core: drawing is synchronous WebAssembly, so on the build's
// main thread 1,000 images take one core for over a minute while the other waits.
// Build-time only (Node); the Worker never imports this.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

interface Drawer {
  worker: Worker;
  busy: number;
}
type Settle = { resolve: (bytes: Uint8Array<ArrayBuffer>) => void; reject: (error: Error) => void };

// Astro builds from the project root; the worker file is not part of the bundle.
const WORKER_FILE = resolve('src/og/draw.worker.mjs');
const pending = new Map<number, Settle>();
let drawers: Drawer[] | undefined;
let sequence = 0;

function startDrawer(): Drawer {
  const drawer: Drawer = { worker: new Worker(WORKER_FILE), busy: 0 };
  drawer.worker.on('message', ({ id, bytes, error }) => {
    const settle = pending.get(id)!;
    pending.delete(id);
    // An idle drawer must not keep the build's process alive once every page is written.
    if (--drawer.busy === 0) drawer.worker.unref();
    if (error) settle.reject(new Error(error));
    else settle.resolve(bytes);
  });
  drawer.worker.unref();
  return drawer;
}

/** The image astro-og-canvas draws for these options, drawn by the least busy thread. */
export function drawImage(options: unknown): Promise<Uint8Array<ArrayBuffer>> {
  drawers ??= Array.from({ length: availableParallelism() }, startDrawer);
  const drawer = drawers.reduce((least, next) => (next.busy < least.busy ? next : least));
  const id = sequence++;
  if (drawer.busy++ === 0) drawer.worker.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    drawer.worker.postMessage({ id, options });
  });
}
