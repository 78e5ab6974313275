// Progressive enhancement of the lead forms: the same schema checks the form before it is sent,
// errors appear beside their fields, and a stored lead is confirmed without a page reload.
// Without this script the forms still work as plain POSTs answered by the server.
import './zod-without-eval';
import { UTM_KEYS } from '../lib/leads/attribution';
import { parseLeadForm, type FieldErrors } from '../lib/leads/parse';
import type { LeadForm } from '../lib/leads/schemas';
import { TURNSTILE_SCRIPT } from '../lib/leads/turnstile';

interface Accepted {
  ok: true;
  local: string;
  ist: string;
  sameZone: boolean;
}
interface Refused {
  ok: false;
  message: string;
  errors: FieldErrors;
}

function setHidden(form: HTMLFormElement, name: string, value: string | undefined) {
  const input = form.elements.namedItem(name);
  if (input instanceof HTMLInputElement && value && !input.value) input.value = value;
}

function fillAttribution(form: HTMLFormElement) {
  setHidden(form, 'page', location.pathname);
  if (document.referrer) {
    const referrer = new URL(document.referrer);
    if (referrer.origin === location.origin) setHidden(form, 'referrer', referrer.pathname);
  }
  const query = new URLSearchParams(location.search);
  for (const key of UTM_KEYS) setHidden(form, key, query.get(key)?.slice(0, 200));
  setHidden(form, 'tz', Intl.DateTimeFormat().resolvedOptions().timeZone);
  setHidden(form, 'startedAt', String(Date.now()));
}

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

function confirm(form: HTMLFormElement, kind: LeadForm, result: Accepted) {
  const template = document.querySelector<HTMLTemplateElement>(
    `template[data-confirmation-template="${kind}"]`,
  )!;
  const confirmation = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
  confirmation.querySelector('[data-slot="local"]')!.textContent = result.local;
  confirmation.querySelector('[data-slot="ist"]')!.textContent = result.ist;
  confirmation.querySelector<HTMLElement>('[data-slot="ist-wrapper"]')!.hidden = result.sameZone;
  form.replaceWith(confirmation);
  confirmation.querySelector<HTMLElement>('[data-confirmation-heading]')!.focus();
}

async function send(form: HTMLFormElement, kind: LeadForm) {
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
    const result = (await response.json()) as Accepted | Refused;
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

/** Turnstile's script loads when a visitor starts on the form, not with the page. */
function loadTurnstileOnFirstUse(form: HTMLFormElement) {
  if (!form.querySelector('.cf-turnstile')) return;
  form.addEventListener(
    'focusin',
    () => {
      if (document.querySelector(`script[src="${TURNSTILE_SCRIPT}"]`)) return;
      const script = document.createElement('script');
      script.src = TURNSTILE_SCRIPT;
      script.async = true;
      document.head.appendChild(script);
    },
    { once: true },
  );
}

export function enhanceLeadForms() {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-lead-form]')) {
    const kind = form.dataset['leadForm'] as LeadForm;
    form.noValidate = true;
    fillAttribution(form);
    loadTurnstileOnFirstUse(form);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void send(form, kind);
    });
  }
}
