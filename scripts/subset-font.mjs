// Makes the font files the site serves and draws its Open Graph images with, from the
// @fontsource-variable/inter package (src/assets/fonts/inter.mjs says what they keep), and records
// beside them what they were made from, which `npm run check:font` compares with node_modules.
// Run after upgrading that package or subset-font; commit the result.
import { writeFileSync } from 'node:fs';
import subsetFont from 'subset-font';
import { INTER } from '../src/assets/fonts/inter.mjs';
import { commandLine } from './lib/args.mjs';
import { currentCut, RECORD, sourceFont } from './lib/font-cut.mjs';

commandLine('npm run font:subset');

/** "U+0000-00FF" and "U+0131" as the characters they name. */
function charactersIn(ranges) {
  return ranges
    .flatMap((range) => {
      const [first, last = first] = range.trim().replace('U+', '').split('-');
      const [from, to] = [parseInt(first, 16), parseInt(last, 16)];
      return Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
    })
    .join('');
}

const source = sourceFont();
for (const [targetFormat, file] of [
  ['woff2', INTER.file],
  ['truetype', INTER.trueTypeFile],
]) {
  const cut = await subsetFont(source, charactersIn(INTER.unicodeRange), {
    targetFormat,
    keepFeatures: INTER.features,
    variationAxes: { wght: { ...INTER.weight, default: 400 } },
  });
  writeFileSync(file, cut);
  console.log(`${file}: ${cut.length} bytes (from ${source.length})`);
}
writeFileSync(RECORD, `${JSON.stringify(currentCut(), null, 2)}\n`);
console.log(`${RECORD}: what the cut was made from`);
