import { describe, expect, it } from 'vitest';
import { runProgram } from '../../source/runtime/run.js';
import { foldProcessMemory, pagesToMiB } from '../../source/projections/process-memory.js';
import { EventKind } from '../../source/events/kinds.js';

describe('process memory projection', () => {
  it('follows the modelled RSS: start, a mapped list, its release', () => {
    const src = 'a = [1] * 10**6\nmark = 1\ndel a\n';
    const { runtime } = runProgram('/tmp/pm.py', src, { stdout: () => {} });
    const state = foldProcessMemory(runtime.ev);
    expect(pagesToMiB(state.series[0]!.rssPages)).toBeCloseTo(13.22, 2);
    expect(state.series[0]!.arenas).toBe(4);
    // The 8,003,584-byte mapping (1954 pages) comes and goes.
    expect(state.peakPages - state.series[0]!.rssPages).toBeGreaterThanOrEqual(1954);
    expect(state.peakPages - state.series[0]!.rssPages).toBeLessThan(1954 + 8);
    // Folding a prefix gives the state at that point (before `del a`).
    let delLine = -1;
    runtime.ev.forEach((e, n) => {
      if (e.kind === EventKind.LineStarted && e.a === 3) {
        delLine = n;
        return false;
      }
      return true;
    });
    const before = foldProcessMemory(runtime.ev, delLine);
    expect(before.rssPages).toBe(before.peakPages);
    expect(state.rssPages).toBeLessThan(before.rssPages - 1900);
  });
});
