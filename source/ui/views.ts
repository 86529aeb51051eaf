/**
 * What the panels read: small, read-only views that the projections (source/projections,
 * folds over the event log) are adapted to. Panels never see the runtime; tests build
 * these views from fixtures.
 *
 * Views are sized for huge heaps: a panel asks for the rows it can show (a page), never
 * for every object.
 */
import type { ProfileRow } from '../projections/profiler.js';
import type { AllocatorView } from '../runtime/heap/allocator-view.js';

export type { ProfileRow, AllocatorView };

// ---------------------------------------------------------------- heap

/** One row of the heap's type table. */
export type TypeRow = {
  /** Type name as type(x).__name__ gives it. */
  readonly type: string;
  /** Live objects of the type. */
  readonly count: number;
  /** Bytes they take (sys.getsizeof of each, summed). */
  readonly bytes: number;
  /** Change of `count` since the previous step. */
  readonly countChange: number;
  /** Change of `bytes` since the previous step. */
  readonly bytesChange: number;
};

export type HeapView = {
  /** Live objects. */
  readonly objects: number;
  /** Bytes of live objects. */
  readonly bytes: number;
  /** Highest `bytes` so far. */
  readonly peakBytes: number;
  /** Bytes over time, oldest first (one sample per step or refresh), for the sparkline. */
  readonly history: readonly number[];
  /** Every type with live objects (the panel sorts and pages). */
  readonly types: readonly TypeRow[];
};

// ---------------------------------------------------------------- object graph

/** An object (or a frame, which refers to objects through its local variables). */
export type ObjectSummary = {
  /** The object's identity in the event log (its serial). */
  readonly id: number;
  readonly kind: 'object' | 'frame';
  /** type(x).__name__; for a frame, the function's qualified name. */
  readonly type: string;
  /** id(x) in CPython's terms: the address. 0 for a frame. */
  readonly address: number;
  /** sys.getsizeof(x). */
  readonly size: number;
  /** The reference count (sys.getrefcount(x) - 1). */
  readonly refcount: number;
  /** A short value for small immutable objects ('first', 42), else empty. */
  readonly value: string;
  /** Part of a reference cycle. */
  readonly inCycle: boolean;
  /** Unreachable from any frame or module but not collected yet: garbage for the collector. */
  readonly unreachable: boolean;
};

/** A reference: the slot it sits in and the object at the other end. */
export type Reference = {
  /** `.next`, `[0]`, `['key']`, or a variable name for a frame's local. */
  readonly slot: string;
  readonly object: ObjectSummary;
  /** A weak reference (does not keep the object alive). */
  readonly weak: boolean;
};

/** A page of a long list. */
export type Page<T> = { readonly total: number; readonly items: readonly T[] };

export interface GraphView {
  /** Variables of the running code (at module level, the module's globals). */
  roots(offset: number, limit: number): Page<Reference>;
  /** Objects unreachable but not yet collected. */
  garbage(offset: number, limit: number): Page<ObjectSummary>;
  object(id: number): ObjectSummary | null;
  /** References the object holds. */
  referents(id: number, offset: number, limit: number): Page<Reference>;
  /** References to the object (from objects and from frames' local variables). */
  referrers(id: number, offset: number, limit: number): Page<Reference>;
}

// ---------------------------------------------------------------- generations

export type GenerationView = {
  /** gc.get_count()[i]. */
  readonly count: number;
  /** gc.get_threshold()[i]. */
  readonly threshold: number;
  /** Collections of this generation so far. */
  readonly collections: number;
};

export type CollectionResult = {
  readonly generation: number;
  readonly unreachable: number;
  readonly collected: number;
  readonly uncollectable: number;
};

export type GenerationsView = {
  readonly generations: readonly GenerationView[];
  /** gc.isenabled(). */
  readonly enabled: boolean;
  readonly last: CollectionResult | null;
};

// ---------------------------------------------------------------- profiler

/** A table of memory_profiler for one @profile function (projections/profiler.ts). */
export type ProfiledFunction = {
  readonly filename: string;
  /** One row per line of the function's source block, decorators included. */
  readonly rows: readonly ProfileRow[];
  /** The line the function is running (highlighted), 0 when it is not running. */
  readonly running: number;
  /** The function has returned and memory_profiler has printed this table. */
  readonly reported: boolean;
};

export type ProfilerView = { readonly functions: readonly ProfiledFunction[] };

// ---------------------------------------------------------------- allocator

/** The Allocator view: pymalloc's arenas and pools, and the modelled process memory. */
export type AllocatorPanelView = {
  /** Modelled RSS (what memory_profiler reports) at the cursor, and its peak so far, in bytes. */
  readonly rss: number;
  readonly peakRss: number;
  /** pymalloc arenas mapped at the cursor. */
  readonly arenas: number;
  /**
   * Arenas, pools and size classes as the runtime last reported them, and the event they
   * are from (null in a replay: a record file holds only events).
   */
  readonly detail: { readonly event: number; readonly view: AllocatorView } | null;
};

// ---------------------------------------------------------------- everything at a cursor

/** The projections at the event being shown; null where a projection is not available. */
export type Projections = {
  readonly heap: HeapView | null;
  readonly graph: GraphView | null;
  readonly generations: GenerationsView | null;
  readonly profiler: ProfilerView | null;
  readonly allocator: AllocatorPanelView | null;
};

export const NO_PROJECTIONS: Projections = { heap: null, graph: null, generations: null, profiler: null, allocator: null };

// ---------------------------------------------------------------- output and events

export type LogEntryKind = 'stdout' | 'stderr' | 'collection' | 'finalizer' | 'weakref' | 'exception' | 'session' | 'error';

/** One line of the Output & events panel: program output or a notable event. */
export type LogEntry = {
  readonly kind: LogEntryKind;
  readonly text: string;
  /** Event number it happened at (entries are in this order). */
  readonly event: number;
};

/** What the dashboard shows at the cursor: the position, the log lines, the projections. */
export type Shown = {
  /** Event count shown (the projection just before this event). */
  readonly event: number;
  /** Events that can be shown (the folded live end). */
  readonly end: number;
  /** Line being run there (0 before the first). */
  readonly line: number;
  readonly entries: readonly LogEntry[];
  readonly projections: Projections;
};
