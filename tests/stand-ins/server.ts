// Local stand-ins for the services outside our control: Resend's email API and Turnstile's
// siteverify. Tests switch the email API between behaviours to rehearse its outages. Like Resend,
// the email API remembers an idempotency key for a while only (24 hours, on a clock the test
// moves), answers 409 to a second request with a key still being processed, and refuses a bad key.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type EmailApiMode =
  | 'ok'
  | 'fail'
  | 'timeout'
  | 'rate-limit'
  | 'reject'
  | 'lost-answer'
  /** 401: the key was revoked. */
  | 'bad-key'
  /** 403: the sender's domain is not verified. */
  | 'unverified-domain';

/** What a test may change through `POST <scope>/_control`. */
export interface EmailApiControl {
  mode?: EmailApiMode;
  reset?: boolean;
  /** The stand-in's clock, which ages idempotency keys (ISO time; the real clock by default). */
  clock?: string;
  /** How long a key is remembered (Resend: 24 hours). */
  keyMemoryMs?: number;
  /** How long each accepted send takes before its answer, while its key counts as in flight. */
  delayMs?: number;
}

export interface SentEmail {
  idempotencyKey: string | undefined;
  /** When the API accepted it (ms since the epoch): speed to lead ends here. */
  acceptedAt: number;
  from: string;
  to: string[];
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
}

// Turnstile's documented test secrets: one always passes, one always fails. Like Cloudflare's,
// a passing answer names the hostname "example.com".
const TURNSTILE_PASS = '1x0000000000000000000000000000000AA';
/**
 * Secrets of our own that rehearse Turnstile's faults: an answer that never comes, a 5xx, a
 * pass for a token solved on another site, and a pass for the site at the given hostname.
 */
const TURNSTILE_FAULTS = /^fault-(hang|500|503|other-host|host:([\w.-]+))$/;

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(response: ServerResponse, status: number, value: unknown, headers = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(value));
}

const DAY_MS = 24 * 3_600_000;

interface EmailApiState {
  mode: EmailApiMode;
  attempts: number;
  sent: SentEmail[];
  /** The id sent under each key, and when (on the stand-in's clock). */
  byKey: Map<string, { id: string; at: number }>;
  /** Keys of requests still being processed. */
  inFlight: Set<string>;
  clockOffsetMs: number;
  keyMemoryMs: number;
  delayMs: number;
  /** Calls left unanswered, ended when the scope's mode changes or the server closes. */
  held: ServerResponse[];
}

// Worker test files run in parallel against one stand-in: each gets its own email API under
// /t/<scope>/, so one file's outage is not another's. The root is the scope the browser tests use.
const SCOPED = /^\/t\/([\w-]+)(\/.*)$/;

