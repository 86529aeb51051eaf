/**
 * The closed, versioned set of events the runtime emits: every change of memory state
 * a heapscope panel can show. Each kind has a fixed list of fields (EVENT_FIELDS); the
 * log stores them as 32-bit words (log.ts), the record files as JSON arrays
 * (record-file.ts), and every consumer switches over EventKind exhaustively (an
 * `assertNever` default makes a new kind a compile error wherever it must be handled).
 *
 * Bump EVENT_FORMAT_VERSION whenever a kind is added or a field's meaning or layout
 * changes: record files say which version wrote them, and a reader refuses newer ones.
 */
export const EVENT_FORMAT_VERSION = 3;

export const enum EventKind {
  /** A new object: serial, type name (str), sys.getsizeof, address, AllocFlags. rc = 1. */
  Allocated = 1,
  /** The object's memory went back to the allocator; gc count[0] drops if it was GC-capable
   * (and above 0). Every outgoing reference of the object is gone with it. */
  Freed = 2,
  /** serial, sys.getsizeof after a list/dict/set resize. */
  Resized = 3,
  /** serial: Py_INCREF. */
  Incref = 4,
  /** serial: Py_DECREF. */
  Decref = 5,
  /** from, to, slot: a strong (or, for the weak-referent label, weak) reference appears. */
  RefAdded = 6,
  /** from, to, slot */
  RefRemoved = 7,
  /** line, frame: a line of Python code starts executing in the frame. */
  LineStarted = 8,
  /** frame, parent frame (0 at the bottom): the frame is pushed on the stack (a call, a
   * generator resumed). */
  FrameEntered = 9,
  /** frame: popped off the stack (a return, an exception leaving it, a generator yielding). */
  FrameExited = 10,
  /** stream (1 stdout, 2 stderr), text (str, not interned): the program wrote output. */
  Output = 11,
  /** generation (255 when set outside a collection), count0, count1, count2: gc.get_count()
   * was set wholesale. Allocations and frees move count0 without this event. */
  GcCounts = 12,
  /** serial: the object joins generation 0 of the collector. */
  GcTracked = 13,
  /** serial: the collector stops tracking it. */
  GcUntracked = 14,
  /** generation, count0, count1, count2 at the start. */
  CollectionStarted = 15,
  /** serial: found unreachable by the collector. */
  Unreachable = 16,
  /** serial: its finalizer (__del__, a generator's close) runs. */
  FinalizerRun = 17,
  /** weakref, referent: a weak reference is cleared (its referent is dying). */
  WeakrefCleared = 18,
  /** weakref: its callback runs. */
  CallbackRun = 19,
  /** generation, collected, uncollectable, steps (work done, a stand-in for elapsed time). */
  CollectionEnded = 20,
  /** target generation, mask of source generations: every object tracked in a source
   * generation joins the target (survivors promoted, gc.freeze(), gc.unfreeze()). */
  GenerationsMerged = 21,
  /** exception type name (str), message (str): an exception was raised. */
  ExceptionRaised = 22,
  /** serial, name (str): a type object got its name (type names for the heap table). */
  TypeNamed = 23,
  /** container, start index, delta (int32): every [i] slot with i >= start moves by delta. */
  ItemsShifted = 24,
  /** serial: freed into its type's free list; gc count[0] does not change. */
  FreedToFreeList = 25,
  /** serial, refcount: set outright (the large counts of objects CPython creates statically;
   * many references taken or dropped at once, as by `[x] * n` and its release). */
  RefcountSet = 26,
  /** frame, name (str of the code's qualname), function object (0 for module and class
   * bodies), globals dict: a new frame, a node of the object graph whose locals are
   * references. (It holds its function and globals borrowed: no edges for them.) */
  FrameCreated = 27,
  /** frame: its locals and cells are released; the node leaves the graph. */
  FrameReleased = 28,
  /** enabled (0/1), threshold0, threshold1, threshold2: gc.enable/disable/set_threshold. */
  GcSettings = 29,
  // ---- memory model (issue 7): process memory and memory_profiler's line table
  /**
   * rssPages, arenas: the modelled process memory changed (heap/allocator.ts); emitted at
   * page granularity, with the number of pymalloc arenas then mapped.
   */
  ProcessMemory = 30,
  /**
   * table, filename (str), firstLine, lastLine: a function was added to a memory_profiler
   * LineProfiler; its table (numbered per runtime) covers lines firstLine..lastLine.
   */
  ProfileFunction = 31,
  /**
   * table, line, prevLine (0 for none), rssPages, nextLine: one CodeMap.trace() of
   * memory_profiler, taken at a 'line' trace event (nextLine: the line starting) or a
   * 'return' one (nextLine 0); fold with projections/profiler.ts.
   */
  ProfileSample = 32,
  /** table: the table was printed (show_results); it is final. */
  ProfileReported = 33,
  // ---- collector phases (issue 4, version 3): what gcmodule.c's gc_collect_main does
  /** phase (CollectorPhase), objects: a phase of the running collection starts; objects
   * is the size of the set it works on (the collected generations, the unreachable...). */
  GcPhase = 34,
  /** serial, gc_refs: after subtract_refs, the references to the object from outside the
   * collected generations (0: only reachable, if at all, from inside). */
  GcRefs = 35,
  /** serial: made reachable again by a finalizer; it survives the collection. */
  Resurrected = 36,
  /** serial, saved: the collector broke the garbage object's references (tp_clear), or
   * with saved = 1 appended it to gc.garbage instead (DEBUG_SAVEALL). */
  GcCleared = 37,
  /** serial, generation: the tracked object moves to the end of another generation
   * outside a collection (objects of CPython's start-up that the model builds late join
   * the oldest generation). */
  GcMoved = 38,
}

