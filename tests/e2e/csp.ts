// Reading Content Security Policies and the inline code a page needs them to allow.
import { createHash } from 'node:crypto';

/** A policy as its directives, each with its sources. */
export function parsePolicy(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => Boolean(name))
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
}

/** The policy in a page's <meta http-equiv="content-security-policy">. */
export function metaPolicy(html: string): string | undefined {
  const tag = /<meta\s[^>]*http-equiv="content-security-policy"[^>]*>/i.exec(html)?.[0];
  return tag && /\scontent="([^"]*)"/i.exec(tag)?.[1];
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Hash sources of the inline <style> blocks and inline executable <script> blocks of a page. */
export function inlineHashes(html: string): { styles: string[]; scripts: string[] } {
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => sha256(m[1]!));
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)]
    // JSON-LD is data, which CSP does not govern; scripts with src are allowed by origin.
    .filter(([, attributes]) => !/\ssrc=|application\/ld\+json/.test(attributes!))
    .map((m) => sha256(m[2]!));
  return { styles, scripts };
}
