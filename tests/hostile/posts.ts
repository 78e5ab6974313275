// A form post of ours as data: the fields each form takes, a valid one, and how a browser or a
// script turns it into a Request. The generators in requests.ts vary these; the property tests
// and scripts/fuzz-leads.mjs send them. Imports nothing that needs workerd or a build.
import { ASSESSMENT_SAMPLE, CONTACT_SAMPLE } from '../fixtures/lead-samples.ts';

export type LeadForm = 'assessment' | 'contact';
export type Entry = [name: string, value: string];

export type HostileBody =
  | { encoding: 'urlencoded'; entries: Entry[] }
  | { encoding: 'multipart'; entries: Entry[]; file: boolean }
  | { encoding: 'raw'; contentType: string | undefined; text: string };

export interface HostilePost {
  form: LeadForm;
  body: HostileBody;
  /** Accept: application/json, as the page script asks; otherwise the HTML form path. */
  json: boolean;
}

export const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Where each form posts. */
export const POST_PATH: Record<LeadForm, string> = {
  assessment: '/assessment/request/',
  contact: '/contact/send/',
};

const ATTRIBUTION = ['page', 'referrer', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term'];
const SIGNALS = [
  'utm_content',
  'tz',
  'consentVersion',
  'website',
  'fillMs',
  'startedAt',
  'submissionKey',
];
const HIDDEN = [...ATTRIBUTION, ...SIGNALS, 'cf-turnstile-response'];

/** Every field each form takes. */
export const FIELDS: Record<LeadForm, string[]> = {
  contact: ['name', 'email', 'company', 'topic', 'message', 'consent', ...HIDDEN],
  assessment: [
    'name',
    'email',
    'company',
    'role',
    'companySize',
    'industry',
    'stage',
    'goals',
    'timeline',
    'region',
    'phone',
    'consent',
    'marketing',
    ...HIDDEN,
  ],
};

/** Fields whose text reaches an email or a stored column as it was typed. */
export const DISPLAYED: Record<LeadForm, string[]> = {
  contact: ['name', 'email', 'company', 'message', ...ATTRIBUTION],
  assessment: ['name', 'email', 'company', 'role', 'goals', 'phone', ...ATTRIBUTION],
};

/** A form as a person sends it without JavaScript (so no fill-time signal). */
export function validEntries(form: LeadForm): Entry[] {
  return Object.entries(form === 'contact' ? CONTACT_SAMPLE : ASSESSMENT_SAMPLE);
}

export const BOUNDARY = '----fuzz7MA4YWxkTrZu0gW';
export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

/** A multipart body as a browser encodes it: line breaks as CRLF, quotes and breaks in names escaped. */
export function multipartText(entries: Entry[], file = false): string {
  const crlf = (text: string) => text.replace(/\r\n|\r|\n/g, '\r\n');
  const name = (text: string) =>
    crlf(text).replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
  const parts = entries.map(
    ([field, value]) =>
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name(field)}"\r\n\r\n${crlf(value)}\r\n`,
  );
  if (file) {
    parts.push(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachment"; filename="x.html"\r\n` +
        'Content-Type: text/html\r\n\r\n<script>alert(1)</script>\r\n',
    );
  }
  return `${parts.join('')}--${BOUNDARY}--\r\n`;
}

/** The post as a Request, built the way a browser or a script would send it. */
export function toRequest(url: string, post: HostilePost, headers: Record<string, string> = {}) {
  const all = new Headers(headers);
  if (post.json) all.set('accept', 'application/json');
  let text: string;
  if (post.body.encoding === 'urlencoded') {
    text = new URLSearchParams(post.body.entries).toString();
    all.set('content-type', FORM_TYPE);
  } else if (post.body.encoding === 'multipart') {
    text = multipartText(post.body.entries, post.body.file);
    all.set('content-type', MULTIPART_TYPE);
  } else {
    text = post.body.text;
    if (post.body.contentType !== undefined) all.set('content-type', post.body.contentType);
  }
  // Bytes, not a string: a string body would get text/plain from the Request constructor.
  const body = new TextEncoder().encode(text);
  return new Request(url, { method: 'POST', body, headers: all });
}
