// The consent wording shown beside the checkbox. Each lead stores the version it was given under,
// so change the version whenever the words change.
export const CONSENT = {
  version: '2026-11-25',
  contact:
    'I agree that Nyarro Technologies may store these details and contact me about this enquiry, as described in the privacy notice.',
  marketing:
    'Send me occasional updates about new articles and services. You can stop them at any time.',
} as const;
