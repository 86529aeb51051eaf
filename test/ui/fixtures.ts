/** Views built from plain data, as the projections would give them, for panel tests. */
import type { GraphView, HeapView, GenerationsView, ObjectSummary, Page, ProfilerView, Reference } from '../../source/ui/views.js';
import { initialSessionState, type SessionState } from '../../source/session/session-state.js';

export function obj(id: number, type: string, extra: Partial<ObjectSummary> = {}): ObjectSummary {
  return { id, kind: 'object', type, address: 0x7f0000001000 + id * 0x30, size: 48, refcount: 1, value: '', inCycle: false, unreachable: false, ...extra };
}

export function frame(id: number, name: string): ObjectSummary {
  return { id, kind: 'frame', type: name, address: 0, size: 0, refcount: 0, value: '', inCycle: false, unreachable: false };
}

type Edge = { from: number; to: number; slot: string; weak?: boolean };

const page = <T>(items: readonly T[], offset: number, limit: number): Page<T> => ({ total: items.length, items: items.slice(offset, offset + limit) });

/** A graph over a fixed set of objects and references; roots are the edges from `rootFrame`. */
export function fixtureGraph(objects: readonly ObjectSummary[], edges: readonly Edge[], rootFrame: number): GraphView {
  const byId = new Map(objects.map((o) => [o.id, o]));
  const ref = (slot: string, id: number, weak = false): Reference => ({ slot, object: byId.get(id)!, weak });
  return {
    roots: (o, n) => page(edges.filter((e) => e.from === rootFrame).map((e) => ref(e.slot, e.to, e.weak)), o, n),
    garbage: (o, n) => page(objects.filter((x) => x.unreachable), o, n),
    object: (id) => byId.get(id) ?? null,
    referents: (id, o, n) => page(edges.filter((e) => e.from === id).map((e) => ref(e.slot, e.to, e.weak)), o, n),
    referrers: (id, o, n) => page(edges.filter((e) => e.to === id).map((e) => ref(e.slot, e.from, e.weak)), o, n),
  };
}

/** The seed scenario after `del node1, node2`: two Node objects in a cycle, unreachable. */
export function seedGraph(collected = false): GraphView {
  const module = frame(1, '<module>');
  const first = obj(10, 'str', { value: "'first'", size: 54, refcount: 2 });
  const n1 = obj(20, 'Node', { inCycle: true, unreachable: true });
  const n2 = obj(21, 'Node', { inCycle: true, unreachable: true });
  const cls = obj(30, 'type', { value: 'Node', size: 1072, refcount: 5 });
  const objects = collected ? [module, first, cls] : [module, first, n1, n2, cls];
  const edges: Edge[] = [{ from: 1, to: 30, slot: 'Node' }];
  if (!collected) {
    edges.push({ from: 20, to: 21, slot: '.next' }, { from: 21, to: 20, slot: '.next' }, { from: 20, to: 10, slot: '.name' }, { from: 20, to: 30, slot: '__class__' });
  }
  return fixtureGraph(objects, edges, 1);
}

export const heapFixture: HeapView = {
  objects: 14,
  bytes: 1946,
  peakBytes: 2150,
  history: [100, 400, 900, 1500, 2150, 1946],
  types: [
    { type: 'Node', count: 2, bytes: 96, countChange: 2, bytesChange: 96 },
    { type: 'str', count: 10, bytes: 600, countChange: 1, bytesChange: 55 },
    { type: 'function', count: 1, bytes: 144, countChange: 0, bytesChange: 0 },
    { type: 'dict', count: 1, bytes: 1106, countChange: -1, bytesChange: -232 },
  ],
};

export function generationsFixture(last: GenerationsView['last'] = null): GenerationsView {
  return {
    generations: [
      { count: 412, threshold: 700, collections: 3 },
      { count: 1, threshold: 10, collections: 0 },
      { count: 0, threshold: 10, collections: last ? 1 : 0 },
    ],
    enabled: true,
    last,
  };
}

export const profilerFixture: ProfilerView = {
  functions: [
    {
      filename: '/work/scenarios/profiled.py',
      name: 'my_func',
      lines: [
        { line: 4, memUsage: 14.0, increment: 14.0, occurrences: 1, contents: '@profile' },
        { line: 5, memUsage: null, increment: null, occurrences: null, contents: 'def my_func():' },
        { line: 6, memUsage: 21.7, increment: 7.6, occurrences: 1, contents: '    a = [1] * (10 ** 6)' },
        { line: 9, memUsage: 1502.8, increment: -156.2, occurrences: 1, contents: '    del b' },
      ],
    },
  ],
};

export function sessionFixture(patch: Partial<SessionState> = {}): SessionState {
  return { ...initialSessionState('reference_cycle.py'), status: 'paused', live: { event: 214, line: 10, scope: '<module>' }, ...patch };
}
