/**
 * Garbage as the graph analysis sees it equals what the real collector found: before
 * every full collection of every conformance program, the objects analyzeGraph calls
 * garbage are exactly those the collection then reports unreachable. And cycles and
 * roots on a small program.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProgram } from '../../source/runtime/run.js';
import { EventKind, formatSlot } from '../../source/events/kinds.js';
import { TimeTravel } from '../../source/projections/time-travel.js';
import { analyzeGraph, roots } from '../../source/projections/graph-analysis.js';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', 'conformance', 'programs');
const programs = readdirSync(dir).filter((f) => f.endsWith('.py')).sort();

function logOf(path: string, source = readFileSync(path, 'utf8')) {
  return runProgram(path, source, { stdout: () => {}, stderr: () => {} }).runtime.ev;
}

describe('garbage found by the analysis = unreachable found by the collector', () => {
  let fullCollections = 0;
  let garbageSeen = 0;
  for (const file of programs) {
    it(file, () => {
      const log = logOf(join(dir, file));
      // Each full collection: where it starts, and what it found unreachable.
      const found: { start: number; unreachable: Set<number> }[] = [];
      let current: { start: number; unreachable: Set<number> } | null = null;
      log.forEach((r, n) => {
        if (r.kind === EventKind.CollectionStarted) current = r.a === 2 ? { start: n, unreachable: new Set() } : null;
        else if (r.kind === EventKind.Unreachable && current) current.unreachable.add(r.a);
        else if (r.kind === EventKind.CollectionEnded && current) {
          found.push(current);
          current = null;
        }
      });
      const tt = new TimeTravel(log);
      for (const c of found) {
        const { garbage } = analyzeGraph(tt.seek(c.start), log.strings);
        expect([...garbage].sort((a, b) => a - b)).toEqual([...c.unreachable].sort((a, b) => a - b));
        fullCollections++;
        garbageSeen += garbage.size;
      }
    });
  }
  it('saw collections with garbage', () => {
    expect(fullCollections).toBeGreaterThan(50);
    expect(garbageSeen).toBeGreaterThan(50);
  });
});

describe('cycles and roots', () => {
  const source = `import gc
class Node:
    def __init__(self, name):
        self.name = name
        self.next = None
a = Node("a")
b = Node("b")
a.next = b
b.next = a
c = Node("c")
del a, b
gc.collect()
print("done")
`;
  const log = logOf('/cycle.py', source);
  const tt = new TimeTravel(log);
  const lineOf = (line: number) => {
    for (let j = 0; j < tt.lineCount; j++) if (tt.seekLine(j).currentLine === line) return tt.seekLine(j);
    throw new Error(`line ${line} never ran`);
  };
  const named = (p: ReturnType<typeof lineOf>, name: string) => {
    const r = roots(p, log.strings).find((x) => formatSlot(x.slot, (id) => log.strings.get(id)) === `['${name}']`);
    return r?.serial;
  };

  it('names globals at module level, and finds the cycle', () => {
    const p = lineOf(10); // c = Node("c"): a and b refer to each other
    const a = named(p, 'a')!;
    const b = named(p, 'b')!;
    expect(a).toBeGreaterThan(0);
    const { inCycle, garbage } = analyzeGraph(p, log.strings);
    expect(inCycle.has(a) && inCycle.has(b)).toBe(true);
    expect(garbage.size).toBe(0);
  });

  it('after del: the cycle is garbage until gc.collect()', () => {
    const before = lineOf(12);
    const cycle = [...analyzeGraph(before, log.strings).garbage];
    expect(cycle.length).toBe(2); // the two Node instances (their attributes are inline values)
    const after = lineOf(13);
    expect(analyzeGraph(after, log.strings).garbage.size).toBe(0);
    for (const s of cycle) expect(after.has(s)).toBe(false);
  });
});
