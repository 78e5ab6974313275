// Building blocks for the lead schemas: text that can never smuggle a line break into an email
// header, emails checked properly, and checkboxes as HTML sends them ("on" or absent).
import { z } from 'zod';

// Control characters other than tab; CR and LF are allowed only where a field is multi-line.
const CONTROL_EXCEPT_TAB_CR_LF = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;

export function singleLine(label: string, max: number) {
  return z
    .string({ error: `Enter your ${label}.` })
    .trim()
    .min(1, { error: `Enter your ${label}.` })
    .max(max, { error: `Shorten your ${label} to ${max} characters or fewer.` })
    .refine((value) => !LINE_BREAK.test(value) && !CONTROL_EXCEPT_TAB_CR_LF.test(value), {
      error: `Your ${label} can only be a single line of text.`,
    });
}

export function optionalSingleLine(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: `Shorten your ${label} to ${max} characters or fewer.` })
    .refine((value) => !LINE_BREAK.test(value) && !CONTROL_EXCEPT_TAB_CR_LF.test(value), {
      error: `Your ${label} can only be a single line of text.`,
    })
    .optional()
    .transform((value) => (value ? value : undefined));
}

export function multiLine(label: string, min: number, max: number) {
  return z
    .string({ error: `Tell us ${label}.` })
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(min, { error: `Tell us ${label} in at least ${min} characters.` })
        .max(max, { error: `Shorten this to ${max} characters or fewer.` })
        .refine((value) => !CONTROL_EXCEPT_TAB_CR_LF.test(value), {
          error: 'Remove the unusual control characters from this text.',
        }),
    );
}

export function email(label: string) {
  return z
    .string({ error: `Enter your ${label}.` })
    .trim()
    .min(1, { error: `Enter your ${label}.` })
    .max(254, { error: 'Email addresses are at most 254 characters long.' })
    .pipe(z.email({ error: `Enter a valid ${label}, like name@company.com.` }));
}

export function choice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values, { error: message });
}

/** A ticked box sends "on"; an unticked one sends nothing. */
export const optionalCheckbox = z
  .literal('on', { error: 'This box sends "on" when ticked.' })
  .optional()
  .transform((value) => value === 'on');

export function requiredCheckbox(message: string) {
  return z.literal('on', { error: message }).transform(() => true as const);
}
