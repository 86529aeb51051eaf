/**
 * The collector as events: the seed's Node cycle is found unreachable before it is freed,
 * the phases come in gcmodule.c's order, and the debug invariant catches broken counts.
 */
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../source/runtime/run.js';
import { CollectorPhase, EventKind } from '../../source/events/kinds.js';
import type { EventLog } from '../../source/events/log.js';
import { CollectorInvariantError } from '../../source/runtime/collector/collect.js';
import type { Runtime } from '../../source/runtime/runtime.js';

const SEED_CYCLE = `import gc

class Node:
    def __init__(self, name):
        self.name = name
        self.next = None

gc.collect()
node1 = Node("a")
node2 = Node("b")
node1.next = node2
node2.next = node1
del node1, node2
print("collected", gc.collect())
`;

function run(source: string, beforeRun?: (rt: Runtime) => void): { out: string; runtime: Runtime; errors: string[] } {
  let out = '';
  const { runtime, refcountErrors } = runProgram('/tmp/test.py', source, {
    checking: true,
    stdout: (t) => (out += t),
    stderr: (t) => (out += t),
    beforeRun,
  });
  return { out, runtime, errors: refcountErrors };
}

/** An event's fields in EVENT_FIELDS order. */
type Ev = { n: number; kind: EventKind; a: number; b: number; c: number };

function events(log: EventLog): Ev[] {
  const out: Ev[] = [];
  log.forEach((e, n) => {
    out.push({ n, kind: e.kind, a: e.a, b: e.b, c: e.c });
  });
  return out;
}

function serialsOfType(log: EventLog, all: Ev[], typeName: string): number[] {
  const id = log.strings.intern(typeName);
  return all.filter((e) => e.kind === EventKind.Allocated && e.b === id).map((e) => e.a);
}

describe('the collector reported as events', () => {
  it("finds the seed's two Nodes unreachable before freeing them, and gc.collect() returns 2", () => {
    const { out, runtime, errors } = run(SEED_CYCLE);
    expect(out).toBe('collected 2\n');
    expect(errors).toEqual([]);
    const all = events(runtime.ev);
    const nodes = serialsOfType(runtime.ev, all, 'Node');
    expect(nodes).toHaveLength(2);
    // the collection of the program's gc.collect(): the last one that ends with collected == 2
    const end = all.find((e) => e.kind === EventKind.CollectionEnded && e.b === 2)!;
    expect(end).toBeDefined();
    expect(end.a).toBe(2); // generation 2: gc.collect()
    const start = all.filter((e) => e.kind === EventKind.CollectionStarted && e.n < end.n).pop()!;
    for (const serial of nodes) {
      const unreachable = all.find((e) => e.kind === EventKind.Unreachable && e.a === serial);
      const freed = all.find((e) => e.kind === EventKind.Freed && e.a === serial);
      expect(unreachable).toBeDefined();
      expect(freed).toBeDefined();
      expect(unreachable!.n).toBeGreaterThan(start.n);
      expect(unreachable!.n).toBeLessThan(freed!.n);
      expect(freed!.n).toBeLessThan(end.n);
      // after subtract_refs nothing outside the cycle referred to them
      const refs = all.find((e) => e.kind === EventKind.GcRefs && e.a === serial && e.n > start.n);
      expect(refs!.b).toBe(0);
    }
  });

  it('breaks the cycle with tp_clear on the first Node; refcounting frees the other', () => {
    const { runtime } = run(SEED_CYCLE);
    const all = events(runtime.ev);
    const nodes = serialsOfType(runtime.ev, all, 'Node');
    const cleared = all.filter((e) => e.kind === EventKind.GcCleared && nodes.includes(e.a));
    expect(cleared).toHaveLength(1);
    expect(cleared[0]!.a).toBe(nodes[0]);
    const freed = nodes.map((s) => all.find((e) => e.kind === EventKind.Freed && e.a === s)!.n);
    expect(cleared[0]!.n).toBeLessThan(Math.min(...freed));
  });

  it("reports the phases in gc_collect_main's order", () => {
    const { runtime } = run(SEED_CYCLE);
    const all = events(runtime.ev);
    const end = all.find((e) => e.kind === EventKind.CollectionEnded && e.b === 2)!;
    const start = all.filter((e) => e.kind === EventKind.CollectionStarted && e.n < end.n).pop()!;
    const phases = all.filter((e) => e.kind === EventKind.GcPhase && e.n > start.n && e.n < end.n).map((e) => e.a);
    expect(phases).toEqual([
      CollectorPhase.UpdateRefs,
      CollectorPhase.SubtractRefs,
      CollectorPhase.MoveUnreachable,
      CollectorPhase.UntrackTuples,
      CollectorPhase.PromoteSurvivors,
      CollectorPhase.MoveLegacyFinalizers,
      CollectorPhase.HandleWeakrefs,
      CollectorPhase.FinalizeGarbage,
      CollectorPhase.HandleResurrectedObjects,
      CollectorPhase.UpdateRefs,
      CollectorPhase.SubtractRefs,
      CollectorPhase.MoveUnreachable,
      CollectorPhase.DeleteGarbage,
      CollectorPhase.ClearFreeLists,
    ]);
  });

  it('runs finalizers and weakref callbacks as reported events, callbacks first', () => {
    const { out, runtime } = run(`import gc, weakref
class D:
    def __del__(self):
        print("del")
def make():
    a = D(); b = D(); a.o = b; b.o = a
    return weakref.ref(a, lambda r: print("callback"))
r = make()
print(gc.collect())
`);
    expect(out).toBe('callback\ndel\ndel\n2\n');
    const all = events(runtime.ev);
    const callback = all.find((e) => e.kind === EventKind.CallbackRun)!;
    const finalizers = all.filter((e) => e.kind === EventKind.FinalizerRun);
    expect(finalizers).toHaveLength(2);
    expect(callback.n).toBeLessThan(finalizers[0]!.n);
  });

  it('reports a resurrected object', () => {
    const { runtime } = run(`import gc
saved = []
class P:
    def __del__(self):
        saved.append(self)
def make():
    p = P(); p.me = p
make()
print(gc.collect())
`);
    const all = events(runtime.ev);
    const [p] = serialsOfType(runtime.ev, all, 'P');
    const resurrected = all.filter((e) => e.kind === EventKind.Resurrected && e.a === p);
    expect(resurrected.length).toBeGreaterThan(0);
  });
});

