// What every email takes from the layout, whichever template wrote it: a self-contained HTML
// document beside a plain twin free of our tags, and a subject short enough to read in a list
// that stays one header line.
import { describe, expect, it } from 'vitest';
import type { RenderedEmail } from '../../../functions/email/templates/layout';
import {
  ack,
  assessmentLead,
  contactLead,
  digest,
  DUE_SHORT,
  escalate,
  openLead,
  OUR_TAGS,
  remind,
  sales,
} from './helpers';

/** Names that would break a header onto a new line (and add a recipient) if a subject kept them. */
const NAMES_THAT_BREAK_LINES: [label: string, name: string][] = [
  ['CRLF', 'Asha\r\nBcc: victim@example.com'],
  ['LF', 'Asha\nRao'],
  ['CR', 'Asha\rRao'],
  ['line separator', 'Asha\u2028Rao'],
  ['tab and NUL', 'Asha\t\u0000Rao'],
];

describe('every email is a self-contained document', () => {
  it.each([
    ['sales notification', [sales(assessmentLead()), sales(contactLead())]],
    ['visitor acknowledgement', [ack(assessmentLead()), ack(contactLead())]],
    ['owner reminder', [remind(openLead())]],
    ['escalation', [escalate(openLead())]],
    ['team digest', [digest([openLead()])]],
  ])('%s: the HTML carries no scripts, images or styles from outside', (_template, emails) => {
    for (const email of emails) {
      expect(email.html).toMatch(/^<!doctype html>/);
      expect(email.html).toContain('<meta charset="utf-8"');
      expect(email.html).toMatch(/<html lang="en">/);
      expect(email.html).not.toMatch(/<script|<img|<link|<style|src=/i);
      expect(email.text).not.toMatch(OUR_TAGS);
    }
  });
});

describe('every subject stays short without losing the deadline', () => {
  const long = { name: 'N'.repeat(100), company: 'C'.repeat(150) };
  const endsWithDeadline = new RegExp(`… ?(?:by|was due) ${DUE_SHORT}$`);

  it.each([
    [
      'sales notification',
      sales(assessmentLead(long)),
      [/^Assessment request: N+/, /…\. Reply by Thu 26 Nov, 14:30 IST$/],
    ],
    ['owner reminder', remind(openLead(long)), [endsWithDeadline]],
    ['escalation', escalate(openLead(long)), [endsWithDeadline]],
  ])('%s', (_template, { subject }, patterns) => {
    expect(Array.from(subject).length).toBeLessThanOrEqual(150);
    for (const pattern of patterns) expect(subject).toMatch(pattern);
  });
});

describe('every subject stays on one line', () => {
  // Each template, and the emails it renders for a visitor whose name (and company) breaks lines.
  const TEMPLATES: [template: string, render: (name: string) => RenderedEmail[]][] = [
    [
      'sales notification',
      (name) => [
        sales(assessmentLead({ name })),
        sales(contactLead({ name, company: 'Data\r\nCo' })),
      ],
    ],
    ['owner reminder', (name) => [remind(openLead({ name, company: 'Acme\r\nLtd' }))]],
    ['escalation', (name) => [escalate(openLead({ name, company: 'Acme\r\nLtd' }))]],
    [
      'team digest',
      (name) => [
        digest([openLead({ name, company: 'Acme\r\nLtd' })], undefined, `Team\r\n${name}`),
      ],
    ],
  ];

  describe.each(TEMPLATES)('%s', (_template, render) => {
    it.each(NAMES_THAT_BREAK_LINES)('when a name holds %s', (_case, name) => {
      for (const email of render(name)) {
        expect(email.subject).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029]/);
        expect(email.subject).toContain('Asha');
      }
    });
  });
});
