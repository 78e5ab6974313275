// At the end of the build, gives the static site its security headers: reads the policy of every
// built page and writes _headers, which Cloudflare's asset layer applies to the files it serves.
// Pages rendered on demand get theirs from src/middleware.ts.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { headersFile, metaPolicy, servedPath } from './headers-file';

async function pagePolicies(clientDir: string): Promise<Map<string, string>> {
  const files = await readdir(clientDir, { recursive: true });
  const policies = new Map<string, string>();
  for (const file of files.filter((name) => name.endsWith('.html')).sort()) {
    const policy = metaPolicy(await readFile(`${clientDir}/${file}`, 'utf8'));
    if (policy) policies.set(servedPath(file), policy);
  }
  return policies;
}

export function securityHeaders(): AstroIntegration {
  return {
    name: 'nyarro:security-headers',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const clientDir = fileURLToPath(dir);
        const policies = await pagePolicies(clientDir);
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
