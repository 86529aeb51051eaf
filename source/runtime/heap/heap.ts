/**
 * Object allocation and release: serial numbers for the event log, addresses from the
 * allocator model, free lists, GC tracking and the gc.get_count() counters.
 *
 * Mirrors CPython 3.11's gc_alloc / _PyObject_GC_Link / PyObject_GC_Del: allocating a
 * GC-capable object that does not come from a free list raises count[0] and, when that
 * passes threshold[0], runs a collection right there, inside the allocation.
 */
import { AllocFlags, EventKind, OUTSIDE_COLLECTION } from '../../events/kinds.js';
import type { EventLog } from '../../events/log.js';
import { UNTRACKED, type PyObject, type PyType } from '../objects/object.js';
import { Allocator } from './allocator.js';
import { PAGE_SIZE } from './pymalloc.js';
import { GcList } from './gc-list.js';
import { decref, incref } from './refcount.js';
import { makeSlot, SlotKind } from '../../events/kinds.js';

/** A per-type cache of freed objects' addresses (CPython's free lists). */
export class FreeList {
  /** The free lists by name (each init makes its own: the last runtime's are here). */
  static readonly all = new Map<string, FreeList>();
  readonly addresses: number[] = [];
  constructor(
    readonly name: string,
    readonly capacity: number,
    /** Size of a block, with the GC header when `gcHeader` (addresses are past it). */
    readonly blockBytes: number,
    readonly gcHeader: boolean,
  ) {
    FreeList.all.set(name, this);
  }
}

export const NUM_GENERATIONS = 3;
export const PERMANENT_GENERATION = 3;

export class Heap {
  readonly allocator = new Allocator();
  /**
   * Generations 0..2, the permanent generation of gc.freeze() (3), and the collector's
   * scratch lists (4..7): an object's gcGen indexes this array.
   */
  readonly generations: GcList[] = Array.from({ length: 8 }, () => new GcList());
  readonly count: number[] = [0, 0, 0];
  readonly threshold: number[] = [700, 10, 10];
  enabled = true;
  collecting = false;
  /** gc's long_lived_total / long_lived_pending (the 25 % rule for full collections). */
  longLivedTotal = 0;
  longLivedPending = 0;
  /**
   * Objects a CPython 3.11.7 interpreter has tracked when a script starts that the model
   * does not build (11092 there, about a thousand here; set by calibrateStartup): they
   * count in long_lived_total (the 25 % rule), in DEBUG_STATS' generation sizes and in
   * gc.get_freeze_count(), not in gc.get_objects(). `unmodelledIn` says where they are:
   * generation 2 or permanent (3).
   */
  unmodelledLongLived = 0;
  unmodelledIn = 2;

  /**
   * Before the script's first line: the tracked objects of a 3.11.7 interpreter at that
   * point (measured: `import gc; gc.collect(); len(gc.get_objects(2))` gives 11092) less
   * the ones the model has, all in generation 2.
   */
  calibrateStartup(cpythonTracked = 11092): void {
    let tracked = 0;
    for (let g = 0; g < NUM_GENERATIONS; g++) tracked += this.generations[g]!.length;
    this.unmodelledLongLived = Math.max(0, cpythonTracked - tracked);
    this.longLivedTotal = this.generationSize(NUM_GENERATIONS - 1);
  }

  /** Objects in generation `gen`, with the unmodelled start-up objects where they are. */
  generationSize(gen: number): number {
    return this.generations[gen]!.length + (gen === this.unmodelledIn ? this.unmodelledLongLived : 0);
  }
  private nextSerial = 0;
  /** Live objects by serial, kept only when invariant checks are on. */
  readonly live: Map<number, PyObject> | null;
  /** The collector, installed by the runtime (collector/collect.ts). */
  collectGenerations: (() => void) | null = null;
  /** Objects being created during start-up are flagged static in the log. */
  startingUp = true;

  /** Slot label of an instance's reference to its class. */
  readonly classSlot: number;

  constructor(
    private readonly ev: EventLog,
    checking: boolean,
  ) {
    this.live = checking ? new Map() : null;
    this.classSlot = makeSlot(SlotKind.Label, ev.strings.intern('__class__'));
    // Process memory joins the log once start-up has calibrated it (allocator.calibrateStart).
    this.allocator.onRssChange = (rss) => {
      if (!this.startingUp) ev.emit(EventKind.ProcessMemory, rss / PAGE_SIZE, this.allocator.pymalloc.counters.current);
    };
  }

  get serialCount(): number {
    return this.nextSerial;
  }

  /** A serial for a node of the object graph that is not an object (a frame). */
  newSerial(): number {
    return ++this.nextSerial;
  }