describe('the debug invariant', () => {
  it('catches a refcount that is too small when a collection starts', () => {
    const source = `import gc
victim = [1, 2]
holder = [victim]
gc.collect()
`;
    expect(() =>
      run(source, (rt) => {
        rt.onLine = (f) => {
          if (f.lineno !== 4) return;
          // victim is referenced by a global and by holder; lose one of its counts
          const victim = [...rt.heap.live!.values()].find((o) => o.type.name === 'list' && (o as unknown as { items: unknown[] }).items.length === 2 && o.rc === 2);
          victim!.rc = 1;
        };
      }),
    ).toThrow(/refcount is too small: list object .* has refcount 1 but 2 references point at it/);
  });

  it('lists a leaked reference at exit', () => {
    const { errors } = run('x = [1]\ny = 2\n', (rt) => {
      rt.onLine = (f) => {
        if (f.lineno !== 2) return;
        // the program's list: the newest one
        const lists = [...rt.heap.live!.values()].filter((o) => o.type.name === 'list');
        const x = lists.reduce((a, b) => (b.serial > a.serial ? b : a));
        x.rc += 1;
      };
    });
    expect(errors.some((e) => e.includes('list object') && e.includes('leaked'))).toBe(true);
  });

  it('makes the collector refuse a count below the references from the collected objects', () => {
    expect(() =>
      run(`import gc
a = []
b = [a]
a.append(b)
del a
gc.collect()
`, (rt) => {
        // only the collector's own check (subtract_refs), not the event-log ledger
        (rt as unknown as { ledger: null }).ledger = null;
        rt.onLine = (f) => {
          if (f.lineno !== 6) return;
          const b = [...rt.heap.live!.values()].find((o) => o.type.name === 'list' && (o as unknown as { items: unknown[] }).items.length === 1 && o.rc === 2);
          if (b) b.rc = 1; // b is referenced by a and by the global: 2
        };
      }),
    ).toThrow(CollectorInvariantError);
  });
});
