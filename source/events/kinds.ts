/**
 * The closed, versioned set of events the runtime emits. The event log stores them as
 * runs of 32-bit words: a header word (kind in the low 8 bits, a small argument in the
 * high 24) followed by a fixed number of payload words per kind (EVENT_WORDS).
 *
 * Bump EVENT_FORMAT_VERSION whenever a kind's meaning or layout changes.
 */
export const EVENT_FORMAT_VERSION = 2;

export const enum EventKind {
  /** serial, typeName(str), size, addrLow, addrHigh; arg = AllocFlags */
  Allocated = 1,
  /** serial; arg = 1 when gc count[0] is decremented */
  Freed = 2,
  /** serial, size */
  Resized = 3,
  /** serial */
  Incref = 4,
  /** serial */
  Decref = 5,
  /** from, to, slot */
  RefAdded = 6,
  /** from, to, slot */
  RefRemoved = 7,
  /** frame, line */
  LineStarted = 8,
  /** frame, name(str), parent frame (0 at the bottom) */
  FrameEntered = 9,
  /** frame */
  FrameExited = 10,
  /** text(str); arg = 1 stdout, 2 stderr */
  Output = 11,
  /** count0, count1, count2; arg = generation, or 255 for counts set outside a collection */
  GcCounts = 12,
  /** serial; arg = generation it joins (0..2, 3 permanent) */
  GcTracked = 13,
  /** serial */
  GcUntracked = 14,
  /** arg = generation; payload: count0, count1, count2 at the start */
  CollectionStarted = 15,
  /** serial: found unreachable by the collector */
  Unreachable = 16,
  /** serial: its finalizer (__del__) runs */
  FinalizerRun = 17,
  /** weakref serial, referent serial */
  WeakrefCleared = 18,
  /** weakref serial: its callback runs */
  CallbackRun = 19,
  /** collected, uncollectable, steps; arg = generation */
  CollectionEnded = 20,
  /** arg = generation the survivors of generations <= g moved to */
  SurvivorsPromoted = 21,
  /** type name(str), message(str): an exception was raised */
  ExceptionRaised = 22,
  /** serial, name(str): a type object got its name (type names for the heap table) */
  TypeNamed = 23,
  /** container, start index, delta (int32): every [i] slot with i >= start moves by delta */
  ItemsShifted = 24,
  // ---- memory model (issue 7): process memory and memory_profiler's line table
  /**
   * rssPages, arenas: the modelled process memory changed (heap/allocator.ts); emitted at
   * page granularity, with the number of pymalloc arenas then mapped.
   */
  ProcessMemory = 25,
  /**
   * table, filename(str), firstLine, lastLine: a function was added to a memory_profiler
   * LineProfiler; its table (numbered per runtime) covers lines firstLine..lastLine.
   */
  ProfileFunction = 26,
  /**
   * table, line, prevLine (0 for none), rssPages, nextLine: one CodeMap.trace() of
   * memory_profiler, taken at a 'line' trace event (nextLine: the line starting) or a
   * 'return' one (nextLine 0); fold with projections/profiler.ts.
   */
  ProfileSample = 27,
  /** table: the table was printed (show_results); it is final. */
  ProfileReported = 28,
}

export const EVENT_WORDS: Record<EventKind, number> = {
  [EventKind.Allocated]: 5,
  [EventKind.Freed]: 1,
  [EventKind.Resized]: 2,
  [EventKind.Incref]: 1,
  [EventKind.Decref]: 1,
  [EventKind.RefAdded]: 3,
  [EventKind.RefRemoved]: 3,
  [EventKind.LineStarted]: 2,
  [EventKind.FrameEntered]: 3,
  [EventKind.FrameExited]: 1,
  [EventKind.Output]: 1,
  [EventKind.GcCounts]: 3,
  [EventKind.GcTracked]: 1,
  [EventKind.GcUntracked]: 1,
  [EventKind.CollectionStarted]: 3,
  [EventKind.Unreachable]: 1,
  [EventKind.FinalizerRun]: 1,
  [EventKind.WeakrefCleared]: 2,
  [EventKind.CallbackRun]: 1,
  [EventKind.CollectionEnded]: 3,
  [EventKind.SurvivorsPromoted]: 0,
  [EventKind.ExceptionRaised]: 2,
  [EventKind.TypeNamed]: 2,
  [EventKind.ItemsShifted]: 3,
  [EventKind.ProcessMemory]: 2,
  [EventKind.ProfileFunction]: 4,
  [EventKind.ProfileSample]: 5,
  [EventKind.ProfileReported]: 1,
};

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
