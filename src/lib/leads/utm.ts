// The UTM parameters a lead records. Ships to the browser in the page's first script: data only,
// so that script stays free of zod.
export const UTM_KEYS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
] as const;
