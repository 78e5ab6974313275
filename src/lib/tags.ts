// Shared by the content schema (build time) and the pages: the closed list of article tags.
// A post with a tag outside this list fails the build, so tag pages never fragment on typos.
export const TAGS = [
  'AI pilot to production',
  'AI governance',
  'AI operations',
  'Architecture',
  'Delivery',
] as const;

export type Tag = (typeof TAGS)[number];
