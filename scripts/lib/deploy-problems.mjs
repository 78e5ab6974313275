// What must not be deployed: the placeholders a checkout starts with, in the settings the Worker
// cannot check itself. The Worker refuses placeholder vars at run time (functions/settings.ts), but
// it never sees wrangler.jsonc's D1 database id, nor the build's GRIEVANCE_CONTACT; these are
// checked here, by `npm run check:deploy` and by every build whose SITE_URL is a real origin.
import { readFileSync } from 'node:fs';
import {
  PLACEHOLDER_DATABASE_ID,
  placeholderAddress,
  placeholderUrl,
} from '../../functions/placeholders.ts';

/** JSON with comments and trailing commas (wrangler.jsonc) as plain JSON. */
export function parseJsonc(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      const end = /"(?:[^"\\]|\\.)*"/y;
      end.lastIndex = i;
      const string = end.exec(text)?.[0] ?? char;
      out += string;
      i += string.length - 1;
    } else if (char === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (char === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
    } else out += char;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

/**
 * Every reason a deployment is not ready, one per setting. `wrangler` is wrangler.jsonc parsed;
 * `routing` is content/routing.json.
 */
export function deployProblems({ siteUrl, grievanceContact, wrangler, routing }) {
  const problems = [];
  if (!siteUrl || placeholderUrl(siteUrl)) {
    problems.push(`SITE_URL (build): ${siteUrl ?? 'not set'} is a placeholder.`);
  }
  if (!grievanceContact || placeholderAddress(grievanceContact)) {
    problems.push(
      `GRIEVANCE_CONTACT (build): ${grievanceContact || 'not set'} is a placeholder; the privacy notice must name who hears grievances.`,
    );
  }
  for (const database of wrangler.d1_databases ?? []) {
    if (!database.database_id || database.database_id === PLACEHOLDER_DATABASE_ID) {
      problems.push(
        `wrangler.jsonc: d1_databases ${database.binding} has the all-zero database_id; run \`wrangler d1 create ${database.database_name}\` and put its id there.`,
      );
    }
  }
  const vars = wrangler.vars ?? {};
  if (vars.ENVIRONMENT !== undefined && vars.ENVIRONMENT !== 'production') {
    problems.push(`wrangler.jsonc: vars.ENVIRONMENT is ${vars.ENVIRONMENT}, not production.`);
  }
  if (!vars.SITE_URL || placeholderUrl(vars.SITE_URL)) {
    problems.push(
      `wrangler.jsonc: vars.SITE_URL ${vars.SITE_URL ?? 'is not set'} is a placeholder.`,
    );
  }
  if (!vars.EMAIL_FROM || placeholderAddress(vars.EMAIL_FROM)) {
    problems.push(
      `wrangler.jsonc: vars.EMAIL_FROM ${vars.EMAIL_FROM ?? 'is not set'} is a placeholder.`,
    );
  }
  const addresses = Object.values(routing.teams).flatMap((team) => [
    ...team.inboxes,
    ...team.members.map((member) => member.email),
    team.lead.email,
  ]);
  const placeholders = [...new Set(addresses.filter(placeholderAddress))];
  if (placeholders.length > 0) {
    problems.push(`content/routing.json: placeholder addresses ${placeholders.join(', ')}.`);
  }
  return problems;
}

/** The problems of this checkout, with the build settings from the environment. */
export function checkoutDeployProblems(env = process.env) {
  return deployProblems({
    siteUrl: env.SITE_URL,
    grievanceContact: env.GRIEVANCE_CONTACT,
    wrangler: parseJsonc(readFileSync('wrangler.jsonc', 'utf8')),
    routing: JSON.parse(readFileSync('content/routing.json', 'utf8')),
  });
}
