// Escaping for email HTML. Everything interpolated into `html` is escaped unless it is already
// SafeHtml, so a visitor's words can never become markup; raw() is for our own fragments only.

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** Markup we wrote ourselves. A class, not a string, so a visitor's text can never pass as one. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export type HtmlValue =
  SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Tagged template: html`<p>${text}</p>` escapes `text` unless it is SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    markup += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(markup);
}

/** Trust markup as it is. Never pass it anything that came from a request. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Multi-line text as HTML: escaped first, then each line break becomes <br>. */
export function withBreaks(text: string): SafeHtml {
  return raw(escapeHtml(text).replace(/\r\n?|\n/g, '<br>'));
}
