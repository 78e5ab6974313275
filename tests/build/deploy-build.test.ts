// A build for a real origin is a deployment: it stops on the placeholders the Worker cannot check
// at run time, naming each, while builds for the placeholder origin (tests, CI, `npm start`) go on.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

it('a build for https://www.nyarro.in stops on the zero database id and the grievance contact', async () => {
  const output = await run('npx', ['astro', 'sync'], {
    env: {
      ...process.env,
      SITE_URL: 'https://www.nyarro.in',
      GRIEVANCE_CONTACT: '',
      NO_COLOR: '1',
    },
  }).then(
    () => '',
    (error: { stdout: string; stderr: string }) => error.stdout + error.stderr,
  );
  expect(output).toContain('is not ready');
  expect(output).toContain('GRIEVANCE_CONTACT (build): not set');
  expect(output).toContain('all-zero database_id');
}, 60_000);
