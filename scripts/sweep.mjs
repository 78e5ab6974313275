// Fires the cron sweep of a locally running site as if it were a given time, to watch reminders,
// escalations and digests happen without waiting a day.
// Usage: npm run sweep -- --at 2026-11-26T05:00:00Z [--url http://localhost:4321]
//        npm run sweep -- --in 20h   (that long from now)
const option = (name) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
};

const url = option('url') ?? 'http://localhost:4321';
const later = option('in');
const at = later
  ? new Date(Date.now() + Number.parseFloat(later) * (later.endsWith('m') ? 60_000 : 3_600_000))
  : new Date(option('at') ?? Date.now());
if (Number.isNaN(at.getTime())) {
  console.error('Give a time: --at 2026-11-26T05:00:00Z, or --in 20h / --in 90m.');
  process.exit(2);
}

// The local runtime's endpoint for scheduled events; `time` (milliseconds) becomes the handler's
// scheduledTime, which the sweep takes as "now".
const trigger = new URL('/cdn-cgi/handler/scheduled', url);
trigger.search = new URLSearchParams({
  cron: '* * * * *',
  time: String(at.getTime()),
}).toString();
const response = await fetch(trigger);
console.log(`Sweep at ${at.toISOString()}: ${response.status} ${await response.text()}`);
console.log('Read what it sent with `npm run outbox`.');
