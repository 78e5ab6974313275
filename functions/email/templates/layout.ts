// What our emails share: content written once as blocks, then rendered twice, as inline-styled
// HTML that Gmail and Outlook display alike and as its plain-text twin, so the two never drift apart.
// Also the small helpers both emails need: subject lines, site links, reply-by times.
import { SITE } from '../../../src/lib/site';
import { html, raw, withBreaks, type SafeHtml } from './escape';

/** A run of text (its line breaks kept), or a link. */
export type Run = string | { text: string; href: string };

export interface Row {
  label: string;
  /** One run, or several in a row (text, then a link). */
  value: Run | Run[];
  /** Long text: in plain text it starts on the line below its label. */
  multiline?: boolean;
}

const runs = (value: Run | Run[]): Run[] => (Array.isArray(value) ? value : [value]);

export type Block =
  | { type: 'title'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; runs: Run[] }
  | { type: 'rows'; rows: Row[] };

/** An email ready to queue: its subject and both bodies. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface EmailContent {
  /** The <title>; mail clients show the subject, so pass that. */
  title: string;
  blocks: Block[];
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const CELL = `${FONT}font-size:15px;line-height:1.5;color:#1a1f2b;vertical-align:top;padding:6px 0;`;

function runHtml(run: Run): SafeHtml {
  if (typeof run === 'string') return withBreaks(run);
  return html`<a href="${run.href}" style="color:#0b57d0;text-decoration:underline;"
    >${run.text}</a
  >`;
}

function blockHtml(block: Block): SafeHtml {
  switch (block.type) {
    case 'title':
      return html`<h1 style="${FONT}font-size:22px;line-height:1.3;margin:0 0 16px;color:#0f2a4a;">
        ${block.text}
      </h1>`;
    case 'heading':
      return html`<h2
        style="${FONT}font-size:17px;line-height:1.3;margin:24px 0 8px;color:#0f2a4a;"
      >
        ${block.text}
      </h2>`;
    case 'paragraph':
      return html`<p style="${FONT}font-size:15px;line-height:1.5;margin:0 0 12px;">
        ${block.runs.map(runHtml)}
      </p>`;
    case 'rows':
      return html`<table
        role="presentation"
        width="100%"
        cellpadding="0"
        cellspacing="0"
        border="0"
        style="border-collapse:collapse;"
      >
        ${block.rows.map(
          (row) =>
            html`<tr>
              <th
                scope="row"
                align="left"
                width="36%"
                style="${CELL}font-weight:bold;padding-right:12px;"
              >
                ${row.label}
              </th>
              <td style="${CELL}">${runs(row.value).map(runHtml)}</td>
            </tr>`,
        )}
      </table>`;
  }
}

export function renderHtml(content: EmailContent): string {
  return html`<!doctype html>
    <html lang="${SITE.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${content.title}</title>
      </head>
      <body style="margin:0;padding:0;background:#f3f4f6;">
        <table
          role="presentation"
          width="100%"
          cellpadding="0"
          cellspacing="0"
          border="0"
          style="background:#f3f4f6;"
        >
          <tr>
            <td align="center" style="padding:24px 12px;">
              <table
                role="presentation"
                width="600"
                cellpadding="0"
                cellspacing="0"
                border="0"
                style="width:100%;max-width:600px;background:#ffffff;border:1px solid #d9dde3;"
              >
                <tr>
                  <td style="${FONT}padding:24px;color:#1a1f2b;">
                    ${content.blocks.map((block) => html`${blockHtml(block)}${raw('\n')}`)}
                  </td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html> `.markup;
}

function runText(run: Run): string {
  if (typeof run === 'string') return run;
  return run.text === run.href ? run.href : `${run.text} (${run.href})`;
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'title':
      return `${block.text}\n${'='.repeat(Math.min(block.text.length, 72))}`;
    case 'heading':
      return `${block.text}\n${'-'.repeat(Math.min(block.text.length, 72))}`;
    case 'paragraph':
      return block.runs.map(runText).join('');
    case 'rows':
      return block.rows
        .map((row) =>
          row.multiline
            ? `${row.label}:\n${runs(row.value).map(runText).join('').replace(/\r\n?/g, '\n')}\n`
            : `${row.label}: ${runs(row.value).map(runText).join('')}`,
        )
        .join('\n');
  }
}

export function renderText(content: EmailContent): string {
  return `${content.blocks.map(blockText).join('\n\n').trimEnd()}\n`;
}

/**
 * A subject is an email header: one line, no control characters, and short enough to read in a
 * list. The schemas already refuse line breaks; this holds even if a value slips past them.
 */
export function oneLine(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cut to `max` characters (not UTF-16 units), marking the cut with an ellipsis. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, Math.max(0, max - 1))
        .join('')
        .trimEnd()}…`;
}

// Past this, mail clients cut a subject short in the list.
const SUBJECT_MAX = 150;

/**
 * A subject: one line of at most SUBJECT_MAX characters, where `middle` (a visitor's name, a
 * team's) gives way so that our own words before and after it stay whole.
 */
export function subjectLine(before: string, middle: string, after: string): string {
  const room = SUBJECT_MAX - before.length - after.length;
  return oneLine(`${before}${shorten(oneLine(middle), room)}${after}`);
}

/** A full link to a page of ours. Always on our own host: "//elsewhere" stays a path here. */
export function siteHref(siteUrl: string, path: string): string {
  return `${siteUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}
