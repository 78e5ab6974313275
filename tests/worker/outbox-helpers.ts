// For the delivery, fault and load tests: leads stored as a visitor's post stores them, sweeps at
// a chosen moment, and how many times each stored email reached the email API stand-in. Each test
// file passes its own scope, so the outages one file rehearses never reach another.
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { deliverDueEmails } from '../../functions/email/deliver';
import { transportFor } from '../../functions/email/transport';
import { submitLead } from '../../functions/leads/submit';
import type { EmailApiControl, EmailApiMode } from '../stand-ins/server';
import {
  assessmentEntries,
  contactEntries,
  emailApi,
  NOW,
  rows,
  sentEmails,
  testSettings,
} from './helpers';

export const MINUTE = 60_000;
export const at = (ms: number) => new Date(NOW.getTime() + ms);

export function outbox(scope: string, overrides: Record<string, string> = {}) {
  const settings = testSettings({ RATE_LIMIT: 'off', MIN_FILL_SECONDS: '0', ...overrides }, scope);
  const transport = transportFor(settings);
  return {
    settings,
    transport,
    /** A sweep triggered at `time` whose wall clock reads `time` too: a quick sweep. */
    sweepAt: (time: Date) => deliverDueEmails(env.DB, transport, time, { clock: () => time }),
    emailApi: (mode: EmailApiMode, reset = false) => emailApi({ mode, reset }, scope),
    /** Changes the stand-in's clock, key memory or answer delay for this file's scope. */
    controlApi: (change: EmailApiControl) => emailApi(change, scope),
    sentEmails: () => sentEmails(scope),

    /** Stores leads without delivering anything: a Worker stopped right after its D1 batch. */
    async storeLeads(count: number): Promise<string[]> {
      const emailIds: string[] = [];
      for (let index = 0; index < count; index++) {
        const entries = index % 2 ? contactEntries() : assessmentEntries();
        const outcome = await submitLead(
          { form: index % 2 ? 'contact' : 'assessment', entries, ip: '198.51.100.1', now: NOW },
          { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings },
        );
        expect(outcome.kind).toBe('accepted');
        if (outcome.kind === 'accepted') emailIds.push(...outcome.emailIds);
      }
      return emailIds;
    },

    /** How many times each stored email reached the API as a send (idempotent repeats excluded). */
    async deliveriesPerEmail(): Promise<number[]> {
      const { sent } = await sentEmails(scope);
      const ids = await rows<{ id: string }>('SELECT id FROM emails ORDER BY id');
      return ids.map(
        ({ id }) => sent.filter((email) => email.idempotencyKey === `email-${id}`).length,
      );
    },
  };
}

export async function emailStatuses(): Promise<string[]> {
  const emails = await rows<{ status: string }>('SELECT status FROM emails ORDER BY id');
  return emails.map((email) => email.status);
}

export async function clearLeads(): Promise<void> {
  await env.DB.batch([env.DB.prepare('DELETE FROM emails'), env.DB.prepare('DELETE FROM leads')]);
}
