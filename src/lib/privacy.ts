// Who hears privacy grievances, as the privacy notice names them (India's DPDP Act 2023, s. 8(10),
// and its 2025 Rules). A build-time setting, GRIEVANCE_CONTACT; the placeholder stays until the
// company names one, and a production build refuses it (scripts/lib/deploy-problems.mjs).
export const GRIEVANCE_PLACEHOLDER = 'privacy@example.com';

export const GRIEVANCE_CONTACT: string = import.meta.env.GRIEVANCE_CONTACT || GRIEVANCE_PLACEHOLDER;

/** The Data Protection Board of India, where a person may complain once we have answered. */
export const DATA_PROTECTION_BOARD = 'the Data Protection Board of India';
