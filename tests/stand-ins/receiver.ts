// A webhook receiver on this machine, the shape shared by the CRM and chat stand-ins: it records
// each call, and answers as a test commands through `POST <scope>/_control`: normally, 500 (an
// outage), never (a hang), or 410 (the receiver is gone for good). Each test file uses its own
// scope (/t/<scope>/), so one file's outage is not another's.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type ReceiverMode = 'ok' | 'fail' | 'hang' | 'gone';

export interface ReceivedCall {
  headers: Record<string, string>;
  body: string;
  /** The status it was answered with (none for a hung call). */
  status: number | null;
  /** When it arrived, in ms since the epoch. */
  at: number;
}

export interface ReceiverState {
  mode: ReceiverMode;
  calls: ReceivedCall[];
  held: ServerResponse[];
}

/** What the receiver answers a call in 'ok' mode: its status and body. */
export type Judge = (
  call: Omit<ReceivedCall, 'status' | 'at'>,
  scope: string,
) => { status: number; body: string };

const SCOPED = /^\/t\/([\w-]+)(\/.*)$/;

async function read(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of request) chunks.push(chunk as Buffer);
  } catch {
    return undefined;
  }
  return Buffer.concat(chunks).toString('utf8');
}

function flatHeaders(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : (value ?? ''),
    ]),
  );
}

export function createReceiver(judge: Judge) {
  const scopes = new Map<string, ReceiverState>();
  const stateFor = (scope: string) => {
    const state = scopes.get(scope) ?? { mode: 'ok' as ReceiverMode, calls: [], held: [] };
    scopes.set(scope, state);
    return state;
  };
  const send = (response: ServerResponse, status: number, body: string) => {
    response.writeHead(status, { 'content-type': 'text/plain' });
    response.end(body);
  };

  const server: Server = createServer(async (request, response) => {
    const body = await read(request);
    if (body === undefined) return;
    const url = new URL(request.url ?? '/', 'http://receiver');
    const [, scope = '', path = url.pathname] = SCOPED.exec(url.pathname) ?? [];
    const state = stateFor(scope);
    if (path === '/_control' && request.method === 'POST') {
      const change = JSON.parse(body || '{}') as { mode?: ReceiverMode; reset?: boolean };
      if (change.reset) state.calls.length = 0;
      if (change.mode) state.mode = change.mode;
      for (const waiting of state.held.splice(0)) waiting.destroy();
      return send(response, 200, state.mode);
    }
    if (path === '/_received') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(JSON.stringify({ calls: state.calls }));
    }
    if (request.method !== 'POST') return send(response, 405, 'POST only');
    const call: ReceivedCall = {
      headers: flatHeaders(request),
      body,
      status: null,
      at: Date.now(),
    };
    state.calls.push(call);
    if (state.mode === 'hang') return void state.held.push(response);
    const answer =
      state.mode === 'fail'
        ? { status: 500, body: 'receiver down' }
        : state.mode === 'gone'
          ? { status: 410, body: 'this hook was deleted' }
          : judge(call, scope);
    call.status = answer.status;
    send(response, answer.status, answer.body);
  });

  return {
    async listen(port = 0): Promise<string> {
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      const address = server.address();
      if (!address || typeof address === 'string') throw new Error('receiver has no port');
      return `http://127.0.0.1:${address.port}`;
    },
    /** Every scope's calls, for scripts that run one scope (the benchmark). */
    calls: (scope = '') => stateFor(scope).calls,
    async close() {
      for (const state of scopes.values())
        for (const waiting of state.held.splice(0)) waiting.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
