// Prepares a checkout to run locally: local settings from the example (with the desk's local
// sign-in key), and the D1 schema applied to the local database (SQLite under .wrangler/). Safe to
// run again: it changes only what is missing.
import { copyFileSync, existsSync } from 'node:fs';
import { commandLine } from './lib/args.mjs';
import { d1Migrate } from './lib/d1.mjs';
import { ensureDeskDevKey } from './lib/desk-dev-key.mjs';

// Tests keep their own database so a test run never touches what you tried by hand.
const { values } = commandLine('npm run ops:setup [-- --persist-to .wrangler/e2e]', {
  'persist-to': { type: 'string' },
});

if (!existsSync('.dev.vars')) {
  copyFileSync('.dev.vars.example', '.dev.vars');
  console.log('Created .dev.vars from .dev.vars.example (emails are captured locally).');
}
ensureDeskDevKey('.dev.vars');
d1Migrate({ persistTo: values['persist-to'] });
