// Local stand-ins for the services outside our control: Resend's email API and Turnstile's
// siteverify. Tests switch the email API between behaviours to rehearse its outages.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type EmailApiMode = 'ok' | 'fail' | 'timeout' | 'rate-limit' | 'reject';

export interface SentEmail {
  idempotencyKey: string | undefined;
  from: string;
  to: string[];
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
}

// Turnstile's documented test secrets: one always passes, one always fails.
const TURNSTILE_PASS = '1x0000000000000000000000000000000AA';

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(response: ServerResponse, status: number, value: unknown, headers = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(value));
}

export function createStandIn() {
  let mode: EmailApiMode = 'ok';
  let attempts = 0;
  const sent: SentEmail[] = [];
  const byKey = new Map<string, string>();
  const held: ServerResponse[] = [];

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const text = await body(request);

    if (url.pathname === '/emails' && request.method === 'POST') {
      attempts += 1;
      if (!request.headers.authorization?.startsWith('Bearer re_')) {
        return json(response, 401, {
          statusCode: 401,
          name: 'missing_api_key',
          message: 'Missing API key',
        });
      }
      if (mode === 'timeout') return void held.push(response);
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
      // Like Resend: a repeated idempotency key gets the first answer and sends nothing new.
      if (key && byKey.has(key)) return json(response, 200, { id: byKey.get(key) });
      const id = `stand-in-${sent.length + 1}`;
      const email = JSON.parse(text) as Omit<SentEmail, 'idempotencyKey'> & { reply_to?: string };
      sent.push({
        ...email,
        idempotencyKey: key,
        ...(email.reply_to ? { replyTo: email.reply_to } : {}),
      });
      if (key) byKey.set(key, id);
      return json(response, 200, { id });
    }

    if (url.pathname === '/turnstile/siteverify' && request.method === 'POST') {
      const form = new URLSearchParams(text);
      const success = form.get('secret') === TURNSTILE_PASS && Boolean(form.get('response'));
      return json(response, 200, {
        success,
        'error-codes': success ? [] : ['invalid-input-response'],
      });
    }

    if (url.pathname === '/_control' && request.method === 'POST') {
      const change = JSON.parse(text || '{}') as { mode?: EmailApiMode; reset?: boolean };
      if (change.reset) {
        sent.length = 0;
        byKey.clear();
        attempts = 0;
      }
      if (change.mode) mode = change.mode;
      for (const waiting of held.splice(0)) waiting.destroy();
      return json(response, 200, { mode });
    }

    if (url.pathname === '/_sent') return json(response, 200, { attempts, sent });
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
      for (const waiting of held.splice(0)) waiting.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
