// A stand-in for a Slack incoming webhook: like Slack, it takes a JSON body with `text` (or a
// Teams-style card, which it records as it is) and answers "ok"; anything else is a 400
// "invalid_payload". It records every body for the tests to read.
import { createReceiver } from './receiver.ts';

export function createChatStandIn() {
  return createReceiver((call) => {
    try {
      const body = JSON.parse(call.body) as { text?: unknown; attachments?: unknown };
      if (typeof body.text === 'string' || Array.isArray(body.attachments)) {
        return { status: 200, body: 'ok' };
      }
    } catch {
      // Not JSON: refused below, as Slack refuses it.
    }
    return { status: 400, body: 'invalid_payload' };
  });
}
