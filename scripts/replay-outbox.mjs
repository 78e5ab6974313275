// Operator command: put emails that did not go back in the queue, safely, locally or in production.
// Usage: npm run ops:replay -- [--remote] [--id <emailId> ...]          failed emails (never accepted)
//        npm run ops:replay -- --held --confirm [--id <emailId> ...]    held ones too, once checked
//        npm run ops:replay -- --mark-sent --confirm --id <emailId>     held, but the logs show it sent
// Without --confirm (or with --dry-run) it only lists what it would change. The SQL comes from
// functions/email/outbox.ts, the only code that writes the emails table.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { markSentStatements, replayStatements } from '../functions/email/outbox.ts';

const usage = `Usage: npm run ops:replay -- [--remote] [--id ID ...] [--held] [--mark-sent] [--confirm] [--dry-run]
  failed emails were never accepted by the provider: replaying them cannot send twice.
  held emails may have been sent: check the provider's logs (Resend → Emails, by recipient and
  time) first, then --held --confirm to send again, or --mark-sent --confirm to record them sent.`;

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      remote: { type: 'boolean', default: false },
      id: { type: 'string', multiple: true, default: [] },
      held: { type: 'boolean', default: false },
      'mark-sent': { type: 'boolean', default: false },
      confirm: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
if (options.help) {
  console.log(usage);
  process.exit(0);
}
const ids = options.id;
if (ids.some((id) => !/^[\w-]{1,64}$/.test(id))) {
  console.error(
    'An --id is an email id as the logs show it (emailId): letters, digits and dashes.',
  );
  process.exit(2);
}
if (options['mark-sent'] && ids.length === 0) {
  console.error('--mark-sent needs the --id of each email the provider shows as delivered.');
  process.exit(2);
}
if ((options.held || options['mark-sent']) && !options.confirm && !options['dry-run']) {
  console.error(
    `Held emails may have been sent already: add --confirm once you have checked.\n${usage}`,
  );
  process.exit(2);
}

const where = options.remote ? '--remote' : '--local';
const d1 = (args) =>
  execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', where, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });

const statuses = options['mark-sent'] ? ['held'] : options.held ? ['failed', 'held'] : ['failed'];
const only = ids.length > 0 ? ` AND id IN (${ids.map((id) => `'${id}'`).join(', ')})` : '';
const listing = `SELECT id, kind, status, attempts, last_error AS lastError FROM emails
  WHERE status IN (${statuses.map((status) => `'${status}'`).join(', ')})${only}
  ORDER BY created_at`;
const [{ results: emails }] = JSON.parse(d1(['--json', '--command', listing]));

if (emails.length === 0) {
  console.log(`No ${statuses.join(' or ')} email matches (${where.slice(2)} database).`);
  process.exit(0);
}
for (const email of emails) {
  console.log(`${email.id}  ${email.kind}  ${email.status}  attempts ${email.attempts}`);
  console.log(`  ${email.lastError ?? ''}`);
}
if (options['dry-run']) {
  console.log(`Dry run: ${emails.length} email(s) would change.`);
  process.exit(0);
}

const now = new Date();
const statements = options['mark-sent']
  ? markSentStatements(ids, now)
  : replayStatements({ ids, held: options.held }, now);
d1(['--command', statements.join(';\n')]);
console.log(
  options['mark-sent']
    ? `Recorded ${emails.length} held email(s) as sent; they will not be sent again.`
    : `Queued ${emails.length} email(s) again: the next sweep (within a minute) sends them.`,
);
