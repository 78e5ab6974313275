// The current desk view as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads
// the accents right), every cell a spreadsheet would run as a formula neutralised, and streamed a
// page of rows at a time, so a year of leads costs the Worker no more memory than fifty.
import { stringify } from 'csv-stringify/sync';
import { INBOX_COLUMNS, type InboxRow } from './inbox';
import { viewWhere, type DeskView } from './views';

const CHUNK = 500;

const HEADER = [
  'Lead id',
  'Form',
  'State',
  'Received (UTC)',
  'Reply by (UTC)',
  'Name',
  'Email',
  'Company',
  'Team',
  'Owner',
  'Claimed (UTC)',
  'Replied (UTC)',
  'Closed (UTC)',
  'UTM source',
  'Page',
  'Referrer',
];

// A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets (OWASP:
// CSV injection); a leading apostrophe makes it text and shows nothing.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function stateOf(row: InboxRow): string {
  if (row.status === 'quarantined') return 'held as spam';
  if (row.closedAt) return 'closed';
  if (row.repliedAt) return 'replied';
  return row.claimedAt ? 'claimed' : 'open';
}

function cells(row: InboxRow): string[] {
  return [
    row.id,
    row.form,
    stateOf(row),
    row.receivedAt,
    row.replyBy,
    row.name,
    row.email,
    row.company ?? '',
    row.team,
    row.ownerEmail ?? '',
    row.claimedAt ?? '',
    row.repliedAt ?? '',
    row.closedAt ?? '',
    row.utmSource ?? '',
    row.page ?? '',
    row.referrer ?? '',
  ].map(neutralise);
}

/** Rows after `after` in the view's order: by deadline while waiting, else newest first. */
function pageQuery(view: DeskView, person: string, after: InboxRow | undefined) {
  const where = viewWhere(view, person);
  const waiting = ['waiting', 'open', 'claimed'].includes(view.state);
  const keyset = !after
    ? ''
    : waiting
      ? ' AND (reply_by, id) > (?, ?)'
      : ' AND (received_at, id) < (?, ?)';
  const order = waiting ? 'ORDER BY reply_by, id' : 'ORDER BY received_at DESC, id DESC';
  const values = after
    ? [...where.values, waiting ? after.replyBy : after.receivedAt, after.id]
    : where.values;
  return {
    sql: `SELECT ${INBOX_COLUMNS} FROM leads WHERE ${where.sql}${keyset} ${order} LIMIT ${CHUNK}`,
    values,
  };
}

export function exportCsv(
  db: D1Database,
  view: DeskView,
  person: string,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let last: InboxRow | undefined;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return controller.close();
      const query = pageQuery(view, person, last);
      const { results } = await db
        .prepare(query.sql)
        .bind(...query.values)
        .all<InboxRow>();
      const rows = results.map(cells);
      if (!started) rows.unshift(HEADER);
      if (rows.length) controller.enqueue(encoder.encode(stringify(rows, { bom: !started })));
      started = true;
      last = results.at(-1);
      if (results.length < CHUNK) done = true;
    },
  });
}
