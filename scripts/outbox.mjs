// Shows the newest emails in the local outbox, as they were (or would be) sent.
import { commandLine } from './lib/args.mjs';
import { d1Query } from './lib/d1.mjs';

const { values } = commandLine('npm run ops:outbox [-- --count 10]   (1 to 100 emails)', {
  count: { type: 'number', default: 10 },
});
const count = Math.max(1, Math.min(100, Math.trunc(values.count)));

const results = d1Query(
  `SELECT kind, status, to_addresses, reply_to, subject, text, created_at FROM emails ORDER BY created_at DESC, kind LIMIT ${count}`,
);

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
