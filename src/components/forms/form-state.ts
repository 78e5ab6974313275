// What a lead form shows when it comes back from the server: the visitor's values and messages.
import type { FieldErrors } from '../../lib/leads/parse';
import type { LeadForm } from '../../lib/leads/schemas';

export interface FormState {
  values?: Record<string, string>;
  errors?: FieldErrors;
  /** A problem that belongs to no single field, e.g. the service being unavailable. */
  problem?: string | undefined;
}

/** The props every Field of `form` needs: its name, and what came back for it. */
export function fieldProps(form: LeadForm, { values = {}, errors = {} }: FormState) {
  return (name: string) => ({ form, name, value: values[name], error: errors[name] });
}