/** The phases of one collection (gcmodule.c's gc_collect_main), in order. */
export const enum CollectorPhase {
  UpdateRefs = 1,
  SubtractRefs = 2,
  MoveUnreachable = 3,
  UntrackTuples = 4,
  PromoteSurvivors = 5,
  MoveLegacyFinalizers = 6,
  HandleWeakrefs = 7,
  FinalizeGarbage = 8,
  HandleResurrectedObjects = 9,
  DeleteGarbage = 10,
  ClearFreeLists = 11,
}

/** The phase names describeEvent shows (gcmodule.c's function names). */
export const COLLECTOR_PHASE_NAMES: Record<CollectorPhase, string> = {
  [CollectorPhase.UpdateRefs]: 'update_refs',
  [CollectorPhase.SubtractRefs]: 'subtract_refs',
  [CollectorPhase.MoveUnreachable]: 'move_unreachable',
  [CollectorPhase.UntrackTuples]: 'untrack_tuples',
  [CollectorPhase.PromoteSurvivors]: 'gc_list_merge (survivors promoted)',
  [CollectorPhase.MoveLegacyFinalizers]: 'move_legacy_finalizers',
  [CollectorPhase.HandleWeakrefs]: 'handle_weakrefs',
  [CollectorPhase.FinalizeGarbage]: 'finalize_garbage',
  [CollectorPhase.HandleResurrectedObjects]: 'handle_resurrected_objects',
  [CollectorPhase.DeleteGarbage]: 'delete_garbage',
  [CollectorPhase.ClearFreeLists]: 'clear_freelists',
};

/** Every kind, in numeric order (for tables and tests). */
export const EVENT_KINDS: readonly EventKind[] = Array.from({ length: 38 }, (_, i) => (i + 1) as EventKind);

/** How a field is written in a record file (and checked when read). */
export type FieldType =
  /** a node of the object graph (object or frame serial), 0 for none */
  | 'serial'
  /** an id of the log's string table */
  | 'str'
  /** an unsigned 32-bit number */
  | 'u32'
  /** a signed 32-bit number */
  | 'i32'
  /** a reference slot word (kinds.ts makeSlot) */
  | 'slot'
  /** a 48-bit address */
  | 'addr'
  /** an 8-bit number (flags, generation, stream) */
  | 'u8';

/**
 * The fields of each kind, in order. The first one rides in the event's header word
 * when it fits in 24 bits (log.ts). Names are those of the JSON documentation and
 * `describeEvent`.
 */
