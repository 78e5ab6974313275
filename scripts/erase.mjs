// Operator command: erase one person's data by email address, locally or in production.
import { erasureStatements } from '../functions/leads/erasure-sql.ts';
import { commandLine } from './lib/args.mjs';
import { d1Execute, d1Query } from './lib/d1.mjs';

const USAGE = 'npm run ops:erase -- --email person@example.com [--remote]';
const { values } = commandLine(USAGE, {
  email: { type: 'string' },
  remote: { type: 'boolean', default: false },
});
const { email, remote } = values;
if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
  console.error(`Give the address to erase.\nUsage: ${USAGE}`);
  process.exit(2);
}
const sql = erasureStatements(email, new Date(), `operator:${process.env.USER ?? 'unknown'}`).join(
  ';\n',
);
const match = `SELECT count(*) AS n FROM leads WHERE lower(email) = lower('${email.replace(/'/g, "''")}')`;
const count = () => d1Query(match, { remote })[0].n;
const before = count();
d1Execute(sql, { remote });
console.log(
  `Erased ${before} lead(s) for that address (${remote ? 'remote' : 'local'} database); ${count()} remain.`,
);
