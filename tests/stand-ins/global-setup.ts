// Vitest global setup for the worker tests: one stand-in server for the whole run, and a stand-in
// for Cloudflare Access's key server (tests/stand-ins/access-keys.ts).
import type { TestProject } from 'vitest/node';
import { startAccessKeys, type AccessKeys } from './access-keys';
import { createStandIn } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    standInUrl: string;
    accessKeys: AccessKeys;
  }
}

export default async function setup(project: TestProject) {
  const standIn = createStandIn();
  project.provide('standInUrl', await standIn.listen());
  const accessKeys = await startAccessKeys();
  const { url, privateJwk, local } = accessKeys;
  project.provide('accessKeys', { url, privateJwk, local });
  return async () => {
    await standIn.close();
    await accessKeys.close();
  };
}
