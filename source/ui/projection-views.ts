/**
 * The projections (source/projections) at the cursor, adapted to the views the panels
 * read (views.ts). Nothing here changes the log or the projections: it seeks and reads.
 *
 * Reading order matters: TimeTravel.seek() returns a shared projection that the next
 * seek moves, so everything about an earlier position (the types at the previous step)
 * is read first, and the projection at the cursor last; the graph view reads it later,
 * during the same render, with no seek in between.
 */
import { formatSlot, SlotKind, slotKind, slotPayload, WEAK_REFERENT_LABEL } from '../events/kinds.js';
import type { Projection, NodeInfo } from '../projections/projection.js';
import type { StringTable } from '../events/log.js';
import type { Timeline } from '../session/timeline.js';
import type { SessionState } from '../session/session-state.js';
import { analyzeGraph, roots as rootsOf, type GraphAnalysis } from '../projections/graph-analysis.js';
import { logEntries } from './log-entries.js';
import { MemoryFold } from './memory-views.js';
import { formatAddress } from './format.js';
import { SPEEDS } from '../session/speed.js';
import type { GenerationsView, GraphView, HeapView, ObjectSummary, Page, Reference, Shown, TypeRow } from './views.js';

/** While running, the graph is analysed (garbage, cycles) only slowly and for small heaps. */
const ANALYSE_WHILE_RUNNING = 20_000;
const ANALYSE_UP_TO_SPEED = SPEEDS.indexOf(8);
/** Columns of the bytes-over-time sparkline (the panel shows as many as fit). */
const HISTORY_COLUMNS = 120;
/** Globals every module has: not what a user means by "variables". */
const MODULE_DUNDERS = new Set(['__name__', '__doc__', '__package__', '__loader__', '__spec__', '__annotations__', '__builtins__', '__file__', '__cached__']);

/** Per-session memory of the adapter: the analysis of the position shown, earlier type counts. */
export class ViewCache {
  analysis: { at: number; result: GraphAnalysis; garbage: number[] } | null = null;
  /** The type counts of the last frame drawn while running (changes are shown against them). */
  lastTypes: Counts | null = null;
  /** Objects named in the events log, by event number (the log never changes). */
  readonly described = new Map<number, string>();
  /** memory_profiler's tables and the process memory, folded as far as shown. */
  readonly memory: MemoryFold;

  constructor(timeline: Timeline) {
    this.memory = new MemoryFold(timeline);
  }
}

/** Objects named in the events log are looked up at their event: at most this many per frame. */
const DESCRIBE_PER_FRAME = 12;

export function shownAt(timeline: Timeline, state: SessionState, cache: ViewCache, sourceLines: readonly string[]): Shown {
  const travel = timeline.travel;
  const end = timeline.end;
  const k = Math.min(state.cursor ?? end, end);
  const strings = timeline.log.strings;

  // Earlier positions first (see the header). While the program runs, changes are since
  // the previous frame: seeking to the previous line start would cost a checkpoint
  // restore every frame.
  const running = state.status === 'running' && state.cursor === null;
  let before: Counts | null;
  if (running) before = cache.lastTypes;
  else {
    const back = timeline.back(k);
    before = back === null ? null : typeCounts(travel.seek(back).types(strings));
  }
  const history = travel.timeline(k, HISTORY_COLUMNS).map((c) => c.bytes);
  const collections = travel.collections(k);
  let lookups = 0;
  const describe = (event: number, serial: number): string => {
    const known = cache.described.get(event);
    if (known !== undefined) return known;
    if (lookups++ >= DESCRIBE_PER_FRAME) return `object ${serial}`;
    const info = travel.seek(event).node(serial, strings);
    const text = info ? `${info.type === 'type' ? `class ${info.name}` : info.type} @${formatAddress(info.address)}` : `object ${serial}`;
    cache.described.set(event, text);
    return text;
  };
  const entries = logEntries(timeline, state, k, describe);

  const p = travel.seek(k);
  const now = typeCounts(p.types(strings));
  cache.lastTypes = running ? now : null;
  const heap = heapView(p, now, before, history);
  const last = collections[collections.length - 1];
  const generations: GenerationsView = {
    generations: [0, 1, 2].map((g) => ({ count: p.count[g]!, threshold: p.threshold[g]!, collections: p.stats[g]!.collections })),
    enabled: p.enabled,
    last: last ? { generation: last.generation, unreachable: last.unreachable, collected: last.collected, uncollectable: last.uncollectable } : null,
  };
  const analyse = !running || (state.speed <= ANALYSE_UP_TO_SPEED && p.objects + p.frames <= ANALYSE_WHILE_RUNNING);
  const graph = graphView(p, strings, cache, k, analyse);
  const profiler = cache.memory.profilerAt(k, sourceLines);
  const allocator = cache.memory.allocatorAt(k, state.allocator);
  return { event: k, end, line: timeline.lineAt(k), entries, projections: { heap, graph, generations, profiler, allocator } };
}

type Counts = Map<string, { count: number; bytes: number }>;

