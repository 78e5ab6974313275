// Fires the cron sweep of a locally running site as if it were a given time, to watch reminders,
// escalations and digests happen without waiting a day.
import { commandLine } from './lib/args.mjs';

const USAGE =
  'npm run ops:sweep -- --at 2026-11-26T05:00:00Z | --in 20h | --in 90m [--url http://localhost:4321]';
const { values } = commandLine(USAGE, {
  at: { type: 'string' },
  in: { type: 'string' },
  url: { type: 'string', default: 'http://localhost:4321' },
});

const later = values.in;
const at = later
  ? new Date(Date.now() + Number.parseFloat(later) * (later.endsWith('m') ? 60_000 : 3_600_000))
  : new Date(values.at ?? Date.now());
if (Number.isNaN(at.getTime())) {
  console.error(`Give a time: --at 2026-11-26T05:00:00Z, or --in 20h / --in 90m.\nUsage: ${USAGE}`);
  process.exit(2);
}

// The local runtime's endpoint for scheduled events; `time` (milliseconds) becomes the handler's
// scheduledTime, which the sweep takes as "now".
const trigger = new URL('/cdn-cgi/handler/scheduled', values.url);
trigger.search = new URLSearchParams({
  cron: '* * * * *',
  time: String(at.getTime()),
}).toString();
const response = await fetch(trigger).catch(() => {
  console.error(`Nothing answers at ${values.url}: start the site with \`npm start\` first.`);
  process.exit(1);
});
console.log(`Sweep at ${at.toISOString()}: ${response.status} ${await response.text()}`);
console.log('Read what it sent with `npm run ops:outbox`.');
