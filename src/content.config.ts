// Collections read from the top-level content/ folder. Each schema is strict: an unknown key,
// a missing title or an unknown tag fails the build with the file and field named.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { blogSchema, pageSchema, serviceSchema } from './lib/content-schemas';
import { routingSchema } from './lib/leads/routing-schema';

// CONTENT_ROOT lets tests and the build benchmark point the site at other content.
const root = process.env['CONTENT_ROOT'] ?? './content';

// A post is plain Markdown unless it needs a component: Markdown is rendered once, when content
// is read, while every MDX file is a module the build compiles and bundles (4.3 s of a 17 s build
// at 1,000 posts, docs/BENCHMARKS.md).
const blog = defineCollection({
  loader: glob({ base: `${root}/blog`, pattern: '**/*.{md,mdx}' }),
  schema: blogSchema,
});

const services = defineCollection({
  loader: glob({ base: `${root}/services`, pattern: '**/*.mdx' }),
  schema: serviceSchema,
});

const pages = defineCollection({
  loader: glob({ base: `${root}/pages`, pattern: '**/*.mdx' }),
  schema: pageSchema,
});

// Lead routing rules: read by the Worker, validated here too so a mistake fails the build.
const routing = defineCollection({
  loader: async () => [
    { id: 'routing', rules: JSON.parse(await readFile(`${root}/routing.json`, 'utf8')) },
  ],
  schema: z.object({ rules: routingSchema }),
});

export const collections = { blog, services, pages, routing };
