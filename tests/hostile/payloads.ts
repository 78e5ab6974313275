// Hostile text: what bots, scanners and careless clients put in form fields. Shared by the
// property tests (tests/worker/hostile-input.test.ts) and the HTTP fuzz (scripts/fuzz-leads.mjs),
// so it imports nothing that needs workerd or a build.
import fc from 'fast-check';

/** Markup that must never reach an email or a page as markup. None of our templates contain these. */
export const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)></iframe>",
  '<a href="https://evil.example/">click</a>',
  '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '<p>unescaped paragraph</p>',
  '<style>*{display:none}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<!-- unclosed comment',
  '<![CDATA[<script>alert(1)</script>]]>',
];

/** Characters that would end a header, a line or a C string if they got through. */
export const LINE_BREAKS_AND_NUL = ['\r', '\n', '\r\n', '\u0000'];

const HEADER_INJECTION = [
  '\r\nBcc: victim@example.com',
  '\nSubject: spoofed',
  '%0d%0aBcc: victim@example.com',
  '\u0085',
  '\u2028',
  '\u2029',
];

const CONTROLS = [
  '\u0000',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b[31m',
  '\u007f',
  '\u009b',
];

/** Unicode that is hard to store, compare or display, but is text a person may send. */
export const UNICODE = [
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  'a\ud83d', // emoji cut in half
  '\u202egnp.exe', // right-to-left override
  '\u2066\u2069\u200f', // isolates and a direction mark
  '\u200b\u200c\u200d\u2060\ufeff', // zero-width characters
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  'e\u0301', // NFD é
  '\u00e9', // NFC é
  '\u1100\u1161\u11a8', // NFD Hangul
  'Z\u0334\u0321\u031b\u0316\u0347a\u0337\u0324l\u0338g\u0336o', // stacked combining marks
  'ﬁ',
  '＜script＞',
  '\ufffd\uffff',
  '\u{10ffff}',
];

/** Attempts on what reads the text: SQL, templates, paths, entities, object keys. */
export const INJECTION = [
  "'; DROP TABLE leads; --",
  '" OR 1=1 --',
  '{{7*7}}',
  '${7*7}',
  '<%= 7*7 %>',
  '../../../etc/passwd',
  '%00',
  '%',
  '%zz',
  '&amp;&lt;&#60;&#x3c;',
  '\\',
  'javascript:alert(1)',
  '__proto__',
  '{"$ne":null}',
];

export const FRAGMENTS = [
  ...MARKUP,
  ...LINE_BREAKS_AND_NUL,
  ...HEADER_INJECTION,
  ...CONTROLS,
  ...UNICODE,
  ...INJECTION,
];

/** Short hostile text: fragments above mixed with arbitrary code points and graphemes. */
export const hostileText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((parts) => parts.join(''));

/** Hostile but printable: what a person could paste into a text field and we should accept. */
export const printableHostileText = fc
  .array(fc.constantFrom(...MARKUP, ...UNICODE, ...INJECTION), { minLength: 1, maxLength: 2 })
  .map((parts) => parts.join(''));

/** Text around and far beyond every length limit, in one- to four-byte characters. */
export const oversizedText = fc
  .tuple(
    fc.constantFrom('x', 'é', '€', '😀', '<', '%'),
    fc.oneof(
      fc.integer({ min: 90, max: 6_000 }),
      fc.integer({ min: 20_000, max: 70_000 }),
      fc.integer({ min: 70_000, max: 200_000 }),
    ),
  )
  .map(([char, length]) => char.repeat(length));

/** Names no form of ours has, including ones that mean something to JavaScript objects. */
export const foreignFieldName = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'admin',
    'status',
    'id',
    'route_team',
    '',
    'name[]',
    'email ',
    'EMAIL',
  ),
  hostileText,
);