export const EVENT_FIELDS = {
  [EventKind.Allocated]: [['serial', 'serial'], ['type', 'str'], ['size', 'u32'], ['address', 'addr'], ['flags', 'u8']],
  [EventKind.Freed]: [['serial', 'serial']],
  [EventKind.Resized]: [['serial', 'serial'], ['size', 'u32']],
  [EventKind.Incref]: [['serial', 'serial']],
  [EventKind.Decref]: [['serial', 'serial']],
  [EventKind.RefAdded]: [['from', 'serial'], ['to', 'serial'], ['slot', 'slot']],
  [EventKind.RefRemoved]: [['from', 'serial'], ['to', 'serial'], ['slot', 'slot']],
  [EventKind.LineStarted]: [['line', 'u32'], ['frame', 'serial']],
  [EventKind.FrameEntered]: [['frame', 'serial'], ['parent', 'serial']],
  [EventKind.FrameExited]: [['frame', 'serial']],
  [EventKind.Output]: [['stream', 'u8'], ['text', 'str']],
  [EventKind.GcCounts]: [['generation', 'u8'], ['count0', 'u32'], ['count1', 'u32'], ['count2', 'u32']],
  [EventKind.GcTracked]: [['serial', 'serial']],
  [EventKind.GcUntracked]: [['serial', 'serial']],
  [EventKind.CollectionStarted]: [['generation', 'u8'], ['count0', 'u32'], ['count1', 'u32'], ['count2', 'u32']],
  [EventKind.Unreachable]: [['serial', 'serial']],
  [EventKind.FinalizerRun]: [['serial', 'serial']],
  [EventKind.WeakrefCleared]: [['weakref', 'serial'], ['referent', 'serial']],
  [EventKind.CallbackRun]: [['weakref', 'serial']],
  [EventKind.CollectionEnded]: [['generation', 'u8'], ['collected', 'u32'], ['uncollectable', 'u32'], ['steps', 'u32']],
  [EventKind.GenerationsMerged]: [['target', 'u8'], ['sources', 'u8']],
  [EventKind.ExceptionRaised]: [['type', 'str'], ['message', 'str']],
  [EventKind.TypeNamed]: [['serial', 'serial'], ['name', 'str']],
  [EventKind.ItemsShifted]: [['container', 'serial'], ['start', 'u32'], ['delta', 'i32']],
  [EventKind.FreedToFreeList]: [['serial', 'serial']],
  [EventKind.RefcountSet]: [['serial', 'serial'], ['refcount', 'u32']],
  [EventKind.FrameCreated]: [['frame', 'serial'], ['name', 'str'], ['function', 'serial'], ['globals', 'serial']],
  [EventKind.FrameReleased]: [['frame', 'serial']],
  [EventKind.GcSettings]: [['enabled', 'u8'], ['threshold0', 'u32'], ['threshold1', 'u32'], ['threshold2', 'u32']],
  [EventKind.ProcessMemory]: [['rssPages', 'u32'], ['arenas', 'u32']],
  [EventKind.ProfileFunction]: [['table', 'u32'], ['filename', 'str'], ['firstLine', 'u32'], ['lastLine', 'u32']],
  [EventKind.ProfileSample]: [['table', 'u32'], ['line', 'u32'], ['prevLine', 'u32'], ['rssPages', 'u32'], ['nextLine', 'u32']],
  [EventKind.ProfileReported]: [['table', 'u32']],
  [EventKind.GcPhase]: [['phase', 'u8'], ['objects', 'u32']],
  [EventKind.GcRefs]: [['serial', 'serial'], ['gcRefs', 'u32']],
  [EventKind.Resurrected]: [['serial', 'serial']],
  [EventKind.GcCleared]: [['serial', 'serial'], ['saved', 'u8']],
  [EventKind.GcMoved]: [['serial', 'serial'], ['generation', 'u8']],
} as const satisfies Record<EventKind, readonly (readonly [string, FieldType])[]>;

/** The field values of kind K, in order: the arity `EventLog.emit` checks at compile time. */
export type EventFields<K extends EventKind> = Numbers<(typeof EVENT_FIELDS)[K]['length']>;
type Numbers<N> = N extends 1
  ? [number]
  : N extends 2
    ? [number, number]
    : N extends 3
      ? [number, number, number]
      : N extends 4
        ? [number, number, number, number]
        : [number, number, number, number, number];

