// Shows the newest emails in the local outbox, as they were (or would be) sent.
// Usage: npm run outbox [-- --count 5]
import { execFileSync } from 'node:child_process';

const countFlag = process.argv.indexOf('--count');
const count = Math.max(
  1,
  Math.min(100, Number(countFlag > 0 ? process.argv[countFlag + 1] : 10) || 10),
);

const output = execFileSync(
  'npx',
  [
    'wrangler',
    'd1',
    'execute',
    'DB',
    '--local',
    '--json',
    '--command',
    `SELECT kind, status, to_addresses, reply_to, subject, text, created_at FROM emails ORDER BY created_at DESC, kind LIMIT ${count}`,
  ],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
);
const [{ results }] = JSON.parse(output);

if (results.length === 0) {
  console.log('The local outbox is empty. Send a form at http://localhost:4321/assessment/ first.');
}
for (const email of results.reverse()) {
  console.log('─'.repeat(72));
  console.log(`${email.kind} · ${email.status} · ${email.created_at}`);
  console.log(`To: ${JSON.parse(email.to_addresses).join(', ')}`);
  if (email.reply_to) console.log(`Reply-To: ${email.reply_to}`);
  console.log(`Subject: ${email.subject}\n`);
  console.log(email.text);
}
