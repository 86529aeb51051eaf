/**
 * For every conformance program: the heap projection folded from the log equals the
 * runtime's own live heap (objects, refcounts, sizes, addresses, generations, edges,
 * frames, gc counts, thresholds and statistics) at the end and at sampled line starts
 * during the run.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProgram } from '../../source/runtime/run.js';
import type { Runtime } from '../../source/runtime/runtime.js';
import { Projection } from '../../source/projections/projection.js';

import { runtimeNodes } from './runtime-heap.js';
import { diffNodes, projectedNodes } from './projected-heap.js';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', 'conformance', 'programs');
const programs = readdirSync(dir).filter((f) => f.endsWith('.py')).sort();

/** Differences between the projection and the runtime now ([] when they agree). */
function compareWithRuntime(p: Projection, runtime: Runtime): string[] {
  const expected = runtimeNodes(runtime);
  const actual = projectedNodes(p, runtime.ev.strings);
  // An object being deallocated (refcount 0) has dropped its references in the runtime;
  // the log drops them all at once with its Freed event.
  // (Its Freed event also untracks it, which the runtime did when deallocation began.)
  const dying = [0, 0, 0, 0];
  for (const [s, e] of expected) {
    if (e.refcount === 0 && runtime.heap.live!.has(s)) {
      const g = actual.get(s)?.generation ?? -1;
      if (g >= 0) dying[g]!++;
      expected.delete(s);
      actual.delete(s);
    }
  }
  // Mid-collection, objects sit in the collector's scratch lists.
  if (runtime.heap.collecting) for (const m of [expected, actual]) for (const e of m.values()) e.generation = 0;
  const diffs = diffNodes(expected, actual);
  if (!runtime.heap.collecting) {
    if (p.count.join() !== runtime.heap.count.join()) diffs.push(`gc counts ${p.count} expected ${runtime.heap.count}`);
    const sizes = [0, 1, 2, 3].map((g) => runtime.heap.generations[g]!.length);
    const projected = p.generationSize.map((n, g) => n - dying[g]!);
    if (projected.join() !== sizes.join()) diffs.push(`generation sizes ${projected} expected ${sizes}`);
    // gc.get_stats(): collections, collected and uncollectable per generation.
    const stats = JSON.stringify((runtime.state.get('gc') as { collector: { stats: unknown } }).collector.stats);
    if (JSON.stringify(p.stats) !== stats) diffs.push(`gc stats ${JSON.stringify(p.stats)} expected ${stats}`);
  }
  if (p.threshold.join() !== runtime.heap.threshold.join()) diffs.push(`thresholds ${p.threshold} expected ${runtime.heap.threshold}`);
  if (p.enabled !== runtime.heap.enabled) diffs.push(`enabled ${p.enabled} expected ${runtime.heap.enabled}`);
  return diffs;
}

function run(file: string, onLine?: (runtime: Runtime) => void): Runtime {
  let runtime: Runtime | undefined;
  const source = readFileSync(join(dir, file), 'utf8');
  const result = runProgram(join(dir, file), source, {
    checking: true,
    stdout: () => {},
    stderr: () => {},
    beforeRun: (r) => (runtime = r),
    onLine: onLine && (() => onLine(runtime!)),
  });
  return result.runtime;
}

describe('heap projection equals the runtime heap', () => {
  for (const file of programs) {
    it(file, () => {
      const p = new Projection();
      let lines = 0;
      let checked = 0;
      const mismatches: string[] = [];
      const runtime = run(file, (rt) => {
        // The first 25 line starts, then every 100th up to 2,000, then every 5,000th (each
        // comparison walks the whole heap: long programs would take minutes).
        lines++;
        if (lines > 25 && (lines > 2000 ? lines % 5000 !== 0 : lines % 100 !== 0)) return;
        p.advance(rt.ev);
        checked++;
        for (const d of compareWithRuntime(p, rt)) if (mismatches.length < 20) mismatches.push(`line ${rt.frame?.lineno}: ${d}`);
      });
      p.advance(runtime.ev);
      expect(mismatches).toEqual([]);
      expect(compareWithRuntime(p, runtime)).toEqual([]);
      // The comparison saw real content: objects, references, and (but for a syntax error) lines.
      expect(p.objects).toBeGreaterThan(1000);
      expect(p.graph.edgeCount).toBeGreaterThan(1000);
      // A program that fails to compile runs no line.
      const expected = JSON.parse(readFileSync(join(dir, '..', 'expected', file.replace(/\.py$/, '.json')), 'utf8'));
      if (!/^SyntaxError/m.test(expected.stderr)) expect(checked).toBeGreaterThan(0);
    }, 180_000); // the biggest programs take a while on a busy machine
  }
});
