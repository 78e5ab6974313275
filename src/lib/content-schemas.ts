// The frontmatter contract for content/. Kept apart from src/content.config.ts so unit tests
// can parse sample frontmatter without the astro:content runtime.
import { z } from 'zod';
import { TAGS } from './tags';

const title = z.string().trim().min(8).max(90);
// Search engines cut descriptions around 160 characters; below 50 they say too little.
const description = z.string().trim().min(50).max(170);

export const blogSchema = z.strictObject({
  title,
  description,
  pubDate: z.coerce.date(),
  updatedDate: z.coerce.date().optional(),
  author: z.string().trim().min(2).max(60).default('Nyarro Technologies'),
  tags: z.array(z.enum(TAGS)).min(1).max(5),
  draft: z.boolean().default(false),
});

export const serviceSchema = z.strictObject({
  title,
  description,
  /** One sentence shown on cards: the outcome a buyer gets. */
  summary: z.string().trim().min(20).max(200),
  /** Position on the services index and the home page. */
  order: z.number().int().min(1),
  /** What the engagement leaves behind, shown as a list on the page. */
  deliverables: z.array(z.string().trim().min(3).max(120)).min(2).max(8),
  /** Tags of articles that discuss this service, used for "further reading". */
  relatedTags: z.array(z.enum(TAGS)).default([]),
});

/** Standalone pages whose copy editors own: about, privacy notice, the assessment offer. */
export const pageSchema = z.strictObject({
  title,
  description,
  /** Shown under the title. */
  lead: z.string().trim().min(20).max(300),
  /** A page with a form: the few points beside it that say why to fill it in, each labelled. */
  pitch: z
    .array(
      z.strictObject({
        label: z.string().trim().min(3).max(30),
        text: z.string().trim().min(20).max(200),
      }),
    )
    .min(1)
    .max(4)
    .optional(),
  updatedDate: z.coerce.date().optional(),
});

export type BlogFrontmatter = z.infer<typeof blogSchema>;
export type ServiceFrontmatter = z.infer<typeof serviceSchema>;
export type PageFrontmatter = z.infer<typeof pageSchema>;