function typeCounts(rows: readonly { type: string; count: number; bytes: number; staticCount: number; staticBytes: number }[]): Counts {
  const m: Counts = new Map();
  for (const r of rows) m.set(r.type, { count: r.count - r.staticCount, bytes: r.bytes - r.staticBytes });
  return m;
}

/** The program's objects: what the interpreter created at start-up is left out. */
function heapView(p: Projection, now: Counts, before: Counts | null, history: number[]): HeapView {
  const types: TypeRow[] = [];
  const seen = new Set<string>();
  for (const [type, c] of now) {
    seen.add(type);
    const b = before?.get(type) ?? { count: 0, bytes: 0 };
    if (c.count === 0 && b.count === 0) continue;
    types.push({ type, count: c.count, bytes: c.bytes, countChange: before ? c.count - b.count : 0, bytesChange: before ? c.bytes - b.bytes : 0 });
  }
  // Types whose last object went since the previous step.
  if (before) for (const [type, b] of before) if (!seen.has(type) && b.count > 0) types.push({ type, count: 0, bytes: 0, countChange: -b.count, bytesChange: -b.bytes });
  return {
    objects: p.objects - p.staticObjects,
    bytes: p.bytes - p.staticBytes,
    peakBytes: Math.max(p.bytes, p.peakBytes) - p.staticBytes,
    history,
    types,
  };
}

function graphView(p: Projection, strings: StringTable, cache: ViewCache, k: number, analyse: boolean): GraphView {
  const str = (id: number) => strings.get(id);
  let analysis: ViewCache['analysis'] = null;
  const analysed = (): ViewCache['analysis'] => {
    if (!analyse) return null;
    if (cache.analysis?.at !== k) {
      const result = analyzeGraph(p, strings);
      cache.analysis = { at: k, result, garbage: [...result.garbage].sort((a, b) => a - b) };
    }
    analysis = cache.analysis;
    return analysis;
  };
  const summary = (info: NodeInfo): ObjectSummary => {
    const a = analysis ?? analysed();
    return {
      id: info.serial,
      kind: info.isFrame ? 'frame' : 'object',
      type: info.isFrame ? info.name : info.type,
      address: info.address,
      size: info.size,
      refcount: info.refcount,
      value: !info.isFrame && info.type === 'type' && info.name ? info.name : '',
      inCycle: a?.result.inCycle.has(info.serial) ?? false,
      unreachable: a?.result.garbage.has(info.serial) ?? false,
    };
  };
  const objectAt = (serial: number) => {
    const info = p.node(serial, strings);
    return info ? summary(info) : null;
  };
  const reference = (serial: number, slot: number): Reference | null => {
    const object = objectAt(serial);
    if (!object) return null;
    const weak = slotKind(slot) === SlotKind.Label && str(slotPayload(slot)) === WEAK_REFERENT_LABEL;
    return { slot: weak ? '' : formatSlot(slot, str), object, weak };
  };
  const page = (refs: readonly { serial: number; slot: number }[], offset: number, limit: number): Page<Reference> => {
    const items: Reference[] = [];
    for (const r of refs.slice(offset, offset + limit)) {
      const ref = reference(r.serial, r.slot);
      if (ref) items.push(ref);
    }
    return { total: refs.length, items };
  };
  // Lists of references are asked for page by page during one render: keep the last one.
  let listed: { key: string; refs: readonly { serial: number; slot: number }[] } | null = null;
  const list = (key: string, make: () => readonly { serial: number; slot: number }[]) => {
    if (listed?.key !== key) listed = { key, refs: make() };
    return listed.refs;
  };
  return {
    roots: (offset, limit) => page(list('roots', () => variables(p, strings)), offset, limit),
    garbage: (offset, limit) => {
      const a = analysed();
      const serials = a ? a.garbage : [];
      const items: ObjectSummary[] = [];
      for (const s of serials.slice(offset, offset + limit)) {
        const o = objectAt(s);
        if (o) items.push(o);
      }
      return { total: serials.length, items };
    },
    object: objectAt,
    referents: (id, offset, limit) => page(list(`out ${id}`, () => p.referents(id)), offset, limit),
    referrers: (id, offset, limit) => page(list(`in ${id}`, () => p.referrers(id)), offset, limit),
  };
}

/**
 * The variables of the running code, innermost frame first: each frame's locals and, for
 * module-level code, the module's globals less the dunders every module has. Only frames
 * of the main script count (its globals are the outermost frame's): heapscope's library
 * modules written in Python are not the user's code.
 */
function variables(p: Projection, strings: StringTable): { serial: number; slot: number }[] {
  const stack = p.stack();
  const outermost = stack.length > 0 ? p.node(stack[stack.length - 1]!, strings) : null;
  const ours = new Map<number, boolean>();
  const isOurs = (frame: number) => {
    let known = ours.get(frame);
    if (known === undefined) ours.set(frame, (known = outermost === null || p.node(frame, strings)?.globals === outermost.globals));
    return known;
  };
  return rootsOf(p, strings).filter((r) => isOurs(r.frame) && (slotKind(r.slot) !== SlotKind.Key || !MODULE_DUNDERS.has(strings.get(slotPayload(r.slot)))));
}
