// The baseline of the build benchmark: a bare Astro project (the same Astro, one layout, no
// integrations, no adapter) that publishes the same posts as plain Markdown, in a temporary folder.
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const FILES = {
  'package.json': JSON.stringify({ name: 'bare-astro', private: true, type: 'module' }),
  // Its own cache: node_modules is ours, shared through a link.
  'astro.config.mjs': `export default { cacheDir: './.cache' };\n`,
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
export const collections = { blog: defineCollection({ loader: glob({ base: './posts', pattern: '*.md' }) }) };
`,
  'src/layouts/Post.astro': `---
const { title } = Astro.props;
---
<html lang="en"><head><meta charset="utf-8" /><title>{title}</title></head><body><main><h1>{title}</h1><slot /></main></body></html>
`,
  'src/pages/blog/[slug].astro': `---
import { getCollection, render } from 'astro:content';
import Post from '../../layouts/Post.astro';
export async function getStaticPaths() {
  return (await getCollection('blog')).map((post) => ({ params: { slug: post.id }, props: { post } }));
}
const { post } = Astro.props;
const { Content } = await render(post);
---
<Post title={post.data.title}><Content /></Post>
`,
};

/** Creates the project in `dir` with the posts of `contentRoot`/blog; returns its folder. */
export function createBareProject(dir, contentRoot) {
  rmSync(dir, { recursive: true, force: true });
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  // The same Markdown files the site reads.
  cpSync(join(contentRoot, 'blog'), join(dir, 'posts'), { recursive: true });
  return dir;
}
