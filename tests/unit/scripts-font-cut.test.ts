// `npm run check:font`: the committed cut of Inter must be the one the installed font package,
// subsetter and settings make; anything else asks for the subset script to be run again.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentCut, RECORD, staleness } from '../../scripts/lib/font-cut.mjs';

const now = currentCut();
type Cut = typeof now;
const recordedWith = (change: (cut: Cut) => void) => {
  const cut = structuredClone(now);
  change(cut);
  return cut;
};

describe('the font cut', () => {
  it('is what the installed package makes, as committed', () => {
    expect(staleness(JSON.parse(readFileSync(RECORD, 'utf8')), now)).toEqual([]);
  });

  it.each([
    [
      'the package was upgraded',
      recordedWith((cut) => (cut.source.package = '@fontsource-variable/inter@5.2.0')),
      /made from @fontsource-variable\/inter@5\.2\.0, node_modules has @fontsource-variable\/inter@/,
    ],
    [
      'the source file changed',
      recordedWith((cut) => (cut.source.sha256 = '0'.repeat(64))),
      /is not the file the cut was made from/,
    ],
    [
      'subset-font was upgraded',
      recordedWith((cut) => (cut.subsetter = 'subset-font@2.8.0')),
      /made with subset-font@2\.8\.0/,
    ],
    [
      'the settings changed',
      recordedWith((cut) => (cut.settingsSha256 = '0'.repeat(64))),
      /settings in src\/assets\/fonts\/inter\.mjs changed/,
    ],
    [
      'a cut file was edited',
      recordedWith((cut) => (cut.files['inter-latin-wght-400-900.woff2'] = '0'.repeat(64))),
      /inter-latin-wght-400-900\.woff2 is not the file the cut made/,
    ],
    ['nothing was recorded', undefined, /inter-cut\.json is missing/],
  ])('is stale when %s', (_, recorded, problem) => {
    expect(staleness(recorded, now).join('\n')).toMatch(problem);
  });
});
