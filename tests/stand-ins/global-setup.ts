// Vitest global setup for the worker tests: one stand-in server for the whole run.
import type { TestProject } from 'vitest/node';
import { createStandIn } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    standInUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const standIn = createStandIn();
  project.provide('standInUrl', await standIn.listen());
  return () => standIn.close();
}
