// One schema per form: it types the form, gives the inputs their HTML constraints, checks the
// form in the browser and parses every request on the server. Ships to the browser: zod/mini only.
import * as z from 'zod/mini';
import { attributionShape } from './attribution';
import { CONSENT } from './consent';
import {
  choice,
  email,
  multiLine,
  optionalCheckbox,
  optionalSingleLine,
  requiredCheckbox,
  singleLine,
} from './fields';
import {
  AI_STAGES,
  COMPANY_SIZES,
  CONTACT_TOPICS,
  INDUSTRIES,
  REGIONS,
  TIMELINES,
} from './options';

const consentToContact = requiredCheckbox(
  'Tick this box so that we may store your details and reply to you.',
);

export const assessmentSchema = z.strictObject({
  name: singleLine('name', 100),
  email: email('work email'),
  company: singleLine('company name', 150),
  role: optionalSingleLine('role', 100),
  companySize: choice(COMPANY_SIZES.values, 'Choose the size of your company.'),
  industry: choice(INDUSTRIES.values, 'Choose the industry closest to yours.'),
  stage: choice(AI_STAGES.values, 'Choose where your AI work stands today.'),
  goals: multiLine('what you want to achieve', 10, 3000),
  timeline: choice(TIMELINES.values, 'Choose when you would like to start.'),
  region: choice(REGIONS.values, 'Choose your country or region.'),
  phone: optionalSingleLine('phone number', 40).check(
    z.refine((value) => value === undefined || /^\+?[0-9 ()./-]{6,40}$/.test(value), {
      error: 'Enter a phone number with digits only, for example +91 141 555 0100.',
    }),
  ),
  consent: consentToContact,
  marketing: optionalCheckbox,
  ...attributionShape,
});

export const contactSchema = z.strictObject({
  name: singleLine('name', 100),
  email: email('email address'),
  company: optionalSingleLine('company name', 150),
  topic: choice(CONTACT_TOPICS.values, 'Choose what your message is about.'),
  message: multiLine('your message', 10, 5000),
  consent: consentToContact,
  ...attributionShape,
});

export const LEAD_FORMS = { assessment: assessmentSchema, contact: contactSchema } as const;
export type LeadForm = keyof typeof LEAD_FORMS;

/** What a form sends: every value a string, as FormData carries it. */
export type AssessmentInput = z.input<typeof assessmentSchema>;
export type ContactInput = z.input<typeof contactSchema>;
export type Assessment = z.output<typeof assessmentSchema>;
export type Contact = z.output<typeof contactSchema>;
export type LeadFields = Assessment | Contact;

export { CONSENT };
