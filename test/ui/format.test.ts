import { describe, expect, it } from 'vitest';
import { formatCount } from '../../source/ui/format.js';

describe('formatCount', () => {
  it('groups digits as toLocaleString("en-US") does', () => {
    const values = [0, -0, 1, -1, 12, 999, 1000, -1000, 1234, 99_999, 100_000, 123_456, 1_000_000, -1_234_567, 700, 2 ** 31, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1.5, 2 ** 60];
    for (let k = 0; k < 200; k++) values.push(Math.floor(Math.random() * 10 ** (k % 16)) * (k % 2 ? -1 : 1));
    for (const n of values) expect(formatCount(n), String(n)).toBe(n.toLocaleString('en-US'));
  });
});
