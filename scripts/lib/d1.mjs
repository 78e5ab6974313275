// The D1 database `DB` through wrangler, for the operator commands, the local setup and the scripts
// that start the built Worker: the one place that spells out `wrangler d1`. Local by default, in
// .wrangler/ or in `persistTo`; `remote: true` reaches production (wrangler login first).

import { execFileSync } from 'node:child_process';

/** Where a command acts: wrangler's flags for it. */
function target({ remote = false, persistTo } = {}) {
  if (remote) return ['--remote'];
  return ['--local', ...(persistTo ? ['--persist-to', persistTo] : [])];
}

function wrangler(args, { remote = false, quiet = false } = {}) {
  return execFileSync('npx', ['wrangler', ...args], {
    encoding: 'utf8',
    // Wrangler's warnings go to stderr: shown to an operator, hidden from a benchmark's output.
    stdio: ['ignore', 'pipe', quiet ? 'ignore' : 'inherit'],
    maxBuffer: 256 * 1024 * 1024,
    // Locally nothing should stop to ask; production keeps wrangler's own login and prompts.
    env: remote ? process.env : { ...process.env, CI: 'true' },
  });
}

/**
 * Runs SQL (one statement or several, `;`-separated) and returns the rows of each statement.
 * Options: `remote`, `persistTo` (a local state directory), `quiet` (hide wrangler's stderr).
 */
export function d1Execute(sql, options = {}) {
  const output = wrangler(
    ['d1', 'execute', 'DB', ...target(options), '--json', '--command', sql],
    options,
  );
  return JSON.parse(output).map((statement) => statement.results);
}

/** The rows of one query. */
export function d1Query(sql, options = {}) {
  return d1Execute(sql, options)[0];
}

/** Applies the migrations in migrations/ that the database has not had yet. */
export function d1Migrate(options = {}) {
  const output = wrangler(['d1', 'migrations', 'apply', 'DB', ...target(options)], options);
  if (!options.quiet) process.stdout.write(output);
}
