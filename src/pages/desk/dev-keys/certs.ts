// The local sign-in's public key, in the shape of Access's `<team domain>/cdn-cgi/access/certs`,
// so the desk fetches and checks local tokens exactly as it does Access's. 404 outside local use.
import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { localSignIn } from '../../../../functions/access/local-sign-in';

export const prerender = false;

export const GET: APIRoute = ({ request }) => {
  const local = localSignIn(request, env);
  if (!local) return new Response(null, { status: 404, headers: { 'Cache-Control': 'no-store' } });
  return Response.json(local.keySet, { headers: { 'Cache-Control': 'no-store' } });
};
