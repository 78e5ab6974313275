// The chat's half of a canary alert (./chat-alert.ts has the new-lead alert): the same facts as the
// team leads' email, in one Slack or Teams message, through the outbox like every chat alert.
import type { NewEmail } from '../outbox';
import { canaryEmailState, canaryHeadline, type CanaryAlertData } from '../templates/canary-alert';
import { chatRow, escapeSlack, escapeTeams, teamsCard, type ChatKind } from './chat-alert';

export function canaryChatAlert(
  data: CanaryAlertData,
  chat: { kind: ChatKind; dedupeKey: string; leadId: string | null },
): NewEmail & { id: string } {
  const escape = chat.kind === 'teams' ? escapeTeams : escapeSlack;
  const headline = escape(canaryHeadline(data));
  const facts = escape(`Its email: ${canaryEmailState(data)}. Check: ${data.check}`);
  const body =
    chat.kind === 'teams' ? teamsCard(headline, facts) : { text: `${headline}\n${facts}` };
  return chatRow(body, { ...chat, what: 'canary alert' });
}
