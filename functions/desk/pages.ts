// One call per desk page: the door, then what the page shows. Pages under src/pages/desk/ only
// render what these return, or send the Response they get instead.
import { env } from 'cloudflare:workers';
import { unmatchedBookings, type UnmatchedBooking } from '../integrations/bookings';
import { readSettings } from '../settings';
import { duration } from '../email/templates/lead-facts';
import { ROUTING } from '../teams';
import { actOnLead, colleagues, type ActOutcome } from './act';
import { enterDesk, type DeskPage, type DeskPerson } from './entry';
import { exportCsv } from './export';
import { periodSchema, teamFigures, type Figures } from './figures';
import { inboxPage, type InboxRow } from './inbox';
import { leadRecord, type LeadRecord } from './lead-record';
import { readView, type DeskView } from './views';

const teams = () => Object.entries(ROUTING.teams).map(([key, team]) => ({ key, name: team.name }));

/** A row with its deadline said plainly: "5 hours left", "overdue by 2 days". */
export type InboxEntry = InboxRow & { due: string; overdue: boolean };

function withDue(row: InboxRow, now: Date): InboxEntry {
  const left = new Date(row.replyBy).getTime() - now.getTime();
  const settled = row.repliedAt || row.closedAt || row.status === 'quarantined';
  const due = settled ? '' : left <= 0 ? `Overdue by ${duration(left)}` : `${duration(left)} left`;
  return { ...row, due, overdue: !settled && left <= 0 };
}

export interface InboxData {
  person: DeskPerson;
  view: DeskView;
  rows: InboxEntry[];
  /** Leads in the view, counted up to COUNT_CAP; `more` when there are more than that. */
  total: number;
  more: boolean;
  teams: Array<{ key: string; name: string }>;
  owners: Array<{ name: string; email: string }>;
  /** Cal.com bookings whose attendee matched no lead: someone booked without a form. */
  unmatched: UnmatchedBooking[];
}

export async function deskInbox(page: DeskPage): Promise<InboxData | Response> {
  const person = await enterDesk(page);
  if (person instanceof Response) return person;
  const view = readView(page.url.searchParams);
  const { rows, total, more } = await inboxPage(env.DB, view, person.email);
  const now = new Date();
  const entries = rows.map((row) => withDue(row, now));
  return {
    person,
    view,
    rows: entries,
    total,
    more,
    teams: teams(),
    owners: colleagues(),
    unmatched: await unmatchedBookings(env.DB),
  };
}

export interface LeadData {
  person: DeskPerson;
  record: LeadRecord;
  outcome?: ActOutcome | undefined;
  /** The erase step asks first. */
  confirmErase: boolean;
  colleagues: Array<{ name: string; email: string }>;
  now: Date;
}

export async function deskLead(page: DeskPage, id: string): Promise<LeadData | Response> {
  const person = await enterDesk(page);
  if (person instanceof Response) return person;
  let outcome: ActOutcome | undefined;
  if (page.request.method === 'POST') {
    outcome = await actOnLead(
      env.DB,
      readSettings(env),
      id,
      await page.request.formData(),
      person,
      (promise) => page.locals.cfContext.waitUntil(promise),
    );
    if (page.response) page.response.status = outcome.status;
    if (!outcome.leadRemains) {
      const message = encodeURIComponent(outcome.message);
      return new Response(null, { status: 303, headers: { Location: `/desk/?done=${message}` } });
    }
  }
  const record = await leadRecord(env.DB, id);
  if (!record) return new Response('No such lead.', { status: 404 });
  return {
    person,
    record,
    outcome,
    confirmErase: page.url.searchParams.get('step') === 'erase',
    colleagues: colleagues(),
    now: new Date(),
  };
}

export async function deskFigures(
  page: DeskPage,
): Promise<{ person: DeskPerson; figures: Figures; days: number } | Response> {
  const person = await enterDesk(page);
  if (person instanceof Response) return person;
  const { days } = periodSchema.parse(Object.fromEntries(page.url.searchParams));
  return { person, days, figures: await teamFigures(env.DB, days, new Date()) };
}

export async function deskExport(page: DeskPage): Promise<Response> {
  const person = await enterDesk(page);
  if (person instanceof Response) return person;
  const view = readView(page.url.searchParams);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(exportCsv(env.DB, view, person.email), {
    headers: {
      'Cache-Control': 'no-store',
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="leads-${view.state}-${day}.csv"`,
    },
  });
}
