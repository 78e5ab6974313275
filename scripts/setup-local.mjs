// Prepares a checkout to run locally: local settings from the example, and the D1 schema applied
// to the local database (SQLite under .wrangler/). Safe to run again: it changes only what is missing.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';

if (!existsSync('.dev.vars')) {
  copyFileSync('.dev.vars.example', '.dev.vars');
  console.log('Created .dev.vars from .dev.vars.example (emails are captured locally).');
}
(await import('./lib/desk-dev-key.mjs')).ensureDeskDevKey('.dev.vars');

// Tests keep their own database so a test run never touches what you tried by hand.
const persistTo = process.argv[2];
execFileSync(
  'npx',
  [
    'wrangler',
    'd1',
    'migrations',
    'apply',
    'DB',
    '--local',
    ...(persistTo ? ['--persist-to', persistTo] : []),
  ],
  { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CI: 'true' } },
);
