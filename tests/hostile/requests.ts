// Hostile form posts, described as data so that two runners can send them: the property tests
// hand them to the pipeline inside workerd, scripts/fuzz-leads.mjs posts them to the running Worker.
import fc from 'fast-check';
import { CONSENT } from '../../src/lib/leads/consent.ts';
import { foreignFieldName, hostileText, oversizedText } from './payloads.ts';

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
const SIGNALS = ['utm_content', 'tz', 'consentVersion', 'website', 'startedAt'];
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
  const common = { consent: 'on', consentVersion: CONSENT.version, page: `/${form}/` };
  const values: Record<string, string> =
    form === 'contact'
      ? {
          name: 'Ravi Mehta',
          email: 'ravi@example.org',
          company: 'Mehta Data',
          topic: 'partnership',
          message: 'We build data platforms and would like to talk about working together.',
          ...common,
        }
      : {
          name: 'Asha Rao',
          email: 'asha@acme.example',
          company: 'Acme Ltd',
          role: 'Head of Data',
          companySize: '250-999',
          industry: 'manufacturing',
          stage: 'pilot-stuck',
          goals: 'Our demand forecasting pilot works, but nobody can run it in production.',
          timeline: 'quarter',
          region: 'india',
          phone: '+91 141 555 0100',
          marketing: 'on',
          referrer: '/blog/why-ai-pilots-stall/',
          utm_source: 'newsletter',
          ...common,
        };
  return Object.entries(values);
}

type Change =
  | { op: 'set' | 'append' | 'prepend' | 'repeat'; field: string; value: string }
  | { op: 'remove'; field: string }
  | { op: 'extra'; field: string; value: string };

function apply(entries: Entry[], change: Change): Entry[] {
  const { op, field } = change;
  if (op === 'remove') return entries.filter(([name]) => name !== field);
  if (op === 'extra' || op === 'repeat') return [...entries, [field, change.value]];
  const edit = (value: string) =>
    op === 'set' ? change.value : op === 'append' ? value + change.value : change.value + value;
  const present = entries.some(([name]) => name === field);
  if (!present) return [...entries, [field, edit('')]];
  return entries.map(([name, value]): Entry => [name, name === field ? edit(value) : value]);
}

function changes(form: LeadForm, value: fc.Arbitrary<string>) {
  const field = fc.constantFrom(...FIELDS[form]);
  return fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.record({ op: fc.constant('append' as const), field, value }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('prepend' as const), field, value }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('set' as const), field, value }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), field }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('repeat' as const), field, value }) },
      {
        weight: 1,
        arbitrary: fc.record({
          op: fc.constant('extra' as const),
          field: foreignFieldName,
          value: hostileText,
        }),
      },
    ),
    { minLength: 1, maxLength: 4 },
  );
}

/** A form of ours with hostile text in some of its fields, sent as a browser would encode it. */
export function hostileFieldsPost(value: fc.Arbitrary<string> = hostileText) {
  return fc
    .constantFrom<LeadForm>('contact', 'assessment')
    .chain((form) =>
      fc.record({
        form: fc.constant(form),
        entries: changes(form, value).map((list) => list.reduce(apply, validEntries(form))),
        multipart: fc.boolean(),
        // Now and then a file part: no form of ours has a file input.
        file: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, fc.constant(true)),
        json: fc.boolean(),
      }),
    )
    .map(({ form, entries, multipart, file, json }): HostilePost => ({
      form,
      json,
      body: multipart
        ? { encoding: 'multipart', entries, file }
        : { encoding: 'urlencoded', entries },
    }));
}

const BOUNDARY = '----fuzz7MA4YWxkTrZu0gW';
export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

/** A multipart body as a browser encodes it: line breaks as CRLF, quotes and breaks in names escaped. */
function multipartText(entries: Entry[], file = false): string {
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

const BAD_PERCENT = [
  '%',
  '%z',
  '%zz',
  '%E0%A4',
  '%C0%AF',
  '%ED%A0%80',
  '%FF%FE',
  '%%',
  '+%2',
  '&&',
  '==',
];

/** Bodies no browser sends for our forms: other types, broken encodings, JSON, binary noise. */
export function malformedPost() {
  return fc.constantFrom<LeadForm>('contact', 'assessment').chain((form) => {
    const valid = new URLSearchParams(validEntries(form)).toString();
    const multipart = multipartText(validEntries(form));
    const cut = (text: string) => fc.nat(text.length).map((at) => text.slice(0, at));
    const spliced = (text: string, insert: fc.Arbitrary<string>) =>
      fc
        .tuple(fc.nat(text.length), insert)
        .map(([at, bit]) => text.slice(0, at) + bit + text.slice(at));
    const bodies: Array<fc.Arbitrary<{ contentType: string | undefined; text: string }>> = [
      // Bad percent-encoding inside an otherwise valid form.
      spliced(valid, fc.constantFrom(...BAD_PERCENT)).map((text) => ({
        contentType: FORM_TYPE,
        text,
      })),
      // A multipart body cut short, or with the wrong boundary, or with the wrong kind of part.
      cut(multipart).map((text) => ({ contentType: MULTIPART_TYPE, text })),
      fc
        .constantFrom(
          'multipart/form-data',
          'multipart/form-data; boundary=',
          'multipart/form-data; boundary=other',
          'multipart/form-data; boundary="unterminated',
          MULTIPART_TYPE.replace('form-data', 'mixed'),
        )
        .map((contentType) => ({ contentType, text: multipart })),
      spliced(
        multipart,
        fc.constantFrom(
          '\r\n\r\n',
          `--${BOUNDARY}\r\n`,
          `--${BOUNDARY}--`,
          'Content-Disposition: form-data; name="x"; filename="x.html"\r\n',
          'Content-Type: text/html; charset=utf-16\r\n',
          '"',
        ),
      ).map((text) => ({ contentType: MULTIPART_TYPE, text })),
      // JSON, as a script might send it, under every content type.
      fc
        .tuple(
          fc.oneof(fc.constant(JSON.stringify(Object.fromEntries(validEntries(form)))), fc.json()),
          fc.constantFrom('application/json', 'text/json', FORM_TYPE, undefined),
        )
        .map(([text, contentType]) => ({ contentType, text })),
      // Content types that are not ours, or ours misspelled.
      fc
        .constantFrom(
          undefined,
          '',
          'text/plain',
          'text/html',
          'application/xml',
          'application/octet-stream',
          '*/*',
          'application/x-www-form-urlencodedx',
          'application/x-www-form-urlencoded; charset=utf-16le',
          'APPLICATION/X-WWW-FORM-URLENCODED',
          ' application/x-www-form-urlencoded ;;;',
        )
        .map((contentType) => ({ contentType, text: valid })),
      // Noise.
      fc
        .tuple(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.constantFrom(FORM_TYPE, MULTIPART_TYPE),
        )
        .map(([text, contentType]) => ({ contentType, text })),
    ];
    return fc.record({
      form: fc.constant(form),
      json: fc.boolean(),
      body: fc.oneof(...bodies).map((raw): HostileBody => ({ encoding: 'raw', ...raw })),
    });
  });
}

/** Forms with fields, or the whole body, far beyond every limit. */
export function oversizedPost() {
  return hostileFieldsPost(oversizedText);
}

/** Everything above, mostly hostile fields since those reach the deepest. */
export function hostilePost(): fc.Arbitrary<HostilePost> {
  return fc.oneof(
    { weight: 5, arbitrary: hostileFieldsPost() },
    { weight: 3, arbitrary: malformedPost() },
    { weight: 1, arbitrary: oversizedPost() },
  );
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
