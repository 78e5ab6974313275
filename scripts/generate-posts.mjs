// Writes a content root with N generated articles, for the build benchmark: blog posts of the
// length and shape of ours (about 1,100 words, six sections, a list, a quote), plus copies of the
// real services, pages and routing rules. Deterministic: the same N gives the same posts.
//
// Usage: node scripts/generate-posts.mjs 1000 /tmp/content   (then CONTENT_ROOT=/tmp/content)
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TAGS } from '../src/lib/tags.ts';
import { commandLine } from './lib/args.mjs';

const SUBJECTS = ['pilot', 'model', 'pipeline', 'platform', 'team', 'service', 'policy', 'review'];
const VERBS = ['stalls', 'ships', 'drifts', 'scales', 'fails safely', 'earns trust', 'pays back'];
const CLAUSES = [
  'when nobody owns the data it depends on',
  'once monitoring tells the on-call engineer before the users do',
  'because the evaluation set was written before the first demo',
  'if the risk review happens in week two rather than week twenty',
  'while the business case is measured in hours saved per month',
  'after the runbook has been tried on a quiet Tuesday',
  'unless the model registry records who approved each version',
  'as long as every prompt change goes through the same review as code',
];

/** A small seeded generator, so that runs compare like with like. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function post(index) {
  const next = random(index + 1);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const sentence = () => `The ${pick(SUBJECTS)} ${pick(VERBS)} ${pick(CLAUSES)}.`;
  const paragraph = (count) => Array.from({ length: count }, sentence).join(' ');
  const number = String(index + 1).padStart(4, '0');
  const tags = [...new Set([pick(TAGS), pick(TAGS), pick(TAGS)])].slice(0, 1 + (index % 3));
  const date = new Date(Date.UTC(2020, 0, 1) + index * 86_400_000).toISOString().slice(0, 10);
  const sections = Array.from({ length: 6 }, (_, section) => {
    const extra =
      section === 1
        ? `\n\n${Array.from({ length: 4 }, () => `- ${sentence()}`).join('\n')}`
        : section === 3
          ? `\n\n> ${sentence()}`
          : '';
    return `## Section ${section + 1}: why the ${pick(SUBJECTS)} ${pick(VERBS)}\n\n${paragraph(6)}\n\n${paragraph(6)}${extra}`;
  });
  return `---
title: "Field note ${number}: how the ${pick(SUBJECTS)} ${pick(VERBS)}"
description: "Generated for the build benchmark: a note on how an enterprise AI ${pick(SUBJECTS)} ${pick(VERBS)}, and what to do about it."
pubDate: ${date}
tags: ${JSON.stringify(tags)}
---

${paragraph(5)}

${paragraph(5)}

${sections.join('\n\n')}
`;
}

/** Replaces `root` with the real non-blog content and `count` generated posts. */
export function generateContent(count, root) {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'blog'), { recursive: true });
  for (const part of ['services', 'pages', 'routing.json']) {
    cpSync(join('content', part), join(root, part), { recursive: true });
  }
  for (let index = 0; index < count; index++) {
    writeFileSync(
      join(root, 'blog', `field-note-${String(index + 1).padStart(4, '0')}.md`),
      post(index),
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const USAGE = 'node scripts/generate-posts.mjs <count> <content-root>';
  const { positionals } = commandLine(USAGE, {}, { positionals: true });
  const [count, root] = [Number(positionals[0]), positionals[1]];
  if (!Number.isInteger(count) || count < 1 || !root || positionals.length > 2) {
    console.error(`Give a number of posts and a directory.\nUsage: ${USAGE}`);
    process.exit(2);
  }
  generateContent(count, root);
  console.log(`${count} posts in ${root}/blog`);
}
