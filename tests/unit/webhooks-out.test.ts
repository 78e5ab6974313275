// The outbound webhooks' pure parts: which receiver answers end an event, how visitor text is
// escaped for each chat, and which settings turn them on (issue 13).
import { describe, expect, it } from 'vitest';
import { classifyReceiverStatus } from '../../functions/email/webhook-transport';
import { escapeSlack, escapeTeams, teamsBody } from '../../functions/email/webhooks/chat-alert';
import { checkSettings } from '../../functions/settings';
import { ROUTING } from '../../functions/teams';
import type { Routing } from '../../src/lib/leads/routing-schema';

describe('a receiver answering', () => {
  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [400, 'refused'],
    [401, 'refused'],
    [404, 'refused'],
    [410, 'refused'],
  ] as const)('%i means %s', (status, verdict) => {
    expect(classifyReceiverStatus(status)).toBe(verdict);
  });
});

describe('visitor text in a chat', () => {
  it('Slack: &, < and > are escaped, so <!channel> pings nobody', () => {
    expect(escapeSlack('<!channel> & <b>')).toBe('&lt;!channel&gt; &amp; &lt;b&gt;');
  });

  it('Teams: markdown is escaped, so a name is neither bold nor a link', () => {
    expect(escapeTeams('*Boss* [click](x) _a_ `c` <at>all</at>')).toBe(
      '\\*Boss\\* \\[click\\](x) \\_a\\_ \\`c\\` \\<at\\>all\\</at\\>',
    );
  });

  it('Teams: the card carries the escaped, disarmed name and a button to the desk', () => {
    const body = JSON.stringify(
      teamsBody(
        {
          id: 'lead-1',
          form: 'contact',
          name: '**Urgent** https://pay.example',
          company: null,
          teamName: 'General',
          ownerName: 'Asha',
          replyBy: new Date('2026-11-26T09:00:00Z'),
        },
        'https://www.nyarro.in/desk/leads/lead-1/',
      ),
    );
    expect(body).toContain('\\\\*\\\\*Urgent\\\\*\\\\* hxxps\\\\[://\\\\]pay\\\\[.\\\\]example');
    expect(body).toContain('"url":"https://www.nyarro.in/desk/leads/lead-1/"');
  });
});

const READY = {
  SITE_URL: 'https://www.nyarro.in',
  EMAIL_FROM: 'Nyarro Technologies <hello@nyarro.in>',
  LEAD_LINK_SECRET: 'a'.repeat(64),
  RESEND_API_KEY: 're_live',
};
const SECRET = 'whsec_Y3JtLXN0YW5kLWluLXdlYmhvb2stc2VjcmV0LWtleQ==';
const realRouting: Routing = JSON.parse(
  JSON.stringify(ROUTING).replaceAll('@example.com', '@nyarro.in'),
) as Routing;
const problems = (env: Record<string, string>) => {
  const checked = checkSettings({ ...READY, ...env }, realRouting);
  return checked.ok ? [] : checked.problems;
};

describe('the settings', () => {
  it('leave both off when unset', () => {
    expect(problems({})).toEqual([]);
  });

  it('take an https receiver with its secret', () => {
    expect(
      problems({
        LEAD_WEBHOOK_URL: 'https://hooks.zapier.com/hooks/catch/1/abc/',
        LEAD_WEBHOOK_SECRET: SECRET,
        CHAT_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/x',
        CHAT_KIND: 'slack',
      }),
    ).toEqual([]);
  });

  it.each([
    [{ LEAD_WEBHOOK_URL: 'https://crm.nyarro.in/hook' }, /LEAD_WEBHOOK_SECRET: not set/],
    [
      { LEAD_WEBHOOK_URL: 'https://crm.nyarro.in/hook', LEAD_WEBHOOK_SECRET: 'plain-secret' },
      /LEAD_WEBHOOK_SECRET must be whsec_/,
    ],
    [{ CHAT_WEBHOOK_URL: 'http://hooks.slack.com/x' }, /CHAT_WEBHOOK_URL must use https/],
    [{ CHAT_WEBHOOK_URL: 'http://127.0.0.1:9/x' }, /CHAT_WEBHOOK_URL: production sends only/],
    [{ CHAT_WEBHOOK_URL: 'https://hooks.example.com/x' }, /CHAT_WEBHOOK_URL: .* placeholder/],
    [{ CHAT_KIND: 'discord' }, /CHAT_KIND/],
  ])('refuse %o', (env, problem) => {
    expect(problems(env as Record<string, string>)).toEqual([expect.stringMatching(problem)]);
  });

  it('allow a local receiver on http://127.0.0.1 in development', () => {
    expect(
      problems({ ENVIRONMENT: 'development', CHAT_WEBHOOK_URL: 'http://127.0.0.1:9/x' }),
    ).toEqual([]);
  });
});
