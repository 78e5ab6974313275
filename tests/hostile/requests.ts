// Hostile form posts as fast-check generators: hostile text in our own fields, bodies no browser
// sends, and bodies far over every limit. Shared by the property tests in workerd and the HTTP fuzz.
import fc from 'fast-check';
import { foreignFieldName, hostileText, oversizedText, printableHostileText } from './payloads.ts';
import {
  BOUNDARY,
  DISPLAYED,
  FIELDS,
  FORM_TYPE,
  MULTIPART_TYPE,
  multipartText,
  validEntries,
  type Entry,
  type HostileBody,
  type HostilePost,
  type LeadForm,
} from './posts.ts';

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

/** Markup, scripts and odd Unicode pasted into the fields people type in: mostly accepted. */
export function pastedTextPost() {
  return fc
    .constantFrom<LeadForm>('contact', 'assessment')
    .chain((form) => {
      const typed = DISPLAYED[form].filter((field) => field !== 'email' && field !== 'phone');
      const change = fc.record({
        op: fc.constantFrom('append' as const, 'prepend' as const),
        field: fc.constantFrom(...typed),
        value: printableHostileText,
      });
      return fc.record({
        form: fc.constant(form),
        entries: fc
          .array(change, { minLength: 1, maxLength: 3 })
          .map((list) => list.reduce(apply, validEntries(form))),
        multipart: fc.boolean(),
        json: fc.boolean(),
      });
    })
    .map(({ form, entries, multipart, json }): HostilePost => ({
      form,
      json,
      body: multipart
        ? { encoding: 'multipart', entries, file: false }
        : { encoding: 'urlencoded', entries },
    }));
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

/** Everything above; a third of it gets through to the emails, whose checks then mean something. */
export function hostilePost(): fc.Arbitrary<HostilePost> {
  return fc.oneof(
    { weight: 4, arbitrary: hostileFieldsPost() },
    { weight: 3, arbitrary: pastedTextPost() },
    { weight: 3, arbitrary: malformedPost() },
    { weight: 1, arbitrary: oversizedPost() },
  );
}
