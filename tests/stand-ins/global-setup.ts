// Vitest global setup for the worker tests: one stand-in server for the whole run, receivers for
// our outbound webhooks (CRM, chat), and a stand-in for Cloudflare Access's key server.
import type { TestProject } from 'vitest/node';
import { startAccessKeys, type AccessKeys } from './access-keys';
import { createChatStandIn } from './chat';
import { createCrmStandIn } from './crm';
import { createStandIn } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    standInUrl: string;
    crmUrl: string;
    chatUrl: string;
    accessKeys: AccessKeys;
  }
}

export default async function setup(project: TestProject) {
  const standIn = createStandIn();
  project.provide('standInUrl', await standIn.listen());
  // Receivers of our outbound webhooks: a CRM that checks signatures, and a Slack-like chat.
  const crm = createCrmStandIn();
  project.provide('crmUrl', await crm.listen());
  const chat = createChatStandIn();
  project.provide('chatUrl', await chat.listen());
  const accessKeys = await startAccessKeys();
  const { url, privateJwk, local } = accessKeys;
  project.provide('accessKeys', { url, privateJwk, local });
  return async () => {
    await standIn.close();
    await accessKeys.close();
    await crm.close();
    await chat.close();
  };
}
