// Starts the built Worker (dist/) in workerd for the scripts that measure or attack it: its own D1
// in a temporary directory, migrated first, and the settings each script needs. Used by
// bench-leads.mjs, fuzz-leads.mjs and lighthouse.mjs; run `npm run build` before any of them.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CONFIG = 'dist/server/wrangler.json';

/** Reads a flag like `--count 50` from the command line. */
export function numberArg(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  const value = index > 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value)) throw new Error(`--${name} takes a number`);
  return value;
}

function wrangler(args, options = {}) {
  return execFileSync('npx', ['wrangler', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, CI: 'true' },
    ...options,
  });
}

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
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state]);
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
    query(sql) {
      const output = wrangler([
        ...['d1', 'execute', 'DB', '--local', '--persist-to', state, '--json'],
        ...['--command', sql],
      ]);
      return JSON.parse(output)[0].results;
    },
    /** Runs the cron trigger once, as Cloudflare does every minute: the sweep. */
    async sweep() {
      const response = await fetch(`${origin}/cdn-cgi/local/scheduled?cron=*+*+*+*+*`);
      if (!response.ok) throw new Error(`the scheduled trigger answered ${response.status}`);
    },
    stop,
  };
}
