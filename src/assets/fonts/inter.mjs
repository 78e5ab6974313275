// The site's one typeface: Inter's variable Latin file, cut down to what our pages use. Read by
// astro.config.mjs (the Fonts API serves the cut file) and scripts/subset-font.mjs (which makes it).
import unicode from '@fontsource-variable/inter/unicode.json' with { type: 'json' };

export const INTER = {
  /** The full file the cut is made from. */
  source: '@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
  /** The cut file, committed: run `node scripts/subset-font.mjs` after upgrading the package. */
  file: './src/assets/fonts/inter-latin-wght-400-900.woff2',
  /** The same cut as TrueType, for the Open Graph images: their text renderer cannot read WOFF2. */
  trueTypeFile: './src/assets/fonts/inter-latin-wght-400-900.ttf',
  /** Every character of the full Latin file, so nothing falls back to another face. */
  unicodeRange: /** @type {[string, ...string[]]} */ (unicode.latin.split(',')),
  /** Our CSS uses weights 400 to 900; the thin master below 400 is a third of the file. */
  weight: { min: 400, max: 900 },
  /**
   * Shaping and kerning only: stylistic sets, tabular figures, fractions and contextual
   * alternates, which no page asks for, take up another third.
   */
  features: ['kern', 'ccmp', 'locl', 'mark', 'mkmk'],
};
