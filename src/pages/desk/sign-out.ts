// Ends the desk session: clears the cookie, then the local sign-in page or Access's own logout.
import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { signOut } from '../../../functions/access/local-sign-in';

export const prerender = false;

// A POST (from a button), so that a link on another site cannot sign anyone out.
export const POST: APIRoute = ({ request }) => {
  const { location, cookie } = signOut(request, env);
  return new Response(null, {
    status: 303,
    headers: { Location: location, 'Set-Cookie': cookie, 'Cache-Control': 'no-store' },
  });
};
