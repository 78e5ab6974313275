// The command line of a script, read with node:util parseArgs in strict mode: an unknown flag, a
// flag without its value or a number that is not one stops the script with its usage line, where
// reading process.argv by hand would go on with a default. Every script also answers --help.
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

/**
 * `spec` is parseArgs' options, plus `type: 'number'` (a string flag read as a finite number).
 * Returns the values with defaults filled in and the positionals, or `{ help: true }`.
 */
export function parseCommandLine(args, spec, { positionals: allowPositionals = false } = {}) {
  const options = { help: { type: 'boolean', short: 'h' } };
  for (const [name, option] of Object.entries(spec)) {
    const { type, default: fallback, ...rest } = option;
    options[name] = { ...rest, type: type === 'number' ? 'string' : type };
    if (type !== 'number' && fallback !== undefined) options[name].default = fallback;
  }
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error.message);
  }
  if (parsed.values.help) return { help: true, values: {}, positionals: [] };
  const values = { ...parsed.values };
  delete values.help;
  for (const [name, option] of Object.entries(spec)) {
    if (option.type !== 'number') continue;
    if (values[name] === undefined) {
      values[name] = option.default;
      continue;
    }
    const number = Number(values[name]);
    if (values[name].trim() === '' || !Number.isFinite(number)) {
      throw new UsageError(`--${name} takes a number, not ${JSON.stringify(values[name])}`);
    }
    values[name] = number;
  }
  return { help: false, values, positionals: parsed.positionals };
}

/** This process's command line by `spec`; prints `usage` and exits on --help or a mistake. */
export function commandLine(usage, spec = {}, settings = {}) {
  try {
    const parsed = parseCommandLine(process.argv.slice(2), spec, settings);
    if (parsed.help) {
      console.log(`Usage: ${usage}`);
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\nUsage: ${usage}`);
    process.exit(2);
  }
}
