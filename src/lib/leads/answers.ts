// Which stored fields of a lead are the visitor's answers, and which are the form's machinery
// (attribution, consent, spam checks, keys). Types and a filter only: safe for the browser, though
// only the desk and the CRM webhook use it today.

const MACHINERY = new Set([
  'page',
  'referrer',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'consentVersion',
  'tz',
  'website',
  'startedAt',
  'fillMs',
  'submissionKey',
  'cf-turnstile-response',
  'consent',
  'marketing',
]);

/** The visitor's own answers among a lead's stored fields, in their order; empty ones left out. */
export function visitorAnswers(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(
      ([name, value]) => !MACHINERY.has(name) && value !== undefined && value !== '',
    ),
  );
}
