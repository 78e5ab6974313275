// Collections read from the top-level content/ folder. Each schema is strict: an unknown key,
// a missing title or an unknown tag fails the build with the file and field named.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { blogSchema, pageSchema, serviceSchema } from './lib/content-schemas';

// CONTENT_ROOT lets tests and the build benchmark point the site at other content.
const root = process.env['CONTENT_ROOT'] ?? './content';

const blog = defineCollection({
  loader: glob({ base: `${root}/blog`, pattern: '**/*.mdx' }),
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

export const collections = { blog, services, pages };
