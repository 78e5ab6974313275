// What a stored email may contain, checked from the outside. Our templates use a fixed set of
// tags and attributes and link only to our own site; any other markup came from a visitor's text
// that escaped escaping. Shared by the property tests and scripts/fuzz-leads.mjs.
import { MARKUP } from './payloads.ts';

const TAGS = new Set(['html', 'head', 'meta', 'title', 'body', 'table', 'tr', 'td', 'th']);
for (const tag of ['h1', 'h2', 'p', 'a', 'br']) TAGS.add(tag);
const ATTRIBUTES = new Set(['lang', 'charset', 'name', 'content', 'style', 'role', 'width']);
for (const name of ['cellpadding', 'cellspacing', 'border', 'align', 'scope', 'href']) {
  ATTRIBUTES.add(name);
}

// One tag as our templates write it: a known name, then name="value" pairs without < or >.
const TAG = /<\/?([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*\/?>/iy;
const ATTRIBUTE = /([a-z-]+)(?:="([^"]*)")?/gi;
// Controls other than tab, line feed and carriage return have no business in an email body.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// A header is one line: no control character and no Unicode line or paragraph separator.
const HEADER_BREAK = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const around = (text: string, at: number) => text.slice(Math.max(0, at - 30), at + 10);

/**
 * The booking pages of routing.json's members, as a link to them must start ("Pick a time now"
 * adds only its query): the one kind of link in our emails that leaves our site.
 */
export function bookingPages(routing: {
  teams: Record<string, { members: { bookingUrl?: string | undefined }[] }>;
}): string[] {
  return Object.values(routing.teams).flatMap((team) =>
    team.members.flatMap((member) =>
      member.bookingUrl
        ? [`${member.bookingUrl}${member.bookingUrl.includes('?') ? '&' : '?'}`]
        : [],
    ),
  );
}

/** Problems with an email's HTML, or [] when every tag and attribute is our own. */
export function markupProblems(html: string, siteUrl: string, otherPages: string[] = []): string[] {
  const problems: string[] = [];
  const body = html.replace(/^<!doctype html>/i, '');
  for (let at = body.indexOf('<'); at !== -1; at = body.indexOf('<', at + 1)) {
    TAG.lastIndex = at;
    const match = TAG.exec(body);
    const [, tag = '', attributes = ''] = match ?? [];
    if (!match || !TAGS.has(tag.toLowerCase())) {
      problems.push(`markup we did not write: ${JSON.stringify(around(body, at))}`);
      continue;
    }
    for (const [, name = '', value = ''] of attributes.matchAll(ATTRIBUTE)) {
      if (!ATTRIBUTES.has(name.toLowerCase())) problems.push(`attribute ${name} on <${tag}>`);
      const ours = [siteUrl, ...otherPages].some((page) => value.startsWith(page));
      if (name === 'href' && !ours) problems.push(`link off our site: ${value}`);
    }
  }
  for (const fragment of MARKUP) {
    if (html.includes(fragment)) problems.push(`payload unescaped: ${JSON.stringify(fragment)}`);
  }
  const control = CONTROL.exec(html);
  if (control) problems.push(`a control character: ${JSON.stringify(around(html, control.index))}`);
  return problems;
}

/** Problems with the plain-text twin and the subject. */
export function textProblems(email: { subject: string; text: string }): string[] {
  const problems: string[] = [];
  if (HEADER_BREAK.test(email.subject))
    problems.push(`subject breaks the header: ${email.subject}`);
  const control = CONTROL.exec(email.text);
  if (control)
    problems.push(`a control character: ${JSON.stringify(around(email.text, control.index))}`);
  return problems;
}

/** One plain address: nothing that could add a recipient or a header. */
export function isPlainAddress(address: unknown): boolean {
  return typeof address === 'string' && /^[^\s@,;:<>()[\]\\"]+@[A-Za-z0-9.-]+$/.test(address);
}
