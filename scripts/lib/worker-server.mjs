// The built site served by workerd on a port of its own, as `npm start` serves it, for scripts that
// measure it (Lighthouse, load benchmark). Its D1 state lives in a temporary folder.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CONFIG = 'dist/server/wrangler.json';

/** Whether the Worker answers its health check now. */
export async function isUp(origin) {
  try {
    return (await fetch(`${origin}/api/health/`)).ok;
  } catch {
    return false;
  }
}

async function waitForHealth(origin) {
  for (let attempt = 0; attempt < 120; attempt++) {
    if (await isUp(origin)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the Worker did not answer on ${origin} within a minute`);
}

/**
 * Starts `wrangler dev` on the build; `vars` are Worker settings passed as --var NAME:value, and
 * `log` a file for what wrangler prints (discarded without one).
 */
export async function startWorker({ port, vars = {}, log }) {
  if (!existsSync(CONFIG)) throw new Error(`${CONFIG} does not exist: run \`npm run build\` first`);
  const state = mkdtempSync(join(tmpdir(), 'nyarro-worker-'));
  execFileSync(
    'npx',
    ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state],
    { stdio: 'ignore', env: { ...process.env, CI: 'true' } },
  );
  const server = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      '--config',
      CONFIG,
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--persist-to',
      state,
      '--log-level',
      'error',
      ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
    ],
    // Its own process group, so stop() ends wrangler and the workerd it started, and nothing else.
    { stdio: log ? ['ignore', openSync(log, 'a'), openSync(log, 'a')] : 'ignore', detached: true },
  );
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    rmSync(state, { recursive: true, force: true });
  };
  try {
    await waitForHealth(origin);
  } catch (error) {
    stop();
    throw error;
  }
  return { origin, state, stop };
}
