// The door of every desk page: who is asking (functions/access), and the headers every desk
// answer carries. A page that is refused gets no lead data, only the reason and the way in.
import { env } from 'cloudflare:workers';
import { deskPerson, type DeskPerson } from '../access/desk-person';

export type { DeskPerson };

/** Desk pages are about people: never cached, never indexed. */
export const DESK_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex, nofollow',
};

/** What an Astro page of the desk hands over. */
export interface DeskPage {
  request: Request;
  url: URL;
  /** Absent for endpoints, which build their whole response. */
  response?: { status?: number; headers: Headers };
  locals: { cfContext: { waitUntil: (promise: Promise<unknown>) => void } };
}

/** The signed-in person, or the answer to send instead of the page. */
export async function enterDesk(page: DeskPage): Promise<DeskPerson | Response> {
  for (const [name, value] of Object.entries(DESK_HEADERS)) page.response?.headers.set(name, value);
  const entry = await deskPerson(page.request, env);
  if (entry.ok) return entry.person;
  if (entry.status === 401 && entry.signIn && page.request.method === 'GET') {
    const next = `${page.url.pathname}${page.url.search}`;
    return new Response(null, {
      status: 303,
      headers: { ...DESK_HEADERS, Location: `${entry.signIn}?next=${encodeURIComponent(next)}` },
    });
  }
  return new Response(entry.message, {
    status: entry.status,
    headers: { ...DESK_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
