// How the email tests read a rendered email: as a person sees its HTML, and as its plain twin.
import { expect } from 'vitest';
import type { RenderedEmail } from '../../functions/email/templates/layout';

/** What a person reads in the HTML: tags dropped, entities decoded, whitespace collapsed. */
export function visible(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** A labelled value, as both twins show it. */
export function expectRow(email: RenderedEmail, label: string, value: string) {
  expect(email.text).toContain(`${label}: ${value}`);
  expect(visible(email.html)).toContain(` ${label} ${value} `);
}

/** Tags of ours that must never leak into the plain-text twin. */
export const OUR_TAGS = /<\/?(?:html|head|body|meta|title|table|tr|th|td|h1|h2|p|a|br)\b/i;

/** Names that would break a header onto a new line (and add a recipient) if a subject kept them. */
export const NAMES_THAT_BREAK_LINES: [label: string, name: string][] = [
  ['CRLF', 'Asha\r\nBcc: victim@example.com'],
  ['LF', 'Asha\nRao'],
  ['CR', 'Asha\rRao'],
  ['line separator', 'Asha\u2028Rao'],
  ['tab and NUL', 'Asha\t\u0000Rao'],
];
