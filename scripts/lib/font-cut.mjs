// What the committed cut of Inter was made from, recorded beside it by scripts/subset-font.mjs and
// compared by scripts/check-font.mjs with what node_modules holds now: the font package's version
// and file, the subsetter's version, the settings in src/assets/fonts/inter.mjs, and the cut files.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { INTER } from '../../src/assets/fonts/inter.mjs';

export const RECORD = './src/assets/fonts/inter-cut.json';
export const SUBSET_COMMAND = 'npm run font:subset';

const require = createRequire(import.meta.url);
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const packageName = (specifier) => specifier.split('/').slice(0, 2).join('/');
const versionOf = (name) => require(`${name}/package.json`).version;

/** The full source font as installed. */
export const sourceFont = () => readFileSync(require.resolve(INTER.source));

/** The facts a cut depends on, as they are in this checkout now. */
export function currentCut() {
  return {
    source: {
      package: `${packageName(INTER.source)}@${versionOf(packageName(INTER.source))}`,
      file: INTER.source,
      sha256: sha256(sourceFont()),
    },
    subsetter: `subset-font@${versionOf('subset-font')}`,
    settingsSha256: sha256(JSON.stringify([INTER.unicodeRange, INTER.weight, INTER.features])),
    files: Object.fromEntries(
      [INTER.file, INTER.trueTypeFile].map((file) => [
        basename(file),
        existsSync(file) ? sha256(readFileSync(file)) : null,
      ]),
    ),
  };
}

/** Why `recorded` (the record's contents, or undefined) no longer describes `current`. */
export function staleness(recorded, current) {
  if (!recorded) return [`${RECORD} is missing`];
  const problems = [];
  if (recorded.source?.package !== current.source.package) {
    problems.push(
      `the cut was made from ${recorded.source?.package}, node_modules has ${current.source.package}`,
    );
  } else if (
    recorded.source.file !== current.source.file ||
    recorded.source.sha256 !== current.source.sha256
  ) {
    problems.push(`${current.source.file} is not the file the cut was made from`);
  }
  if (recorded.subsetter !== current.subsetter) {
    problems.push(
      `the cut was made with ${recorded.subsetter}, node_modules has ${current.subsetter}`,
    );
  }
  if (recorded.settingsSha256 !== current.settingsSha256) {
    problems.push('the settings in src/assets/fonts/inter.mjs changed since the cut was made');
  }
  for (const [file, hash] of Object.entries(current.files)) {
    if (!hash) problems.push(`${file} is missing`);
    else if (recorded.files?.[file] !== hash) problems.push(`${file} is not the file the cut made`);
  }
  return problems;
}
