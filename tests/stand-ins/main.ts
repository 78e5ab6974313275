// Runs the stand-ins as a process for the browser tests: `node tests/stand-ins/main.ts [port]`.
import { createStandIn } from './server.ts';

const port = Number(process.argv[2] ?? 4455);
const url = await createStandIn().listen(port);
console.log(`Stand-ins for Resend and Turnstile listening on ${url}`);
