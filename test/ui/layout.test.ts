/** Panel placement for terminal sizes from 80×24 up. */
import { describe, expect, it } from 'vitest';
import { computeLayout, PANEL_ORDER, split } from '../../source/ui/layout.js';

describe('layout', () => {
  for (const [columns, rows] of [
    [80, 24],
    [100, 30],
    [119, 50],
    [120, 40],
    [200, 60],
    [81, 25],
  ] as const) {
    it(`fills ${columns}×${rows} exactly, every panel present`, () => {
      const layout = computeLayout(columns, rows);
      if (layout.kind !== 'dashboard') throw new Error('expected a dashboard');
      expect(layout.height).toBe(rows - 1);
      expect(layout.rows.reduce((a, r) => a + r.height, 0) + 2).toBe(rows - 1);
      for (const r of layout.rows) expect(r.panels.reduce((a, p) => a + p.width, 0)).toBe(columns);
      expect(layout.rows.flatMap((r) => r.panels.map((p) => p.id)).sort()).toEqual([...PANEL_ORDER].sort());
      // Every panel has room for at least three lines inside its borders.
      for (const r of layout.rows) expect(r.height).toBeGreaterThanOrEqual(5);
    });
  }

  it('uses three columns from 120 columns', () => {
    const layout = computeLayout(120, 40);
    if (layout.kind !== 'dashboard') throw new Error('expected a dashboard');
    expect(layout.rows[0]!.panels.map((p) => p.id)).toEqual(['source', 'heap', 'generations']);
  });

  it('is too small below 80×24', () => {
    expect(computeLayout(79, 40).kind).toBe('too-small');
    expect(computeLayout(120, 23).kind).toBe('too-small');
  });

  it('splits by weight with minimums and no remainder lost', () => {
    expect(split(21, [3, 3, 2], [8, 8, 5])).toEqual([8, 8, 5]);
    expect(split(100, [1, 1], [20, 20])).toEqual([50, 50]);
    expect(split(101, [1, 1], [20, 20])).toEqual([51, 50]);
  });
});
