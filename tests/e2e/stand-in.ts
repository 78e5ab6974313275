// Reads what the Worker sent to the Resend stand-in during the browser tests.
import { STAND_IN_URL } from '../../playwright.config';
import type { SentEmail } from '../stand-ins/server';

export async function emailsTo(address: string): Promise<SentEmail[]> {
  const response = await fetch(`${STAND_IN_URL}/_sent`);
  const { sent } = (await response.json()) as { sent: SentEmail[] };
  return sent.filter((email) => email.to.includes(address) || email.replyTo === address);
}
