/**
 * The plain command-line parser (source/cli/argv.ts) must give what meow gives whenever it
 * answers at all; every other command line is left to meow.
 */
import { describe, expect, it } from 'vitest';
import meow from 'meow';
import { FLAGS, parsePlainCommandLine } from '../../source/cli/argv.js';

function byMeow(argv: string[]) {
  const cli = meow('', { importMeta: import.meta, argv, flags: FLAGS, allowUnknownFlags: false });
  return { input: cli.input, flags: cli.flags };
}

const PLAIN = [
  [],
  ['x.py'],
  ['run', 'x.py'],
  ['run', 'x.py', '--max-steps', '5', '--check'],
  ['run', '--timeout=2', 'x.py', '--memory-limit', '512M'],
  ['x.py', '--paused', '--speed=4'],
  ['--speed', 'max', 'replay', 'a.jsonl', '--output'],
  ['run', 'x.py', '--record=a=b.jsonl'],
  ['run', 'x.py', '--record', 'out.jsonl'],
  ['replay', 'a.jsonl', '--speed', '0.5'],
  ['dir with space/x.py', '--paused'],
];

const LEFT_TO_MEOW = [
  ['--help'],
  ['--version'],
  ['run', 'x.py', '--bogus'],
  ['run', 'x.py', '-5'],
  ['run', '--', 'x.py'],
  ['run', 'x.py', '--check', '--check'],
  ['run', 'x.py', '--check=false'],
  ['run', 'x.py', '--no-check'],
  ['run', 'x.py', '--speed'],
  ['run', 'x.py', '--speed', '-1'],
  ['run', 'x.py', '--record='],
  ['run', 'x.py', '--maxSteps', '3'],
  ['run', 'x.py', '--speed', '1', '--speed', '2'],
  ['run', 'x.py', '-'],
];

describe('parsePlainCommandLine', () => {
  it.each(PLAIN)('parses %j as meow does', (...argv) => {
    const plain = parsePlainCommandLine(argv);
    expect(plain).not.toBeNull();
    expect(plain).toEqual(byMeow(argv));
  });

  it.each(LEFT_TO_MEOW)('leaves %j to meow', (...argv) => {
    expect(parsePlainCommandLine(argv)).toBeNull();
  });
});
