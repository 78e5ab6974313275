// The current desk view as a CSV download, streamed.
import type { APIRoute } from 'astro';
import { deskExport } from '../../../functions/desk/pages';

export const prerender = false;

export const GET: APIRoute = (context) => deskExport(context);