/** The name of each kind in record files and descriptions. */
export const EVENT_NAMES: Record<EventKind, string> = {
  [EventKind.Allocated]: 'Allocated',
  [EventKind.Freed]: 'Freed',
  [EventKind.Resized]: 'Resized',
  [EventKind.Incref]: 'Incref',
  [EventKind.Decref]: 'Decref',
  [EventKind.RefAdded]: 'RefAdded',
  [EventKind.RefRemoved]: 'RefRemoved',
  [EventKind.LineStarted]: 'LineStarted',
  [EventKind.FrameEntered]: 'FrameEntered',
  [EventKind.FrameExited]: 'FrameExited',
  [EventKind.Output]: 'Output',
  [EventKind.GcCounts]: 'GcCounts',
  [EventKind.GcTracked]: 'GcTracked',
  [EventKind.GcUntracked]: 'GcUntracked',
  [EventKind.CollectionStarted]: 'CollectionStarted',
  [EventKind.Unreachable]: 'Unreachable',
  [EventKind.FinalizerRun]: 'FinalizerRun',
  [EventKind.WeakrefCleared]: 'WeakrefCleared',
  [EventKind.CallbackRun]: 'CallbackRun',
  [EventKind.CollectionEnded]: 'CollectionEnded',
  [EventKind.GenerationsMerged]: 'GenerationsMerged',
  [EventKind.ExceptionRaised]: 'ExceptionRaised',
  [EventKind.TypeNamed]: 'TypeNamed',
  [EventKind.ItemsShifted]: 'ItemsShifted',
  [EventKind.FreedToFreeList]: 'FreedToFreeList',
  [EventKind.RefcountSet]: 'RefcountSet',
  [EventKind.FrameCreated]: 'FrameCreated',
  [EventKind.FrameReleased]: 'FrameReleased',
  [EventKind.GcSettings]: 'GcSettings',
  [EventKind.ProcessMemory]: 'ProcessMemory',
  [EventKind.ProfileFunction]: 'ProfileFunction',
  [EventKind.ProfileSample]: 'ProfileSample',
  [EventKind.ProfileReported]: 'ProfileReported',
  [EventKind.GcPhase]: 'GcPhase',
  [EventKind.GcRefs]: 'GcRefs',
  [EventKind.Resurrected]: 'Resurrected',
  [EventKind.GcCleared]: 'GcCleared',
  [EventKind.GcMoved]: 'GcMoved',
};

export function isEventKind(k: number): k is EventKind {
  return Number.isInteger(k) && k >= 1 && k <= EVENT_KINDS.length;
}

/** The default of an exhaustive switch: a new member of a closed union fails to compile. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value ${String(x)}`);
}

export const enum AllocFlags {
  /** The object's type is GC-capable. */
  Gc = 1,
  /** Allocation raised gc count[0] (not served from a free list). */
  Counted = 2,
  /** Created by the interpreter at start-up (small ints, types, builtins). */
  Static = 4,
  /** Tracked by the collector from birth (in generation 0). */
  Tracked = 8,
}

/** The "generation" of GcCounts events that set the counts outside any collection. */
export const OUTSIDE_COLLECTION = 255;
/** gc.freeze()'s permanent generation, as a GenerationsMerged target or source bit. */
export const PERMANENT_GENERATION = 3;

/**
 * A reference's slot, as one 32-bit word: the kind in the top 3 bits, the payload (a
 * string id or an index) in the low 29.
 */
export const enum SlotKind {
  /** .name of an instance, class, function, module */
  Attribute = 0,
  /** ['key'] of a dict with a str key (payload: string id of the key) */
  Key = 1,
  /** [i] of a list or tuple */
  Index = 2,
  /** a local variable of a frame */
  Local = 3,
  /** an internal reference with a descriptive label (payload: string id), e.g. "__class__" */
  Label = 4,
  /** a dict value under a non-str key (payload: string id of the key's repr) */
  OtherKey = 5,
  /** a dict or set key object itself (payload: string id of its repr) */
  KeyObject = 6,
  /** an item of a set (no position) */
  Member = 7,
}

export const SLOT_PAYLOAD_MASK = 0x1fffffff;

export function makeSlot(kind: SlotKind, payload: number): number {
  return ((kind << 29) | (payload & SLOT_PAYLOAD_MASK)) >>> 0;
}
export function slotKind(slot: number): SlotKind {
  return (slot >>> 29) as SlotKind;
}
export function slotPayload(slot: number): number {
  return slot & SLOT_PAYLOAD_MASK;
}

/** The label of a weak reference's edge to its referent (weakref.ts). */
export const WEAK_REFERENT_LABEL = 'weak referent';

/** A slot as Python shows it: `.next`, `['key']`, `[3]`, `x` (a local), `<__class__>`. */
export function formatSlot(slot: number, str: (id: number) => string): string {
  const payload = slotPayload(slot);
  const kind = slotKind(slot);
  switch (kind) {
    case SlotKind.Attribute:
      return `.${str(payload)}`;
    case SlotKind.Key:
      return `[${pyStrRepr(str(payload))}]`;
    case SlotKind.Index:
      return `[${payload}]`;
    case SlotKind.Local:
      return str(payload);
    case SlotKind.Label:
      return `<${str(payload)}>`;
    case SlotKind.OtherKey:
      return `[${str(payload)}]`;
    case SlotKind.KeyObject:
      return `key ${str(payload)}`;
    case SlotKind.Member:
      return 'member';
    default:
      return assertNever(kind);
  }
}

/** repr() of a str, as Python writes simple ones: single quotes unless the text has one. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/[\\\n\r\t]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
}
