// The chat's half of a canary alert (./chat-alert.ts has the new-lead alert): the same facts as the
// team leads' email, in one Slack or Teams message, through the outbox like every chat alert.
import type { NewEmail } from '../outbox';
import { canaryEmailState, canaryHeadline, type CanaryAlertData } from '../templates/canary-alert';
import { CHAT_DESTINATION, escapeSlack, escapeTeams, type ChatKind } from './chat-alert';

export function canaryChatAlert(
  data: CanaryAlertData,
  chat: { kind: ChatKind; dedupeKey: string; leadId: string | null },
): NewEmail & { id: string } {
  const escape = chat.kind === 'teams' ? escapeTeams : escapeSlack;
  const headline = escape(canaryHeadline(data));
  const facts = escape(`Its email: ${canaryEmailState(data)}. Check: ${data.check}`);
  const body =
    chat.kind === 'teams'
      ? {
          type: 'message',
          attachments: [
            {
              contentType: 'application/vnd.microsoft.card.adaptive',
              contentUrl: null,
              content: {
                $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
                type: 'AdaptiveCard',
                version: '1.4',
                body: [
                  { type: 'TextBlock', text: headline, weight: 'Bolder', wrap: true },
                  { type: 'TextBlock', text: facts, wrap: true },
                ],
              },
            },
          ],
        }
      : { text: `${headline}\n${facts}` };
  return {
    id: crypto.randomUUID(),
    kind: 'chat-alert',
    leadId: chat.leadId,
    dedupeKey: chat.dedupeKey,
    to: [CHAT_DESTINATION],
    subject: `canary alert (${chat.kind})`,
    html: '',
    text: JSON.stringify(body),
  };
}
