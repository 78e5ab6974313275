// Failing closed: while the settings are refused (see settings.ts), the Worker takes nothing in.
// Every POST (a form, a link's confirmation, a desk action) is answered 503 with the reason in our
// words, before any page runs, so nobody is told "thank you" for a lead that could not be stored
// and notified properly. Pages still show; /api/health/ names each problem for the operator.
import type { RefusedAnswer } from '../src/lib/leads/answer';
import { log } from './log';
import { checkSettings } from './settings';

const MESSAGE =
  'We cannot take forms on this site just now: its setup is incomplete, and nothing you sent was stored. Please try again later.';

export function refusedWhileMisconfigured(request: Request, env: object): Response | null {
  if (request.method === 'GET' || request.method === 'HEAD') return null;
  const checked = checkSettings(env);
  if (checked.ok) return null;
  log('error', 'settings_refused', { problems: checked.problems.length });
  const headers = { 'Cache-Control': 'no-store', 'Retry-After': '600' };
  if (request.headers.get('accept')?.includes('application/json')) {
    const message = `${MESSAGE} What you typed is still here.`;
    const body: RefusedAnswer = { ok: false, message, errors: {} };
    return Response.json(body, { status: 503, headers });
  }
  return new Response(MESSAGE, {
    status: 503,
    headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
