// Starts the built Worker (dist/) in workerd for the scripts that measure or attack it: its own D1
// in a temporary directory, migrated first, and the settings each script needs. Used by
// bench-leads.mjs, fuzz-leads.mjs and lighthouse.mjs; run `npm run build` before any of them.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { d1Migrate, d1Query } from './d1.mjs';

const CONFIG = 'dist/server/wrangler.json';

/** Whether the Worker at `origin` answers its health check. */
export async function isUp(origin) {
  try {
    return (await fetch(`${origin}/api/health/`)).ok;
  } catch {
    return false;
  }
}

async function waitForServer(origin, server) {
  for (let attempt = 0; attempt < 120; attempt++) {
    if (server.exitCode !== null) throw new Error('wrangler dev exited before it served a page');
    if (await isUp(origin)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the Worker did not start within a minute');
}

/**
 * The built Worker on 127.0.0.1:port with `vars` over its wrangler settings; its cron trigger can
 * be fired (the sweep) and its D1 read back. Call stop() when done, also after a failure.
 */
export async function startLocalWorker({ port, vars: extra = {}, log }) {
  if (!existsSync(CONFIG)) throw new Error(`${CONFIG} is missing: run \`npm run build\` first`);
  const settings = JSON.parse(readFileSync(CONFIG, 'utf8')).vars ?? {};
  const state = mkdtempSync(join(tmpdir(), 'nyarro-worker-'));
  const database = { persistTo: state, quiet: true };
  d1Migrate(database);
  const origin = `http://127.0.0.1:${port}`;
  // Links in emails point at this server, whatever .dev.vars says for `npm start`. Development
  // explicitly: the Worker defaults to production, which refuses this checkout's placeholders.
  const vars = { SITE_URL: origin, ENVIRONMENT: 'development', ...extra };
  const server = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      ...['--config', CONFIG, '--port', String(port), '--ip', '127.0.0.1'],
      ...['--persist-to', state, '--log-level', 'error'],
      // Bundling adds wrangler's dev-only drain of unread request bodies. Without it the local
      // proxy answers 500 "Network connection lost" when a Worker answers before reading a body
      // (a 413 on its declared length, Astro's 403): cloudflare/workers-sdk#5095.
      '--bundle',
      ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
    ],
    // Its own process group, so stop() ends wrangler and its workerd; `log` keeps what it prints.
    { stdio: log ? ['ignore', openSync(log, 'a'), openSync(log, 'a')] : 'ignore', detached: true },
  );
  const stop = () => {
    if (server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
    rmSync(state, { recursive: true, force: true });
  };
  try {
    await waitForServer(origin, server);
  } catch (error) {
    stop();
    throw error;
  }
  return {
    origin,
    /** The Worker's settings as it runs: wrangler's vars with ours over them. */
    settings: { ...settings, ...vars },
    /** Rows of one SQL query against the Worker's D1. */
    query: (sql) => d1Query(sql, database),
    /** Runs the cron trigger once, as Cloudflare does every minute: the sweep. */
    async sweep() {
      const response = await fetch(`${origin}/cdn-cgi/local/scheduled?cron=*+*+*+*+*`);
      if (!response.ok) throw new Error(`the scheduled trigger answered ${response.status}`);
    },
    stop,
  };
}
