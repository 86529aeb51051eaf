/**
 * The dashboard's figures (memory_profiler's '{:5.1f} MiB') come from formatFixed, outside
 * the object model: it must format as python3 does, including rounding half to even on the
 * exact binary value and the sign of values that round to zero.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { formatFixed } from '../../source/runtime/objects/decimal-digits.js';

const VALUES = [0, -0, 0.05, 0.15, 0.25, 0.35, 1.25, 2.675, -0.04, -0.05, 1e-7, 3.14159, -3.14159, 99.95, 1023.96875, 123456.789, 1e22, 2 ** 60, 5e-324];
const SPECS: [number, number][] = [[5, 1], [6, 2], [8, 4], [1, 0], [12, 3]];

describe('formatFixed', () => {
  it("formats as python3's format(x, '{width}.{places}f')", () => {
    const cases = VALUES.flatMap((x) => SPECS.map(([w, p]) => ({ x, w, p })));
    const program = `import json, sys\nfor x, w, p in json.load(sys.stdin):\n    print(format(x, f"{w}.{p}f"))\n`;
    const input = JSON.stringify(cases.map(({ x, w, p }) => [Object.is(x, -0) ? '-0.0' : x, w, p])).replace(/"-0\.0"/g, '-0.0');
    const r = spawnSync('python3', ['-c', program], { input, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const expected = r.stdout.split('\n').slice(0, -1);
    expect(cases.map(({ x, w, p }) => formatFixed(x, w, p))).toEqual(expected);
  });
});