  /**
   * Give a freshly constructed object its identity and report it (PyObject_New + GC link).
   * `fresh`: allocate without the type's free list, as PyType_GenericAlloc does (`list()`,
   * `dict()` go through tp_alloc, `[]` and `{}` through the free lists).
   */
  allocate(o: PyObject, track: boolean, fresh = false): void {
    const t = o.type;
    let flags = 0;
    let collected = false;
    // sys.getsizeof, once: a type's size slot is a call that sees every type.
    const size = t.sizeofTotal(o);
    const freeList = t.freeListFor && !fresh ? t.freeListFor(o) : null;
    if (freeList !== null && freeList.addresses.length) {
      o.addr = freeList.addresses.pop()!;
    } else {
      const headers = (t.flags.gc ? 16 : 0) + (t.flags.managedDict ? 16 : 0);
      // PyObject_Malloc's argument: the object's size (objectSize where it differs from
      // sizeof) plus the GC and managed-dict headers. Separate blocks (a list's item
      // array, a dict's keys table) are allocated by their types.
      o.addr = this.allocator.malloc(t.objectSize !== null ? t.objectSize(o) + headers : size) + headers;
      if (t.flags.gc) {
        flags |= AllocFlags.Counted;
        this.count[0]!++;
        // No automatic collection while the model builds its start-up heap (settled after).
        if (this.count[0]! > this.threshold[0]! && this.enabled && this.threshold[0] !== 0 && !this.collecting && !this.startingUp) {
          this.collectGenerations?.();
          collected = true;
        }
      }
    }
    if (t.flags.gc) flags |= AllocFlags.Gc;
    if (this.startingUp) flags |= AllocFlags.Static;
    o.serial = ++this.nextSerial;
    if (track) {
      flags |= AllocFlags.Tracked;
      o.gcGen = 0;
      this.generations[0]!.append(o);
    }
    this.live?.set(o.serial, o);
    this.ev.allocated(o.serial, this.typeNameId(t), size, o.addr, flags);
    // The collection reset count[0] after this allocation raised it: the log's Counted
    // flag would count it again, so restate the counts.
    if (collected) this.emitCounts(OUTSIDE_COLLECTION);
    // An instance of a class holds a reference to it (released after the memory, in release()).
    if (t.flags.heap) {
      incref(t);
      this.ev.refAdded(o.serial, t.serial, this.classSlot);
    }
  }

  /**
   * allocate() for an object that holds no references and has no free list, GC header or
   * class reference (an int): what ints made by the million cost. `request` is
   * the block asked of the allocator (as allocate() computes it), `size` its sys.getsizeof.
   */
  allocatePlain(o: PyObject, request: number, size: number): void {
    o.addr = this.allocator.malloc(request);
    o.serial = ++this.nextSerial;
    this.live?.set(o.serial, o);
    this.ev.allocated(o.serial, this.typeNameId(o.type), size, o.addr, this.startingUp ? AllocFlags.Static : 0);
  }

  /** release() of an object allocatePlain made. */
  releasePlain(o: PyObject): void {
    this.live?.delete(o.serial);
    this.allocator.free(o.addr);
    this.ev.freed(o.serial, false);
  }

  typeNameId(t: PyType): number {
    let id = t.nameId;
    if (id < 0) id = t.nameId = this.ev.strings.intern(t.name);
    return id;
  }

  /**
   * Create objects as if they had been made while the interpreter started: flagged static,
   * no automatic collection, the counts left as they were, the new tracked objects in the
   * oldest generation. Used for modules CPython has imported before a script runs but the
   * model builds on first import (weakref), to keep start-up fast.
   */
  asStartup<T>(fn: () => T): T {
    const wasStarting = this.startingUp;
    const counts = this.count.slice();
    // CPython built these objects before the script, whose free lists are as measured then.
    const freeListLengths = [...FreeList.all.values()].map((l) => [l, l.addresses.length] as const);
    const young = this.generations[0]!;
    const before = young.head.gcPrev;
    this.startingUp = true;
    try {
      return fn();
    } finally {
      this.startingUp = wasStarting;
      for (let i = 0; i < counts.length; i++) this.count[i] = counts[i]!;
      this.emitCounts(OUTSIDE_COLLECTION);
      for (const [list, n] of freeListLengths) this.settleFreeList(list, n);
      // Objects appended to generation 0 since `before` join generation 2.
      const moved: PyObject[] = [];
      for (let n = before!.gcNext!; n !== young.head; n = n.gcNext!) moved.push(n as PyObject);
      const old = this.generations[NUM_GENERATIONS - 1]!;
      for (const o of moved) {
        young.remove(o);
        o.gcGen = NUM_GENERATIONS - 1;
        old.append(o);
        this.ev.emit(EventKind.GcMoved, o.serial, o.gcGen);
      }
    }
  }

