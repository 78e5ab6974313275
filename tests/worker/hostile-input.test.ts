// Hostile input down the real request path (answerLeadPost, real D1), as properties: whatever
// arrives, the visitor gets a clear answer, the Worker does not break, and nothing reaches an email
// unescaped or changes where it goes. FUZZ_RUNS=5000 npm run fuzz:worker runs them long.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerLeadPost, type FormPageState } from '../../functions/leads/post';
import { disarm } from '../../functions/email/templates/visitor-text';
import { escapeHtml } from '../../functions/email/templates/escape';
import { INVISIBLE } from '../../src/lib/leads/fields';
import { LINE_BREAKS_AND_NUL, UNICODE, foreignFieldName, hostileText } from '../hostile/payloads';
import {
  DISPLAYED,
  FIELDS,
  FORM_TYPE,
  validEntries,
  type Entry,
  type HostilePost,
  type LeadForm,
} from '../hostile/posts';
import { hostilePost } from '../hostile/requests';
import { rows } from './helpers';
import {
  accepted,
  expectClearAnswer,
  expectSafeEmails,
  FUZZ,
  FUZZ_TIMEOUT,
  send,
} from './hostile-helpers';

const form = fc.constantFrom<LeadForm>('contact', 'assessment');
const post = (
  form: LeadForm,
  entries: Entry[],
  multipart: boolean,
  json: boolean,
): HostilePost => ({
  form,
  json,
  body: multipart
    ? { encoding: 'multipart', entries, file: false }
    : { encoding: 'urlencoded', entries },
});
const leadCount = async () => (await rows('SELECT id FROM leads')).length;

describe('any hostile post', () => {
  it(
    'gets a stored lead or a 4xx that says what to fix; never a 5xx, never an exception',
    async () => {
      let acceptedCount = 0;
      await fc.assert(
        fc.asyncProperty(hostilePost(), async (hostile) => {
          const before = await leadCount();
          const answer = await send(hostile);
          await expectClearAnswer(answer);
          if (accepted(answer)) {
            acceptedCount++;
            await expectSafeEmails(answer);
          }
          // Refused means nothing kept: no half-stored lead, no email owed.
          expect(await leadCount()).toBe(before + (accepted(answer) ? 1 : 0));
        }),
        FUZZ,
      );
      // Some hostile text must get through to the emails, or their checks prove nothing.
      expect(acceptedCount).toBeGreaterThan(FUZZ.numRuns / 20);
    },
    FUZZ_TIMEOUT,
  );
});

describe('a CR, LF or NUL in any field that reaches an email', () => {
  const SAMPLE: Record<string, string> = { referrer: '/blog/', utm_medium: 'email', role: 'CTO' };

  it(
    'is refused with a message on that field, or trimmed away before anything is stored',
    async () => {
      const cases = form.chain((form) =>
        fc.record({
          form: fc.constant(form),
          field: fc.constantFrom(...DISPLAYED[form]),
          bad: fc.constantFrom(...LINE_BREAKS_AND_NUL),
          at: fc.nat(30),
          multipart: fc.boolean(),
          json: fc.boolean(),
        }),
      );
      await fc.assert(
        fc.asyncProperty(cases, async ({ form, field, bad, at, multipart, json }) => {
          const entries = validEntries(form).filter(([name]) => name !== field);
          const value =
            validEntries(form).find(([name]) => name === field)?.[1] ?? SAMPLE[field] ?? 'x';
          const cut = Math.min(at, value.length);
          entries.push([field, value.slice(0, cut) + bad + value.slice(cut)]);
          const answer = await send(post(form, entries, multipart, json));
          if (!accepted(answer)) {
            expect(answer.status).toBe(422);
            expect(answer.errors[field]).toMatch(/\p{L}{3,}/u);
            return;
          }
          const [lead] = await rows<{ fields: string }>(
            'SELECT fields FROM leads WHERE id = ?',
            answer.leadId,
          );
          const stored = String(JSON.parse(lead?.fields ?? '{}')[field] ?? '');
          const multiLine = field === 'message' || field === 'goals';
          expect(stored).not.toMatch(multiLine ? /\u0000/ : /[\r\n\u0000]/);
          await expectSafeEmails(answer);
        }),
        FUZZ,
      );
    },
    FUZZ_TIMEOUT,
  );
});

