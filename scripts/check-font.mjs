// Fails when the committed cut of Inter (src/assets/fonts/) no longer matches what it is made from:
// the installed @fontsource-variable/inter, subset-font and the settings in inter.mjs, as recorded
// by scripts/subset-font.mjs. Part of `npm run check`; needs no build.
import { existsSync, readFileSync } from 'node:fs';
import { commandLine } from './lib/args.mjs';
import { currentCut, RECORD, staleness, SUBSET_COMMAND } from './lib/font-cut.mjs';

commandLine('npm run check:font');

const recorded = existsSync(RECORD) ? JSON.parse(readFileSync(RECORD, 'utf8')) : undefined;
const current = currentCut();
const problems = staleness(recorded, current);
if (problems.length) {
  console.error(
    `The font cut in src/assets/fonts/ is out of date:\n  ${problems.join('\n  ')}\n` +
      `Run \`${SUBSET_COMMAND}\` and commit src/assets/fonts/.`,
  );
  process.exit(1);
}
console.log(`font cut matches ${current.source.package} and ${current.subsetter}`);