  /** Report a change of the object's sys.getsizeof (list growth, dict resize, ...). */
  resized(o: PyObject): void {
    this.ev.emit(EventKind.Resized, o.serial, o.type.sizeofTotal(o));
  }

  track(o: PyObject): void {
    if (o.gcGen !== UNTRACKED) return;
    o.gcGen = 0;
    this.generations[0]!.append(o);
    this.ev.emit1(EventKind.GcTracked, o.serial);
  }

  untrack(o: PyObject): void {
    if (o.gcGen === UNTRACKED) return;
    this.generations[o.gcGen]!.remove(o);
    o.gcGen = UNTRACKED;
    this.ev.emit1(EventKind.GcUntracked, o.serial);
  }

  /**
   * The end of a deallocation: the object is unlinked, drops what it holds (tp_dealloc),
   * and its memory goes to its type's free list or back to the allocator.
   */
  release(o: PyObject): void {
    const t = o.type;
    if (o.gcGen !== UNTRACKED) {
      this.generations[o.gcGen]!.remove(o);
      o.gcGen = UNTRACKED;
    }
    if (t.dealloc !== null) t.dealloc(o);
    const freeList = t.freeListFor ? t.freeListFor(o) : null;
    this.live?.delete(o.serial);
    if (freeList !== null && freeList.addresses.length < freeList.capacity) {
      freeList.addresses.push(o.addr);
      this.ev.freed(o.serial, true);
    } else {
      const headers = (t.flags.gc ? 16 : 0) + (t.flags.managedDict ? 16 : 0);
      this.allocator.free(o.addr - headers);
      if (t.flags.gc && this.count[0]! > 0) this.count[0]!--;
      this.ev.freed(o.serial, false);
    }
    // An instance of a class holds a reference to it, dropped last (subtype_dealloc).
    if (t.flags.heap) decref(t);
  }

  /** Address of the object's memory block (before its GC and managed-dict headers). */
  blockAddress(o: PyObject): number {
    const t = o.type;
    return o.addr - (t.flags.gc ? 16 : 0) - (t.flags.managedDict ? 16 : 0);
  }

  /** Give the free list `n` entries: extra blocks are freed, missing ones allocated. */
  settleFreeList(list: FreeList, n: number): void {
    const header = list.gcHeader ? 16 : 0;
    while (list.addresses.length > n) this.allocator.free(list.addresses.pop()! - header);
    while (list.addresses.length < n) list.addresses.push(this.allocator.malloc(list.blockBytes) + header);
  }

  /** Free-list memory goes back to the allocator (end of a full collection). */
  clearFreeLists(lists: Iterable<FreeList>, gcHeader: boolean): void {
    for (const list of lists) {
      for (const addr of list.addresses) {
        this.allocator.free(addr - (gcHeader ? 16 : 0));
        if (gcHeader && this.count[0]! > 0) this.count[0]!--;
      }
      list.addresses.length = 0;
    }
    // Emptying GC free lists lowers count[0] (PyObject_GC_Del): say so in the log.
    if (gcHeader) this.emitCounts(OUTSIDE_COLLECTION);
  }

  emitCounts(generation: number): void {
    this.ev.emit(EventKind.GcCounts, generation, this.count[0]!, this.count[1]!, this.count[2]!);
  }

  /**
   * Set a refcount outright: objects CPython allocates statically start with large
   * counts (reference section 2.2). The log must see it, or projections drift.
   */
  setRefcount(o: PyObject, rc: number): void {
    o.rc = rc;
    this.ev.emit(EventKind.RefcountSet, o.serial, rc);
  }

  /** gc.enable() / gc.disable(), reported for the Generations panel. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.emitSettings();
  }

  /** gc.set_threshold(): the values given replace thresholds from generation 0 on. */
  setThreshold(values: readonly number[]): void {
    values.forEach((v, i) => (this.threshold[i] = v));
    this.emitSettings();
  }

  emitSettings(): void {
    this.ev.emit(EventKind.GcSettings, this.enabled ? 1 : 0, this.threshold[0]!, this.threshold[1]!, this.threshold[2]!);
  }

  /**
   * Move every object tracked in the generations of `sources` (a bit mask) to the end of
   * generation `target`, in order (gc.freeze(), gc.unfreeze(), start-up settling).
   */
  mergeGenerations(sources: number, target: number): void {
    const to = this.generations[target]!;
    for (let g = 0; g <= PERMANENT_GENERATION; g++) {
      if (g === target || (sources & (1 << g)) === 0) continue;
      const from = this.generations[g]!;
      for (const o of from.toArray()) o.gcGen = target;
      to.merge(from);
    }
    this.ev.emit(EventKind.GenerationsMerged, target, sources);
  }
}
