// A form POST as the browser sends it, answered as the visitor will see it.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { jsonAnswer } from '../../functions/leads/answer';
import { answerLeadPost, type FormPageState } from '../../functions/leads/post';
import { MAX_BODY_BYTES } from '../../functions/leads/read-form';
import { contactEntries, rows } from './helpers';

const FORM = 'application/x-www-form-urlencoded';
let ip = 0;

function post(body: BodyInit, headers: Record<string, string> = { 'content-type': FORM }) {
  return new Request('http://localhost/contact/send/', { method: 'POST', body, headers });
}

async function answer(request: Request, from = `192.0.2.${++ip}`) {
  const pending: Promise<unknown>[] = [];
  const result = await answerLeadPost(request, 'contact', {
    formPath: '/contact/',
    ip: from,
    waitUntil: (promise) => pending.push(promise),
  });
  await Promise.all(pending);
  return result;
}

const valid = () => new URLSearchParams(contactEntries()).toString();

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare('DELETE FROM emails'), env.DB.prepare('DELETE FROM leads')]);
});

describe('without JavaScript (an HTML form post)', () => {
  it('a stored lead redirects to its confirmation', async () => {
    const response = (await answer(post(valid()))) as Response;
    expect(response.status).toBe(303);
    const [lead] = await rows<{ id: string }>('SELECT id FROM leads');
    expect(response.headers.get('location')).toBe(`/thanks/?lead=${lead!.id}`);
  });

  it('an invalid form comes back with the typed values and a message per field', async () => {
    const body = new URLSearchParams(contactEntries({ email: 'not-an-email', message: 'short' }));
    const state = (await answer(post(body.toString()))) as FormPageState;
    expect(state.status).toBe(422);
    expect(state.values['name']).toBe('Ravi Mehta');
    expect(state.values['message']).toBe('short');
    expect(state.errors['email']).toMatch(/valid email address/);
    expect(state.errors['message']).toMatch(/at least 10 characters/);
  });

  it('a visit to the address by GET goes back to the form', async () => {
    const response = (await answerLeadPost(
      new Request('http://localhost/contact/send/'),
      'contact',
      {
        formPath: '/contact/',
        waitUntil: () => {},
      },
    )) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/contact/');
  });

  it('when D1 fails, the form comes back with a 503, the values and a way to reach us', async () => {
    await env.DB.exec('ALTER TABLE leads RENAME TO leads_away');
    try {
      const state = (await answer(post(valid()))) as FormPageState;
      expect(state.status).toBe(503);
      expect(state.problem).toMatch(/could not take your request.*email us at \S+@/);
      expect(state.values['email']).toBe('ravi@example.org');
    } finally {
      await env.DB.exec('ALTER TABLE leads_away RENAME TO leads');
    }
  });
});

describe('with JavaScript (JSON answers)', () => {
  const json = { 'content-type': FORM, accept: 'application/json' };

  it('a stored lead answers with the reply-by time in the visitor zone and in IST', async () => {
    const body = new URLSearchParams(contactEntries({ tz: 'America/New_York' }));
    const response = (await answer(post(body.toString(), json))) as Response;
    expect(response.status).toBe(200);
    const result = (await response.json()) as Record<string, unknown>;
    expect(result).toMatchObject({ ok: true, sameZone: false });
    expect(result['ist']).toMatch(/IST$/);
    expect(result['local']).toMatch(/GMT-5$/);
  });

  it('an invalid form answers 422 with the field messages', async () => {
    const body = new URLSearchParams(contactEntries({ name: '' }));
    const response = (await answer(post(body.toString(), json))) as Response;
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      ok: false,
      errors: { name: 'Enter your name.' },
    });
  });
});

describe('requests no form of ours sends', () => {
  it.each([
    ['JSON', JSON.stringify({ name: 'x' }), { 'content-type': 'application/json' }, 415],
    ['plain text', 'name=x', { 'content-type': 'text/plain' }, 415],
    ['no content type', 'name=x', {}, 415],
    ['a body over the limit', `name=${'x'.repeat(MAX_BODY_BYTES)}`, { 'content-type': FORM }, 413],
    [
      'a broken multipart body',
      '--x\r\nnot a part',
      { 'content-type': 'multipart/form-data; boundary=x' },
      400,
    ],
  ])('%s is refused with %i and nothing is stored', async (_case, body, headers, status) => {
    const state = (await answer(post(body, headers as Record<string, string>))) as FormPageState;
    expect(state.status).toBe(status);
    expect(state.problem).toMatch(/\w+/);
    expect(await rows('SELECT id FROM leads')).toEqual([]);
  });
});

describe('one address sending form after form', () => {
  const json = { 'content-type': FORM, accept: 'application/json' };
  // The sixth form within a minute from one address is over the limit (wrangler.jsonc).
  async function overTheLimit(headers: Record<string, string>) {
    const address = `198.51.100.${++ip}`;
    for (let sent = 0; sent < 5; sent++) await answer(post(valid(), headers), address);
    return answer(post(valid(), headers), address);
  }

  it('is told with 429 when to try again, in the JSON answer and its Retry-After header', async () => {
    const response = (await overTheLimit(json)) as Response;
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(await response.json()).toMatchObject({ ok: false, message: /wait a minute/ });
  });

  it('without JavaScript gets the form back with 429, Retry-After and what was typed', async () => {
    const state = (await overTheLimit({ 'content-type': FORM })) as FormPageState;
    expect(state.status).toBe(429);
    expect(state.headers['Retry-After']).toBe('60');
    expect(state.problem).toMatch(/wait a minute.*still here/);
    expect(state.values['message']).toMatch(/data platforms/);
  });
});

describe('a post Turnstile could not confirm (with TURNSTILE_SECRET_KEY set)', () => {
  it('is refused with 403 and told to complete the check', async () => {
    const response = jsonAnswer({ kind: 'turnstile-failed' }, 'sales@example.com');
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/complete the check/),
    });
  });
});
