// Collections read from the top-level content/ folder. Each schema is strict: an unknown key,
// a missing title or an unknown tag fails the build with the file and field named.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { blogSchema, pageSchema, serviceSchema } from './lib/content-schemas';

const blog = defineCollection({
  loader: glob({ base: './content/blog', pattern: '**/*.mdx' }),
  schema: blogSchema,
});

const services = defineCollection({
  loader: glob({ base: './content/services', pattern: '**/*.mdx' }),
  schema: serviceSchema,
});

const pages = defineCollection({
  loader: glob({ base: './content/pages', pattern: '**/*.mdx' }),
  schema: pageSchema,
});

export const collections = { blog, services, pages };
