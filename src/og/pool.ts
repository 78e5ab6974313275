// Open Graph images drawn on every core: drawing is synchronous WebAssembly, so on the build's
// main thread 1,000 images take one core for over a minute while the other waits.
// Build-time only (Node); the Worker never imports this.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

type Bytes = Uint8Array<ArrayBuffer>;
interface Settle {
  resolve: (bytes: Bytes) => void;
  reject: (error: Error) => void;
}

// Astro builds from the project root; the worker file is not part of the bundle.
const WORKER_FILE = resolve('src/og/draw.worker.mjs');
// Each thread holds a WebAssembly heap of its own: give it back once the images are drawn, before
// the build goes on to index the site for search.
const IDLE_MS = 1000;

const pending = new Map<number, Settle>();
let threads: Worker[] = [];
let sequence = 0;
let idleTimer: NodeJS.Timeout | undefined;

function start(): Worker[] {
  return Array.from({ length: availableParallelism() }, () => {
    const thread = new Worker(WORKER_FILE);
    thread.on('message', ({ id, bytes, error }) => {
      const settle = pending.get(id)!;
      pending.delete(id);
      if (error) settle.reject(new Error(error));
      else settle.resolve(bytes);
      if (pending.size === 0) idleTimer = setTimeout(stop, IDLE_MS).unref();
    });
    return thread;
  });
}

function stop() {
  for (const thread of threads) void thread.terminate();
  threads = [];
}

/** The image astro-og-canvas draws for these options, drawn on one of the threads in turn. */
export function drawImage(options: unknown): Promise<Bytes> {
  clearTimeout(idleTimer);
  if (threads.length === 0) threads = start();
  const id = sequence++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    threads[id % threads.length]!.postMessage({ id, options });
  });
}
