// The arrows between the Worker's rooms are enforced by ESLint (eslint.config.js), not hoped for:
// a forbidden import or a circle fails `npm run check`. Each case lints a file as if it stood at
// the path given, so nothing is added to the tree.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

// Loading the parsers and plugins takes seconds on a busy machine; do it once, before the cases.
beforeAll(() => eslint.lintText('export {};\n', { filePath: 'functions/log.ts' }), 60_000);

async function rulesBroken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe.each([
  ['functions/email/outbox.ts', "import { submitLead } from '../leads/submit';"],
  [
    'functions/email/templates/escalation.ts',
    "import { findLead } from '../../follow-up/open-leads';",
  ],
  ['functions/follow-up/actions.ts', "import { routeLead } from '../leads/routing';"],
  ['functions/leads/submit.ts', "import { sweep } from '../sweep/index';"],
  ['functions/audit/trail.ts', "import { enqueueStatement } from '../email/outbox';"],
  ['functions/settings.ts', "import { log } from './email/deliver';"],
  ['functions/access/people.ts', "import { inboxPage } from '../desk/inbox';"],
  ['functions/leads/submit.ts', "import { leadRecord } from '../desk/lead-record';"],
  ['functions/integrations/bookings.ts', "import { sweep } from '../sweep/index';"],
  ['functions/leads/submit.ts', "import { receiveBooking } from '../integrations/bookings';"],
  ['functions/email/outbox.ts', "import { followUpOf } from '../integrations/bounces';"],
  ['src/lib/leads/answer.ts', "import { jsonAnswer } from '../../../functions/leads/answer';"],
  ['src/components/Fake.ts', "import { ROUTING } from '../../functions/teams';"],
])('%s', (filePath, line) => {
  it(`may not say: ${line}`, async () => {
    expect(
      await rulesBroken(
        filePath,
        `${line}\nexport const used = [${line.match(/\{ (\w+)/)![1]}];\n`,
      ),
    ).toContain('no-restricted-imports');
  });
});

describe.each([
  ['functions/leads/submit.ts', "import { enqueueStatement } from '../email/outbox';"],
  ['functions/sweep/digests.ts', "import { openLeadsByTeam } from '../follow-up/open-leads';"],
  [
    'functions/email/templates/lead-facts.ts',
    "import type { OpenLead } from '../../../src/lib/leads/lead';",
  ],
  ['src/pages/fake.ts', "import { healthReport } from '../../functions/health';"],
  ['functions/integrations/bounces.ts', "import { findLead } from '../follow-up/open-leads';"],
  ['functions/integrations/email-events.ts', "import { enqueueStatement } from '../email/outbox';"],
])('%s', (filePath, line) => {
  it(`may say: ${line}`, async () => {
    expect(
      await rulesBroken(
        filePath,
        `${line}\nexport type Used = typeof ${line.match(/\{ (?:type )?(\w+)/)![1]};\n`,
      ),
    ).not.toContain('no-restricted-imports');
  });
});

describe('a circle of imports', () => {
  const folder = mkdtempSync(join(process.cwd(), 'functions', 'lint-circle-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('fails the lint', async () => {
    writeFileSync(join(folder, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
    writeFileSync(join(folder, 'b.ts'), "import { a } from './a';\nexport const b = () => a;\n");
    const results = await eslint.lintFiles([join(folder, 'a.ts')]);
    const rules = results.flatMap((result) => result.messages.map((message) => message.ruleId));
    expect(rules).toContain('import-x/no-cycle');
  });
});
