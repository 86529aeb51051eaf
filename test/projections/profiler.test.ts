/**
 * The Profiler projection folds memory_profiler's events into the same tables the module
 * prints, at the end and at every point in between.
 */
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../source/runtime/run.js';
import { foldProfiles, formatProfile, profileRows } from '../../source/projections/profiler.js';
import { EventKind } from '../../source/events/kinds.js';

const SOURCE = `from memory_profiler import profile


@profile
def build(n):
    rows = []
    for i in range(n):
        rows.append([0] * 1000)
    big = [None] * 200000
    del rows
    return len(big)


build(20)
build(3)
`;

function run() {
  let out = '';
  const { runtime } = runProgram('/tmp/profiled.py', SOURCE, { stdout: (t) => (out += t) });
  return { out, runtime };
}

describe('profiler projection', () => {
  it('rebuilds exactly the tables the program printed', () => {
    const { out, runtime } = run();
    const tables = [...foldProfiles(runtime.ev).values()];
    expect(tables.length).toBe(2);
    expect(tables.every((t) => t.reported && t.running === 0)).toBe(true);
    const lines = SOURCE.split('\n');
    expect(tables.map((t) => formatProfile(t, lines)).join('')).toBe(out);
    expect(out.split('Filename: /tmp/profiled.py').length).toBe(3);
  });

  it('shows the table filling in while the function runs', () => {
    const { runtime } = run();
    const ev = runtime.ev;
    // Find the sample where the loop's line (8) has run 10 times in the first call.
    let at = -1;
    let seen = 0;
    ev.forEach((e, n) => {
      if (e.kind === EventKind.ProfileSample && e.a === 1 && e.b === 8 && ++seen === 10) {
        at = n + 1;
        return false;
      }
      return true;
    });
    expect(at).toBeGreaterThan(0);
    const table = foldProfiles(ev, at).get(1)!;
    expect(table.reported).toBe(false);
    expect(table.running).toBe(7); // back at the for line
    const rows = profileRows(table, SOURCE.split('\n'));
    expect(rows.find((r) => r.line === 8)!.figures!.occurrences).toBe(10);
    expect(rows.find((r) => r.line === 9)!.figures).toBeNull();
    // 200000 items (1.53 MiB) show up as the increment of line 9 once it has run.
    const done = foldProfiles(ev).get(1)!;
    expect(done.lines.get(9)!.increment).toBeCloseTo(Math.ceil((200000 * 8 + 16) / 4096) * 4096 / 2 ** 20, 6);
  });
});
