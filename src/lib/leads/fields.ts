// Building blocks for the lead schemas: text that can never smuggle a line break into an email
// header, emails checked properly, and checkboxes as HTML sends them ("on" or absent).
// zod/mini, not zod: these ship to the browser, and mini's functions leave out what we don't use.
import * as z from 'zod/mini';

// Control characters other than tab; CR and LF are allowed only where a field is multi-line.
const CONTROL_EXCEPT_TAB_CR_LF = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;
/**
 * Zero-width characters and bidirectional overrides and isolates: invisible, they can reorder how
 * a subject line or a name reads in an inbox. Taken out of single-line text before any check.
 */
export const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Removes INVISIBLE characters: the browser and the server check the same text. */
export const withoutInvisible = z.overwrite((value: string) => value.replace(INVISIBLE, ''));

const oneLine = (label: string) =>
  z.refine<string>((value) => !LINE_BREAK.test(value) && !CONTROL_EXCEPT_TAB_CR_LF.test(value), {
    error: `Your ${label} can only be a single line of text.`,
  });

export function singleLine(label: string, max: number) {
  return z
    .string({ error: `Enter your ${label}.` })
    .check(
      withoutInvisible,
      z.trim(),
      z.minLength(1, { error: `Enter your ${label}.` }),
      z.maxLength(max, { error: `Shorten your ${label} to ${max} characters or fewer.` }),
      oneLine(label),
    );
}

export function optionalSingleLine(label: string, max: number) {
  return z.pipe(
    z.optional(
      z
        .string()
        .check(
          withoutInvisible,
          z.trim(),
          z.maxLength(max, { error: `Shorten your ${label} to ${max} characters or fewer.` }),
          oneLine(label),
        ),
    ),
    z.transform((value: string | undefined) => (value ? value : undefined)),
  );
}

export function multiLine(label: string, min: number, max: number) {
  return z.pipe(
    z.pipe(
      z.string({ error: `Tell us ${label}.` }),
      z.transform((value: string) => value.replace(/\r\n?/g, '\n').trim()),
    ),
    z.string().check(
      z.minLength(min, { error: `Tell us ${label} in at least ${min} characters.` }),
      z.maxLength(max, { error: `Shorten this to ${max} characters or fewer.` }),
      z.refine((value: string) => !CONTROL_EXCEPT_TAB_CR_LF.test(value), {
        error: 'Remove the unusual control characters from this text.',
      }),
    ),
  );
}

export function email(label: string) {
  return z.pipe(
    z
      .string({ error: `Enter your ${label}.` })
      .check(
        withoutInvisible,
        z.trim(),
        z.minLength(1, { error: `Enter your ${label}.` }),
        z.maxLength(254, { error: 'Email addresses are at most 254 characters long.' }),
      ),
    z.email({ error: `Enter a valid ${label}, like name@company.com.` }),
  );
}

export function choice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values, { error: message });
}

/** A ticked box sends "on"; an unticked one sends nothing. */
export const optionalCheckbox = z.pipe(
  z.optional(z.literal('on', { error: 'This box sends "on" when ticked.' })),
  z.transform((value: 'on' | undefined) => value === 'on'),
);

export function requiredCheckbox(message: string) {
  return z.pipe(
    z.literal('on', { error: message }),
    z.transform(() => true as const),
  );
}
