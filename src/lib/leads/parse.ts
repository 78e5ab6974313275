// Turns a submitted form into a validated lead or into messages a person can act on.
// Used by the page script before sending and by the server on every request.
import type * as z from 'zod/mini';
import { LEAD_FORMS, type LeadForm } from './schemas';

/** One message per field name; `_form` holds problems that belong to no single field. */
export type FieldErrors = Record<string, string>;

export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

type Entries = Iterable<[string, FormDataEntryValue]>;

/** Form entries as a plain record. A field sent twice is refused: no form of ours repeats one. */
export function entriesToRecord(entries: Entries): ParseResult<Record<string, string>> {
  // No prototype: "__proto__" is then a field name like any other, refused as unknown.
  const record: Record<string, string> = Object.create(null);
  const repeated = new Set<string>();
  for (const [name, value] of entries) {
    if (typeof value !== 'string') {
      return { ok: false, errors: { _form: `The field “${name}” must be text, not a file.` } };
    }
    if (Object.hasOwn(record, name)) repeated.add(name);
    record[name] = value;
  }
  if (repeated.size > 0) {
    return {
      ok: false,
      errors: { _form: `These fields were sent more than once: ${[...repeated].join(', ')}.` },
    };
  }
  return { ok: true, data: record };
}

export function errorsFromIssues(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (issue.code === 'unrecognized_keys') {
      errors['_form'] ??= `This form does not take the field(s): ${issue.keys.join(', ')}.`;
    } else if (typeof field === 'string') {
      errors[field] ??= issue.message;
    } else {
      errors['_form'] ??= issue.message;
    }
  }
  return errors;
}

export function parseLeadForm<F extends LeadForm>(
  form: F,
  entries: Entries,
): ParseResult<z.output<(typeof LEAD_FORMS)[F]>> {
  const record = entriesToRecord(entries);
  if (!record.ok) return record;
  const result = LEAD_FORMS[form].safeParse(record.data);
  if (result.success) return { ok: true, data: result.data as z.output<(typeof LEAD_FORMS)[F]> };
  return { ok: false, errors: errorsFromIssues(result.error.issues) };
}
