// A stand-in for a CRM or automation tool that receives our lead events (HubSpot workflows,
// Zapier, n8n, Make): it verifies each call's Standard Webhooks signature with the package's own
// verify (webhook-id, webhook-timestamp within five minutes, webhook-signature) and answers 401 to
// a call that fails it, as such receivers do. A call it accepts is a delivery.
import { Webhook } from 'standardwebhooks';
import { createReceiver, type ReceivedCall } from './receiver.ts';

/** The secret tests configure as LEAD_WEBHOOK_SECRET: whsec_ and base64 of the key. */
export const CRM_TEST_SECRET = 'whsec_Y3JtLXN0YW5kLWluLXdlYmhvb2stc2VjcmV0LWtleQ==';
/** Another valid secret: a receiver configured with it must refuse our events. */
export const OTHER_CRM_SECRET = 'whsec_b3RoZXItY3JtLXJlY2VpdmVyLXNlY3JldC1rZXk=';

/** A scope named `...-other-secret` is a receiver that was given another secret than ours. */
const secretFor = (scope: string) =>
  scope.endsWith('-other-secret') ? OTHER_CRM_SECRET : CRM_TEST_SECRET;

export function createCrmStandIn() {
  return createReceiver((call, scope) => {
    try {
      new Webhook(secretFor(scope)).verify(call.body, call.headers);
      return { status: 204, body: '' };
    } catch (error) {
      return { status: 401, body: `signature refused: ${(error as Error).message}` };
    }
  });
}

/** The calls a receiver accepted (2xx), in order of arrival. */
export function accepted(calls: ReceivedCall[]): ReceivedCall[] {
  return calls.filter((call) => call.status !== null && call.status >= 200 && call.status < 300);
}
