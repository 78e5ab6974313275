// Progressive enhancement of the lead forms. This first part is small and free of zod: it fills
// the hidden fields and takes over sending. The schema check (lead-form-send.ts) loads when a
// visitor starts on a form, so reading the page costs no parsing of code it may never use.
// Without JavaScript the forms still work as plain POSTs answered by the server.
import type { LeadForm } from '../lib/leads/schemas';
import { TURNSTILE_SCRIPT } from '../lib/leads/turnstile';
import { UTM_KEYS } from '../lib/leads/utm';

type Sender = typeof import('./lead-form-send');
let sender: Promise<Sender> | undefined;

/**
 * The check is a script of its own that the page holds, inert, in a <template>: importing it by
 * its address keeps it off the first load without a loader that every form page would fetch.
 */
function loadSender(): Promise<Sender> {
  const src = document
    .querySelector<HTMLTemplateElement>('template[data-lead-form-check]')
    ?.content.querySelector('script')?.src;
  sender ??= src ? import(/* @vite-ignore */ src) : Promise.reject(new Error('no form check'));
  return sender;
}

function setHidden(
  form: HTMLFormElement,
  name: string,
  value: string | undefined,
  replace = false,
) {
  const input = form.elements.namedItem(name);
  if (input instanceof HTMLInputElement && value && (replace || !input.value)) input.value = value;
}

/** A key per page view: a repeat of this form's POST is then the same submission, not another. */
function submissionKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; getRandomValues works on plain http too.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

/**
 * Time on the form by the page's own monotonic clock (milliseconds since it was opened), set just
 * before sending: a visitor's wall clock may be hours off, and is never compared with ours.
 */
function noteFillTime(form: HTMLFormElement) {
  setHidden(form, 'fillMs', String(Math.round(performance.now())), true);
}

/** `//x` is a path to the server but another site to a browser: the schema refuses it. */
const sitePath = (path: string) => path.replace(/^\/+/, '/');

function fillAttribution(form: HTMLFormElement) {
  setHidden(form, 'page', sitePath(location.pathname));
  if (document.referrer) {
    const referrer = new URL(document.referrer);
    if (referrer.origin === location.origin)
      setHidden(form, 'referrer', sitePath(referrer.pathname));
  }
  const query = new URLSearchParams(location.search);
  for (const key of UTM_KEYS) setHidden(form, key, query.get(key)?.slice(0, 200));
  setHidden(form, 'tz', Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** Turnstile's script loads when a visitor starts on the form, not with the page. */
function loadTurnstile() {
  if (document.querySelector(`script[src="${TURNSTILE_SCRIPT}"]`)) return;
  const script = document.createElement('script');
  script.src = TURNSTILE_SCRIPT;
  script.async = true;
  document.head.appendChild(script);
}

export function enhanceLeadForms() {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-lead-form]')) {
    const kind = form.dataset['leadForm'] as LeadForm;
    form.noValidate = true;
    setHidden(form, 'submissionKey', submissionKey());
    // The rest waits for a visitor who starts on the form: the first use of Intl alone costs the
    // main thread more than the page can spare while it is first drawn on a slow phone.
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      fillAttribution(form);
      void loadSender().catch(() => undefined);
      if (form.querySelector('.cf-turnstile')) loadTurnstile();
    };
    form.addEventListener('focusin', start, { once: true });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      start();
      noteFillTime(form);
      loadSender().then(
        ({ send }) => send(form, kind),
        // The check could not be fetched (offline, a deploy in between): the server checks anyway.
        () => form.submit(),
      );
    });
  }
}
