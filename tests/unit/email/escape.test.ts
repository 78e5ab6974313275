// Escaping: the html template on its own, then every email with hostile text in each value it is
// given, whether a visitor typed it, a staff member's address carries it or the store returns it.
import { describe, expect, it } from 'vitest';
import type { LeadEvent } from '../../../functions/audit/trail';
import { escapeHtml, html, raw, withBreaks } from '../../../functions/email/templates/escape';
import type { RenderedEmail } from '../../../functions/email/templates/layout';
import type { OpenLead } from '../../../src/lib/leads/lead';
import {
  ack,
  assessmentLead,
  at,
  claimed,
  contactLead,
  digest,
  escalate,
  openLead,
  OUR_TAGS,
  remind,
  sales,
  SITE_URL,
} from './helpers';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  'Tom &amp; Jerry',
];

/** Never markup in the HTML, never our tags or entities in the text; shown as typed where shown. */
function expectEscaped(email: RenderedEmail, payload: string, shown: boolean) {
  expect(email.html).not.toContain(payload);
  expect(email.text).not.toMatch(OUR_TAGS);
  expect(email.text).not.toContain('&lt;');
  if (shown) {
    expect(email.html).toContain(escapeHtml(payload));
    expect(email.text).toContain(payload);
  }
}

describe('escapeHtml and the html template', () => {
  it.each([
    ['<script>', '&lt;script&gt;'],
    ['"quoted"', '&quot;quoted&quot;'],
    ["O'Brien", 'O&#39;Brien'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['&amp;', '&amp;amp;'],
    ['plain', 'plain'],
  ])('escapes %j as %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it('escapes every interpolated value unless it is our own fragment', () => {
    const value = '<b>"x"</b>';
    expect(html`<p title="${value}">${value}${raw('<br>')}${[value, 1]}</p>`.markup).toBe(
      '<p title="&lt;b&gt;&quot;x&quot;&lt;/b&gt;">&lt;b&gt;&quot;x&quot;&lt;/b&gt;<br>&lt;b&gt;&quot;x&quot;&lt;/b&gt;1</p>',
    );
  });

  it('turns line breaks into <br> only after escaping', () => {
    expect(withBreaks('a<br>\nb\r\nc').markup).toBe('a&lt;br&gt;<br>b<br>c');
  });
});

describe('every value the visitor typed is escaped', () => {
  // [form, field, shown in the visitor's acknowledgement too: only the company, of all they type]
  const fields = [
    ['assessment', 'name', false],
    ['assessment', 'email', false],
    ['assessment', 'company', true],
    ['assessment', 'role', false],
    ['assessment', 'goals', false],
    ['assessment', 'phone', false],
    ['contact', 'name', false],
    ['contact', 'email', false],
    ['contact', 'company', true],
    ['contact', 'message', false],
  ] as const;

  describe.each(PAYLOADS)('payload %j', (payload) => {
    it.each(fields)('%s %s', (form, field, inAck) => {
      const lead =
        form === 'assessment'
          ? assessmentLead({ [field]: payload })
          : contactLead({ [field]: payload });
      expectEscaped(sales(lead), payload, true);
      expectEscaped(ack(lead), payload, inAck);
    });

    it('in the page, the referring page and the UTM values', () => {
      const path = `/blog/${payload}`;
      const email = sales(
        assessmentLead(
          {},
          { attribution: { page: path, referrer: path, utm: { source: payload, term: payload } } },
        ),
      );
      expect(email.html).not.toContain(payload);
      expect(email.html).toContain(`href="${escapeHtml(SITE_URL + path)}"`);
      expect(email.text).toContain(`Sent from page: ${SITE_URL}${path}`);
      expect(email.text).toContain(`utm_term: ${payload}`);
      expect(email.text).not.toMatch(OUR_TAGS);
    });
  });
});

describe('every value from a visitor, a staff member or the store is escaped', () => {
  type Which = 'reminder' | 'escalation' | 'digest';
  const all: Which[] = ['reminder', 'escalation', 'digest'];

  // [field of the lead, the emails that show it]
  const fields: [keyof OpenLead, Which[]][] = [
    ['name', all],
    ['company', all],
    ['email', all],
    ['claimedBy', all],
    ['ownerName', ['escalation', 'digest']],
    ['teamName', ['escalation']],
  ];

  describe.each(PAYLOADS)('payload %j', (payload) => {
    it.each(fields)("in the lead's %s", (field, shownIn) => {
      const lead = openLead({ ...claimed, [field]: payload });
      const emails: Record<Which, RenderedEmail> = {
        reminder: remind(lead),
        escalation: escalate(lead),
        digest: digest([lead]),
      };
      for (const which of all) expectEscaped(emails[which], payload, shownIn.includes(which));
    });

    it("in an event's actor and detail", () => {
      const event: LeadEvent = {
        type: 'claimed',
        actor: payload,
        at: at('2026-11-26T04:30:00Z'),
        detail: payload,
      };
      expectEscaped(escalate(openLead(), [event]), payload, true);
    });

    it('in the team name of a digest', () => {
      expectEscaped(digest([openLead()], undefined, payload), payload, true);
    });
  });
});
