// Operator command: erase one person's data by email address, locally or in production.
// Usage: npm run erase -- --email person@example.com [--remote]
import { execFileSync } from 'node:child_process';
import { erasureStatements } from '../functions/leads/erasure-sql.ts';

const at = process.argv.indexOf('--email');
const email = at > 0 ? process.argv[at + 1] : undefined;
if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
  console.error(
    'Give the address to erase: npm run erase -- --email person@example.com [--remote]',
  );
  process.exit(2);
}
const where = process.argv.includes('--remote') ? '--remote' : '--local';
const sql = erasureStatements(email, new Date(), `operator:${process.env.USER ?? 'unknown'}`).join(
  ';\n',
);
const count = (query) => {
  const output = execFileSync(
    'npx',
    ['wrangler', 'd1', 'execute', 'DB', where, '--json', '--command', query],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(output)[0].results[0].n;
};
const match = `SELECT count(*) AS n FROM leads WHERE lower(email) = lower('${email.replace(/'/g, "''")}')`;
const before = count(match);
execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', where, '--command', sql], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
console.log(
  `Erased ${before} lead(s) for that address (${where.slice(2)} database); ${count(match)} remain.`,
);
