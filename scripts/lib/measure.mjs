// Runs a command and measures what a person waiting for it would see: wall time and the peak
// memory of the whole process tree (the sum of resident memory of it and every descendant,
// sampled from /proc; Linux only).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const PAGE_BYTES = 4096;
const SAMPLE_MS = 100;

/** Resident bytes of `root` and all its descendants right now. */
function treeRss(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      /* the process ended while we looked */
    }
  }
  let bytes = 0;
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop();
    try {
      bytes += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
    } catch {
      /* ended */
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return bytes;
}

/** { seconds, peakBytes, code, output } of `command args` run to the end. */
export function measure(command, args, { cwd, env } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    let peakBytes = 0;
    const timer = setInterval(() => {
      peakBytes = Math.max(peakBytes, treeRss(child.pid));
    }, SAMPLE_MS);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ seconds: (performance.now() - started) / 1000, peakBytes, code, output });
    });
  });
}
