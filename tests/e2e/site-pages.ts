// Every page of the built site, read from the sitemap the build wrote, plus the 404 page.
import { readFileSync } from 'node:fs';

const SITEMAP = 'dist/client/sitemap-0.xml';

export function builtPagePaths(): string[] {
  const xml = readFileSync(SITEMAP, 'utf8');
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map(
    (match) => new URL(match[1]!).pathname,
  );
  if (paths.length === 0) throw new Error(`${SITEMAP} lists no pages: run the build first`);
  return paths;
}

export const NOT_FOUND_PROBE = '/this-page-does-not-exist/';
export const isArticle = (path: string) => /^\/blog\/(?!tags\/|page\/)[^/]+\/$/.test(path);
