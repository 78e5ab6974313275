// The short chat message a new lead is announced with, for a Slack incoming webhook or a
// Microsoft Teams workflow webhook. What the visitor typed is escaped for the chat's markup, so a
// name like "<!channel>" pings nobody and "*urgent*" is not bold, and disarmed as in our emails,
// so a "company" like https://pay.example is no link in our channel.
import { shortIst } from '../../../src/lib/leads/reply-time';
import type { NewEmail } from '../outbox';
import { disarm } from '../templates/visitor-text';

export type ChatKind = 'slack' | 'teams';

export interface ChatLead {
  id: string;
  form: 'assessment' | 'contact';
  name: string;
  company: string | null;
  teamName: string;
  ownerName: string | null;
  replyBy: Date;
}

/** Slack's mrkdwn has three control characters, and Slack asks for exactly these three escapes. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Teams renders a TextBlock's markdown subset (emphasis, links, code): each character that could
 * start one mid-line is escaped with a backslash (visitor text never starts a line, so list and
 * heading markers cannot apply). Teams shows no HTML in a TextBlock, and a mention needs an entity
 * the card does not carry, so "<at>" is only text.
 */
export function escapeTeams(text: string): string {
  return text.replace(/[\\`*_[\]~<>]/g, (character) => `\\${character}`);
}

const FORM_WORDS = { assessment: 'AI assessment request', contact: 'contact message' } as const;

function lines(lead: ChatLead, escape: (text: string) => string) {
  const who =
    escape(disarm(lead.name)) + (lead.company ? ` (${escape(disarm(lead.company))})` : '');
  return {
    headline: `New ${FORM_WORDS[lead.form]} from ${who}`,
    owner: `Owner: ${escape(lead.ownerName ?? `nobody yet (${lead.teamName})`)}`,
    replyBy: `Reply by ${shortIst(lead.replyBy)}`,
  };
}

export function slackBody(lead: ChatLead, deskUrl: string): unknown {
  const { headline, owner, replyBy } = lines(lead, escapeSlack);
  return { text: `${headline}\n${owner} · ${replyBy}\n<${deskUrl}|Open it in the desk>` };
}

/** A Teams adaptive card: a bold headline, a line of detail, and a button where there is a link. */
export function teamsCard(
  headline: string,
  detail: string,
  action?: { title: string; url: string },
): unknown {
  return {
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
            { type: 'TextBlock', text: detail, wrap: true },
          ],
          ...(action ? { actions: [{ type: 'Action.OpenUrl', ...action }] } : {}),
        },
      },
    ],
  };
}

export function teamsBody(lead: ChatLead, deskUrl: string): unknown {
  const { headline, owner, replyBy } = lines(lead, escapeTeams);
  return teamsCard(headline, `${owner} · ${replyBy}`, {
    title: 'Open it in the desk',
    url: deskUrl,
  });
}

/** The setting that holds the chat's URL: the row names it, delivery reads it. */
export const CHAT_DESTINATION = 'CHAT_WEBHOOK_URL';

/** The outbox row that posts `body` to the team's chat; `what` names it in the outbox's list. */
export function chatRow(
  body: unknown,
  row: { kind: ChatKind; what: string; leadId: string | null; dedupeKey: string },
): NewEmail & { id: string } {
  return {
    id: crypto.randomUUID(),
    kind: 'chat-alert',
    leadId: row.leadId,
    dedupeKey: row.dedupeKey,
    to: [CHAT_DESTINATION],
    subject: `${row.what} (${row.kind})`,
    html: '',
    text: JSON.stringify(body),
  };
}

export function chatAlertEmail(
  lead: ChatLead,
  chat: { kind: ChatKind; siteUrl: string },
): NewEmail & { id: string } {
  const deskUrl = new URL(`/desk/leads/${lead.id}/`, chat.siteUrl).href;
  const body = chat.kind === 'teams' ? teamsBody(lead, deskUrl) : slackBody(lead, deskUrl);
  return chatRow(body, {
    kind: chat.kind,
    what: 'chat alert',
    leadId: lead.id,
    dedupeKey: `${lead.id}:chat-alert`,
  });
}