export function createStandIn() {
  const apis = new Map<string, EmailApiState>();
  const apiFor = (scope: string) => {
    const api: EmailApiState = apis.get(scope) ?? {
      mode: 'ok',
      attempts: 0,
      sent: [],
      byKey: new Map(),
      inFlight: new Set(),
      clockOffsetMs: 0,
      keyMemoryMs: DAY_MS,
      delayMs: 0,
      held: [],
    };
    apis.set(scope, api);
    return api;
  };

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    // A caller that gave up while still sending (a timeout under load) needs no answer.
    const text = await body(request).catch(() => undefined);
    if (text === undefined) return;
    const [, scope = '', path = url.pathname] = SCOPED.exec(url.pathname) ?? [];
    const api = apiFor(scope);

    if (path === '/emails' && request.method === 'POST') {
      api.attempts += 1;
      const { mode } = api;
      if (!request.headers.authorization?.startsWith('Bearer re_')) {
        return json(response, 401, {
          statusCode: 401,
          name: 'missing_api_key',
          message: 'Missing API key',
        });
      }
      if (mode === 'bad-key') {
        return json(response, 401, {
          statusCode: 401,
          name: 'validation_error',
          message: 'API key is invalid',
        });
      }
      if (mode === 'unverified-domain') {
        return json(response, 403, {
          statusCode: 403,
          name: 'validation_error',
          message: 'The example.com domain is not verified.',
        });
      }
      if (mode === 'timeout') return void api.held.push(response);
      if (mode === 'fail')
        return json(response, 500, {
          statusCode: 500,
          name: 'internal_server_error',
          message: 'down',
        });
      if (mode === 'rate-limit') {
        return json(
          response,
          429,
          { statusCode: 429, name: 'rate_limit_exceeded', message: 'slow down' },
          { 'retry-after': '120' },
        );
      }
      if (mode === 'reject')
        return json(response, 422, {
          statusCode: 422,
          name: 'validation_error',
          message: 'bad to',
        });
      const key = request.headers['idempotency-key'] as string | undefined;
      if (key && api.inFlight.has(key)) {
        return json(response, 409, {
          statusCode: 409,
          name: 'concurrent_idempotent_requests',
          message: 'Another request with this idempotency key is in progress.',
        });
      }
      const now = Date.now() + api.clockOffsetMs;
      const known = key ? api.byKey.get(key) : undefined;
      // Like Resend: a key seen within its memory gets the first answer and sends nothing new;
      // an older one is forgotten, and the same email is sent again.
      let id = known && now - known.at < api.keyMemoryMs ? known.id : undefined;
      if (!id) {
        id = `stand-in-${api.sent.length + 1}`;
        const email = JSON.parse(text) as Omit<SentEmail, 'idempotencyKey'> & {
          reply_to?: string;
        };
        api.sent.push({
          ...email,
          idempotencyKey: key,
          acceptedAt: Date.now(),
          ...(email.reply_to ? { replyTo: email.reply_to } : {}),
        });
        if (key) api.byKey.set(key, { id, at: now });
        if (key && api.delayMs > 0) {
          api.inFlight.add(key);
          await new Promise((resolve) => setTimeout(resolve, api.delayMs));
          api.inFlight.delete(key);
        }
      }
      // The email is sent, but its answer never arrives: the caller must retry without a duplicate.
      if (mode === 'lost-answer') return void api.held.push(response);
      return json(response, 200, { id });
    }

    if (path === '/turnstile/siteverify' && request.method === 'POST') {
      const form = new URLSearchParams(text);
      const [, fault, host] = TURNSTILE_FAULTS.exec(form.get('secret') ?? '') ?? [];
      if (fault === 'hang') return void api.held.push(response);
      if (fault === '500' || fault === '503') return json(response, Number(fault), {});
      const passes =
        form.get('secret') === TURNSTILE_PASS || Boolean(host) || fault === 'other-host';
      const success = passes && Boolean(form.get('response'));
      const hostname = host ?? (fault === 'other-host' ? 'phishing.example' : 'example.com');
      return json(response, 200, {
        success,
        'error-codes': success ? [] : ['invalid-input-response'],
        ...(success ? { hostname, challenge_ts: new Date().toISOString() } : {}),
      });
    }

    if (path === '/_control' && request.method === 'POST') {
      const change = JSON.parse(text || '{}') as EmailApiControl;
      if (change.reset) {
        api.sent.length = 0;
        api.byKey.clear();
        api.inFlight.clear();
        api.attempts = 0;
        api.clockOffsetMs = 0;
        api.keyMemoryMs = DAY_MS;
        api.delayMs = 0;
      }
      if (change.mode) api.mode = change.mode;
      if (change.clock) api.clockOffsetMs = new Date(change.clock).getTime() - Date.now();
      if (change.keyMemoryMs !== undefined) api.keyMemoryMs = change.keyMemoryMs;
      if (change.delayMs !== undefined) api.delayMs = change.delayMs;
      for (const waiting of api.held.splice(0)) waiting.destroy();
      return json(response, 200, { mode: api.mode });
    }

    // Counts only, for a benchmark that polls without slowing the stand-in it measures.
    if (path === '/_sent' && url.searchParams.has('count')) {
      return json(response, 200, { attempts: api.attempts, count: api.sent.length });
    }
    if (path === '/_sent') return json(response, 200, { attempts: api.attempts, sent: api.sent });
    json(response, 404, { message: 'unknown stand-in path' });
  });

  return {
    server,
    async listen(port = 0): Promise<string> {
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      const address = server.address();
      if (!address || typeof address === 'string') throw new Error('stand-in has no port');
      return `http://127.0.0.1:${address.port}`;
    },
    async close() {
      for (const api of apis.values()) for (const waiting of api.held.splice(0)) waiting.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
