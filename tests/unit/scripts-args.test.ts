// The command lines of the scripts: a mistyped flag or a flag without its value stops the script
// with a message, where reading process.argv by hand went on with a default.
import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../../scripts/lib/args.mjs';

const SPEC = {
  count: { type: 'number', default: 10 },
  email: { type: 'string' },
  remote: { type: 'boolean', default: false },
} as const;

describe('parseCommandLine', () => {
  it.each([
    [[], { count: 10, remote: false }],
    [['--count', '5'], { count: 5, remote: false }],
    [['--count=5', '--remote'], { count: 5, remote: true }],
    [['--email', 'person@example.com'], { count: 10, remote: false, email: 'person@example.com' }],
  ])('reads %j', (args, values) => {
    expect(parseCommandLine(args, SPEC)).toEqual({ help: false, values, positionals: [] });
  });

  it.each([
    [['--cuont', '5'], /Unknown option '--cuont'/],
    [['--email'], /argument missing/],
    [['--count', '--remote'], /ambiguous/],
    [['--count', 'five'], /--count takes a number, not "five"/],
    [['--count', ''], /--count takes a number/],
    [['stray'], /positional argument/],
  ])('refuses %j', (args, message) => {
    expect(() => parseCommandLine(args, SPEC)).toThrow(UsageError);
    expect(() => parseCommandLine(args, SPEC)).toThrow(message);
  });

  it('answers --help and -h without reading the rest', () => {
    expect(parseCommandLine(['--help'], SPEC).help).toBe(true);
    expect(parseCommandLine(['-h', '--count', 'x'], SPEC).help).toBe(true);
  });

  it('takes positionals only when the script asks for them', () => {
    const parsed = parseCommandLine(['/blog/', '/contact/'], {}, { positionals: true });
    expect(parsed.positionals).toEqual(['/blog/', '/contact/']);
  });
});
