// The desk's list of leads for a view: the waiting ones soonest deadline first (overdue at the
// top), the others newest first, a page at a time.
import { viewWhere, type DeskView } from './views';

export const PAGE_SIZE = 50;
/**
 * Counting a view stops here: an exact count of a year of leads would cost more than the page
 * itself, and "more than 1,000" tells a person as much.
 */
export const COUNT_CAP = 1000;

export interface InboxRow {
  id: string;
  form: 'assessment' | 'contact';
  status: 'received' | 'quarantined';
  name: string;
  company: string | null;
  email: string;
  team: string;
  ownerName: string | null;
  ownerEmail: string | null;
  receivedAt: string;
  replyBy: string;
  claimedAt: string | null;
  claimedBy: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  spamReason: string | null;
  utmSource: string | null;
  page: string | null;
  referrer: string | null;
}

export const INBOX_COLUMNS = `id, form, status, name, company, email, route_team AS team,
  owner_name AS ownerName, owner_email AS ownerEmail, received_at AS receivedAt,
  reply_by AS replyBy, claimed_at AS claimedAt, claimed_by AS claimedBy, replied_at AS repliedAt,
  closed_at AS closedAt, spam_reason AS spamReason, utm_source AS utmSource, page, referrer`;

/** Waiting leads by deadline; what is settled, newest first. */
export function viewOrder(view: DeskView): string {
  return ['waiting', 'open', 'claimed'].includes(view.state)
    ? 'ORDER BY reply_by, id'
    : 'ORDER BY received_at DESC, id DESC';
}

export async function inboxPage(
  db: D1Database,
  view: DeskView,
  person: string,
): Promise<{ rows: InboxRow[]; total: number; more: boolean }> {
  const where = viewWhere(view, person);
  const [list, count] = await db.batch<InboxRow | { total: number }>([
    db
      .prepare(
        `SELECT ${INBOX_COLUMNS} FROM leads WHERE ${where.sql} ${viewOrder(view)} LIMIT ? OFFSET ?`,
      )
      .bind(...where.values, PAGE_SIZE, (view.page - 1) * PAGE_SIZE),
    db
      .prepare(
        `SELECT count(*) AS total FROM (SELECT 1 FROM leads WHERE ${where.sql} LIMIT ${COUNT_CAP + 1})`,
      )
      .bind(...where.values),
  ]);
  const counted = (count?.results[0] as { total: number } | undefined)?.total ?? 0;
  return {
    rows: (list?.results ?? []) as InboxRow[],
    total: Math.min(counted, COUNT_CAP),
    /** More leads than COUNT_CAP are in the view. */
    more: counted > COUNT_CAP,
  };
}
