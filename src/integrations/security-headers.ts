// At the end of the build, gives the static site its security headers: reads the policy of every
// built page and writes _headers, which Cloudflare's asset layer applies to the files it serves.
// Pages rendered on demand get theirs from src/middleware.ts.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { headersFile, metaPolicy, servedPath } from './headers-file';

async function pagePolicies(clientDir: string): Promise<Map<string, string>> {
  const files = (await readdir(clientDir, { recursive: true }))
    .filter((name) => name.endsWith('.html'))
    .sort();
  const policies = await Promise.all(
    files.map(async (file) => metaPolicy(await readFile(`${clientDir}/${file}`, 'utf8'))),
  );
  return new Map(
    files.flatMap((file, at) => {
      const policy = policies[at];
      return policy ? [[servedPath(file), policy] as const] : [];
    }),
  );
}

export function securityHeaders(): AstroIntegration {
  let reading: Promise<Map<string, string>> | undefined;
  return {
    name: 'nyarro:security-headers',
    hooks: {
      // The pages are written: read them while the integrations before this one (the search
      // index, 1.5 s with 1,000 posts) finish theirs.
      'astro:build:generated': ({ dir }) => {
        reading = pagePolicies(fileURLToPath(dir));
        reading.catch(() => {});
      },
      'astro:build:done': async ({ dir, logger }) => {
        const policies = await (reading ?? pagePolicies(fileURLToPath(dir)));
        if (policies.size === 0) {
          throw new Error(
            'No built page has a CSP <meta> tag: is security.csp on in astro.config?',
          );
        }
        const target = new URL('_headers', dir);
        const existing = await readFile(target, 'utf8').catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return '';
          throw error;
        });
        await writeFile(target, headersFile(policies, existing));
        logger.info(`Security headers for ${policies.size} pages written to _headers.`);
      },
    },
  };
}
