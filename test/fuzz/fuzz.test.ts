/**
 * Property-based fuzzing (fast-check), small enough for every test run: generated
 * programs from the supported subset and mutated scenario files never make a JavaScript
 * exception escape the runtime and always leave a heap that passes the invariant checker,
 * whose projection from the event log equals the runtime's heap.
 * `npm run fuzz` runs the same properties at length (test/fuzz/long-run.fuzz.ts).
 *
 * The seed is fixed so that a failure reproduces; FUZZ_SEED picks another.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { program, edits, mutate } from './programs.js';
import { projectionDiffs, runOnHeapscope } from './differential.js';
import { runSource } from '../robustness/run-in-process.js';
import { PyList } from '../../source/runtime/objects/list.js';
import { corpus } from './corpus.js';

const seed = Number(process.env.FUZZ_SEED ?? 20261125);
const files = corpus();

/** What the property asserts, as one readable value: null when all is well. */
function problems(filename: string, source: string): string | null {
  const r = runOnHeapscope(filename, source, 20_000);
  if (r.jsError) return `JavaScript exception: ${r.jsError}`;
  if (r.violations.length) return `invariants: ${r.violations.map((v) => v.message).join('; ')}`;
  if (r.projection.length) return `projection differs from the heap: ${r.projection.join('; ')}`;
  // Only the program speaks on stderr (a traceback, a SyntaxError), never heapscope itself.
  if (!r.stopped && /^heapscope/m.test(r.stderr)) return `heapscope's own message: ${r.stderr}`;
  return null;
}

describe('fuzz (fast-check)', () => {
  it('generated programs: no JavaScript exception, invariants hold', () => {
    fc.assert(
      fc.property(program, (src) => {
        expect(problems('/fuzz/generated.py', src)).toBeNull();
      }),
      { numRuns: 12, seed },
    );
  });

  it('mutated scenario and conformance files: no JavaScript exception, invariants hold', () => {
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), edits, (i, e) => {
        const f = files[i]!;
        expect(problems(`/fuzz/${f.name}`, mutate(f.text, e))).toBeNull();
      }),
      { numRuns: 25, seed },
    );
  });

  it('the projection check notices a change the event log did not see', () => {
    const r = runSource('keep = [1, 2]\n', { checking: true });
    expect(projectionDiffs(r.runtime)).toEqual([]);
    const list = [...r.runtime.heap.live!.values()].find((o) => o instanceof PyList)!;
    list.rc += 1; // a reference taken behind the log's back
    expect(projectionDiffs(r.runtime).join('\n')).toMatch(/refcount/);
  });
});
