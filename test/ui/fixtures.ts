/** Views built from plain data, as the projections would give them, for panel tests. */
import type { AllocatorPanelView, AllocatorView, GraphView, HeapView, GenerationsView, ObjectSummary, Page, ProfilerView, Reference } from '../../source/ui/views.js';
import type { ArenaView, PoolView } from '../../source/runtime/heap/allocator-view.js';
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

const fig = (memory: number, increment: number, occurrences = 1) => ({ memory, increment, occurrences });

/** memory_profiler's table for a function that has run up to line `running` (0: returned). */
export function profilerFixture(running = 0): ProfilerView {
  return {
    functions: [
      {
        filename: '/work/scenarios/profiled.py',
        rows: [
          { line: 4, text: '@profile', figures: fig(14.0, 14.0) },
          { line: 5, text: 'def my_func():', figures: null },
          { line: 6, text: '    a = [1] * (10 ** 6)', figures: fig(21.7, 7.6) },
          { line: 7, text: '    del b', figures: running ? null : fig(1502.8, -156.2) },
        ],
        running,
        reported: running === 0,
      },
    ],
  };
}

export function sessionFixture(patch: Partial<SessionState> = {}): SessionState {
  return { ...initialSessionState('reference_cycle.py'), status: 'paused', live: { event: 214, line: 10, scope: '<module>' }, ...patch };
}

/** pymalloc with two arenas: arena 0 has pools 1-3 carved (a 48-byte pool, a full 32-byte pool, an empty one). */
export function allocatorFixture(detailEvent = 214): AllocatorPanelView {
  const base = 0x7f3ac0000000;
  const pool = (arena: number, slot: number, state: PoolView['state'], blockSize: number, blocksInUse: number, capacity: number): PoolView => ({
    pool: arena * 64 + slot,
    address: base + arena * 0x100000 + slot * 0x4000,
    state,
    sizeClass: blockSize / 16 - 1,
    blockSize,
    blocksInUse,
    capacity,
    residentPages: 4,
  });
  const unused = (arena: number, from: number) =>
    Array.from({ length: 64 - from }, (_, i) => ({ ...pool(arena, from + i, 'unused', 0, 0, 0), sizeClass: -1 }));
  const arenas: ArenaView[] = [
    { arena: 0, address: base, freePools: 61, totalPools: 63, residentBytes: 65536, pools: [pool(0, 1, 'used', 48, 120, 340), pool(0, 2, 'full', 32, 510, 510), pool(0, 3, 'empty', 64, 0, 0), ...unused(0, 4)] },
    { arena: 1, address: base + 0x100000, freePools: 63, totalPools: 63, residentBytes: 0, pools: unused(1, 1) },
  ];
  const view: AllocatorView = {
    rss: { total: 10 * 2 ** 20, interpreter: 8 * 2 ** 20, modules: 0, arenas: 65536, systemHeap: 0, systemMapped: 0 },
    counters: { allocatedTotal: 2, reclaimed: 0, highWater: 2, current: 2 },
    arenas,
    usableOrder: [0, 1],
    sizeClasses: [
      { sizeClass: 1, blockSize: 32, pools: 1, blocksInUse: 510, availableBlocks: 0 },
      { sizeClass: 2, blockSize: 48, pools: 1, blocksInUse: 120, availableBlocks: 220 },
    ],
    arenaBytes: { inUseBlocks: 22080, availableBlocks: 10560, unusedPools: 2015232, poolHeaders: 96, quantization: 64, alignment: 8192, notInUse: 2075072 },
    system: { heapBytes: 0, heapFreeChunkBytes: 0, mappedBlocks: 0, mappedBytes: 0, mmapThreshold: 131072, trimThreshold: 131072 },
  };
  return { rss: 10 * 2 ** 20, peakRss: 12 * 2 ** 20, arenas: 2, detail: { event: detailEvent, view } };
}
