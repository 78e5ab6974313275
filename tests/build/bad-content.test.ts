// A writer's mistake in frontmatter must stop the build and say where it is.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let contentRoot: string;

beforeAll(async () => {
  contentRoot = await mkdtemp(join(tmpdir(), 'nyarro-content-'));
  await cp('content', contentRoot, { recursive: true });
});

afterAll(async () => {
  await rm(contentRoot, { recursive: true, force: true });
});

async function syncWithPost(frontmatter: string): Promise<string> {
  const file = join(contentRoot, 'blog', 'broken-post.mdx');
  await writeFile(file, `---\n${frontmatter}\n---\n\nBody text.\n`);
  try {
    await run('npx', ['astro', 'sync'], {
      env: { ...process.env, CONTENT_ROOT: contentRoot, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    return '';
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    // Colour codes would sit between words and their boundaries; compare plain text.
    return (stdout + stderr).replace(/\u001b\[[0-9;]*m/g, '');
  } finally {
    await rm(file);
  }
}

const description =
  'A description long enough for the schema, so that only the field under test is wrong here.';

describe.each([
  [
    'a missing title',
    `description: ${description}\npubDate: 2026-06-13\ntags: ["Delivery"]`,
    'title',
  ],
  [
    'a bad date',
    `title: A post with a bad date\ndescription: ${description}\npubDate: 2026-02-31x\ntags: ["Delivery"]`,
    'pubDate',
  ],
  [
    'an unknown tag',
    `title: A post with an unknown tag\ndescription: ${description}\npubDate: 2026-06-13\ntags: ["Blockchain"]`,
    'tags',
  ],
])('a post with %s', (_case, frontmatter, field) => {
  it(`fails the build naming the file and "${field}"`, async () => {
    const output = await syncWithPost(frontmatter);
    expect(output).toContain('broken-post.mdx');
    expect(output).toMatch(new RegExp(`\\b${field}\\b`));
  }, 60_000);
});
