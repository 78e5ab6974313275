// Checks a lead form with its zod schema, shows errors beside their fields, and confirms a stored
// lead without a page reload. Loaded by lead-form.ts when a visitor starts on a form.
import './zod-without-eval';
import type { AcceptedAnswer, LeadAnswer } from '../lib/leads/answer';
import { parseLeadForm, type FieldErrors } from '../lib/leads/parse';
import type { LeadForm } from '../lib/leads/schemas';

function showErrors(form: HTMLFormElement, kind: LeadForm, errors: FieldErrors, message?: string) {
  for (const field of form.querySelectorAll<HTMLElement>('[data-field]')) {
    const name = field.dataset['field']!;
    const error = field.querySelector<HTMLElement>('.field-error');
    const control = form.elements.namedItem(name);
    const text = errors[name];
    if (error) {
      error.textContent = text ?? '';
      error.hidden = !text;
    }
    if (control instanceof HTMLElement) {
      if (text) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  }
  const summary = form.querySelector<HTMLElement>('[data-summary]')!;
  const list = summary.querySelector<HTMLElement>('[data-summary-list]')!;
  const summaryMessage = summary.querySelector<HTMLElement>('[data-summary-message]')!;
  list.replaceChildren(
    ...Object.entries(errors)
      .filter(([name]) => name !== '_form')
      .map(([name, text]) => {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = `#${kind}-${name}`;
        link.textContent = text;
        item.appendChild(link);
        return item;
      }),
  );
  const problem = message ?? errors['_form'];
  summaryMessage.textContent = problem ?? '';
  summaryMessage.hidden = !problem;
  summary.hidden = list.childElementCount === 0 && !problem;
  if (!summary.hidden) summary.focus();
}

function confirm(form: HTMLFormElement, kind: LeadForm, result: AcceptedAnswer) {
  const template = document.querySelector<HTMLTemplateElement>(
    `template[data-confirmation-template="${kind}"]`,
  )!;
  const confirmation = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
  confirmation.querySelector('[data-slot="local"]')!.textContent = result.local;
  confirmation.querySelector('[data-slot="ist"]')!.textContent = result.ist;
  confirmation.querySelector<HTMLElement>('[data-slot="ist-wrapper"]')!.hidden = result.sameZone;
  const booking = confirmation.querySelector<HTMLElement>('[data-slot="booking"]');
  if (booking && result.booking) {
    booking.querySelector('a')!.href = result.booking.href;
    booking.querySelector('[data-slot="booking-owner"]')!.textContent = result.booking.ownerName;
    booking.hidden = false;
  }
  form.replaceWith(confirmation);
  confirmation.querySelector<HTMLElement>('[data-confirmation-heading]')!.focus();
}

export async function send(form: HTMLFormElement, kind: LeadForm) {
  const data = new FormData(form);
  const checked = parseLeadForm(kind, data.entries());
  if (!checked.ok) return showErrors(form, kind, checked.errors);

  const button = form.querySelector<HTMLButtonElement>('[data-submit]')!;
  const status = form.querySelector<HTMLElement>('[data-status]')!;
  button.disabled = true;
  status.textContent = 'Sending…';
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(data as unknown as Record<string, string>),
      headers: { Accept: 'application/json' },
    });
    const result = (await response.json()) as LeadAnswer;
    if (result.ok) return confirm(form, kind, result);
    showErrors(form, kind, result.errors, result.message);
  } catch {
    showErrors(
      form,
      kind,
      {},
      'We could not reach our server. Check your connection and send the form again; what you typed is still here.',
    );
  } finally {
    button.disabled = false;
    status.textContent = '';
  }
}