describe('fields no form of ours sends', () => {
  it(
    'a field the form does not have is refused, whatever its name',
    async () => {
      const cases = form.chain((form) =>
        fc.record({
          form: fc.constant(form),
          name: foreignFieldName.filter((name) => !FIELDS[form].includes(name)),
          value: hostileText,
          multipart: fc.boolean(),
          json: fc.boolean(),
        }),
      );
      await fc.assert(
        fc.asyncProperty(cases, async ({ form, name, value, multipart, json }) => {
          const answer = await send(
            post(form, [...validEntries(form), [name, value]], multipart, json),
          );
          // Some names (an empty one in multipart) the form parser itself cannot read: a 400.
          expect([400, 422]).toContain(answer.status);
          if (answer.status === 422) {
            expect(answer.errors['_form']).toMatch(/does not take the field/);
          } else expect(answer.message).toMatch(/could not be read/);
        }),
        FUZZ,
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'a field sent twice is refused, so no value can hide behind another',
    async () => {
      const cases = form.chain((form) =>
        fc.record({
          form: fc.constant(form),
          field: fc.constantFrom(...validEntries(form).map(([name]) => name)),
          value: hostileText,
          multipart: fc.boolean(),
          json: fc.boolean(),
        }),
      );
      await fc.assert(
        fc.asyncProperty(cases, async ({ form, field, value, multipart, json }) => {
          const entries: Entry[] = [...validEntries(form), [field, value]];
          const answer = await send(post(form, entries, multipart, json));
          expect(answer.status).toBe(422);
          expect(answer.errors['_form']).toMatch(new RegExp(`more than once: .*${field}`));
        }),
        FUZZ,
      );
    },
    FUZZ_TIMEOUT,
  );
});

describe('text in any script', () => {
  // What the server receives: a browser sends UTF-8, in which a lone surrogate becomes U+FFFD.
  const asSent = (text: string) => new TextDecoder().decode(new TextEncoder().encode(text));
  const personText = fc
    .array(fc.oneof(fc.constantFrom(...UNICODE), fc.string({ unit: 'grapheme', minLength: 1 })), {
      minLength: 1,
      maxLength: 4,
    })
    .map((parts) => asSent(parts.join('')).trim())
    .filter((text) => text.length > 0 && !/[\u0000-\u001f\u007f\u2028\u2029]/.test(text));

  it(
    'emoji, combining marks, NFC or NFD arrive in the emails as typed; a name loses only its direction and zero-width marks',
    async () => {
      // Single-line fields drop these, so a name cannot reorder how a subject line reads.
      const shown = (name: string) => name.replace(INVISIBLE, '').trim();
      const cases = fc.record({
        name: personText.filter((name) => name.length <= 100 && shown(name).length > 0),
        words: personText,
        multipart: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(cases, async ({ name, words, multipart }) => {
          const message = `A message: ${words}`;
          const entries = validEntries('contact').map(([field, value]): Entry => [
            field,
            field === 'name' ? name : field === 'message' ? message : value,
          ]);
          const answer = await send(post('contact', entries, multipart, true));
          expect(answer.status).toBe(200);
          const [lead] = await rows<{ name: string }>(
            'SELECT name FROM leads WHERE id = ?',
            answer.leadId,
          );
          expect(lead?.name).toBe(shown(name));
          const [sales] = await rows<{ html: string; text: string }>(
            "SELECT html, text FROM emails WHERE lead_id = ? AND kind = 'sales-notification'",
            answer.leadId,
          );
          // Shown as typed, save that anything shaped like a web address is disarmed.
          expect(sales?.text).toContain(`Name: ${disarm(shown(name))}\n`);
          expect(sales?.text).toContain(disarm(message));
          expect(sales?.html).toContain(escapeHtml(disarm(shown(name))));
          await expectSafeEmails(answer);
        }),
        FUZZ,
      );
    },
    FUZZ_TIMEOUT,
  );
});

describe('bodies that do not end well', () => {
  /** A body sent in 1 KB chunks without a length, that fails after `failAfter` bytes. */
  function streamed(failAfter: number) {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= failAfter) return controller.error(new Error('the client went away'));
        sent += 1024;
        controller.enqueue(new Uint8Array(1024).fill(0x61));
      },
    });
    return new Request('http://localhost/contact/send/', {
      method: 'POST',
      body,
      headers: { 'content-type': FORM_TYPE },
    });
  }
  const answer = (request: Request) =>
    answerLeadPost(request, 'contact', { formPath: '/contact/', waitUntil: () => {} }) as Promise<
      Response | FormPageState
    >;

  it('a body that never ends is refused with 413 once it passes the limit', async () => {
    // The failure at 4 MB is only a safety net: a reader that does not stop meets it and throws.
    const state = (await answer(streamed(4 * 1024 * 1024))) as FormPageState;
    expect(state.status).toBe(413);
    expect(state.problem).toMatch(/too large/);
  });

  it('a client that goes away halfway through its body gets a 400, not an exception', async () => {
    const before = await leadCount();
    const state = (await answer(streamed(8 * 1024))) as FormPageState;
    expect(state.status).toBe(400);
    expect(state.problem).toMatch(/could not be read/);
    expect(await leadCount()).toBe(before);
  });
});
