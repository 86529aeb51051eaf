/**
 * The projection of an event log at one point: everything a panel shows about memory,
 * folded from the events before that point by `advance`, with nothing else as input.
 *
 * - heap: live objects (type, size, refcount, address, generation, line of birth), counts
 *   and bytes by type, totals and their peak;
 * - graph: references between objects and frames, with slots (graph.ts);
 * - generations: gc.get_count(), thresholds, enabled, members of each generation,
 *   the collection in progress, the last one, per-generation statistics;
 * - frames: the stack, the current line.
 *
 * Everything lives in typed arrays or plain numbers, so folding allocates nothing and
 * `snapshot()` / `restore()` (checkpoints for time travel) are a few memcpy's. Serials are
 * mapped to dense node ids ("nids", reused after a node goes) through an IntMap; nids 0..3
 * are the list heads of generations 0..2 and the permanent generation.
 *
 * Malformed input (a record file that parses but says nonsense: an unknown serial, a
 * reference to nothing) never throws: the event is ignored, the same way every time.
 */
import { AllocFlags, EventKind, SlotKind, assertNever, slotKind, slotPayload } from '../events/kinds.js';
import { TAIL_WORDS_BY_KIND, type EventLog, type LogReader } from '../events/log.js';
import { IntMap } from './int-map.js';
import { loadColumn, saveColumn, type Column, type SavedColumn } from './saved-column.js';
import { Graph, INDEX_ANY, type GraphSnapshot } from './graph.js';
import type { LogIndex } from './log-index.js';

/** Node flags above the 8 bits of AllocFlags. */
export const enum NodeFlags {
  /** A frame (not a Python object). */
  Frame = 1 << 8,
  /** Its finalizer has run (PEP 442: never again). */
  Finalized = 1 << 9,
  /** A frame currently on the stack. */
  OnStack = 1 << 10,
}

const GEN_HEADS = 4;
const NONE = -1;

function grow<T extends Int32Array | Float64Array | Int8Array>(a: T, n: number): T {
  if (n <= a.length) return a;
  let cap = a.length * 2;
  while (cap < n) cap *= 2;
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

/** A read-only view of one live object or frame. */
export type NodeInfo = {
  serial: number;
  isFrame: boolean;
  /** Type name (objects), or the code's qualified name (frames). */
  type: string;
  /** For type objects: the class's own name. For frames: the code's qualified name. */
  name: string;
  size: number;
  refcount: number;
  address: number;
  /** -1 untracked, 0..2 a generation, 3 the permanent generation. */
  generation: number;
  flags: number;
  /** Event number of its allocation (or the frame's creation). */
  born: number;
  /** Objects: the line being executed when it was allocated; frames: the current line. */
  line: number;
  /** Frames: the frame below it when it was last entered (0 at the bottom). */
  parent: number;
  /** Frames: the function object it runs (0 for module and class bodies). */
  func: number;
  /** Frames: its globals dict (the module's namespace). */
  globals: number;
  /** Found unreachable by the collection running now. */
  unreachable: boolean;
};

/** A reference as the graph panel lists it. */
export type Reference = {
  /** The other end: the target (referents) or the source (referrers). */
  serial: number;
  /** The slot word (kinds.ts); for items, an Index slot with the position. */
  slot: number;
  /** How many references of this kind (a set member or a key is 1; a repeated list item counts once per index). */
  count: number;
};

export type TypeRow = { type: string; count: number; bytes: number; staticCount: number; staticBytes: number };

export type CollectionStats = { collections: number; collected: number; uncollectable: number };

/** The graph in compressed-row form (Projection.graphArrays). */
export type GraphArrays = {
  serials: Uint32Array;
  flags: Int32Array;
  refcounts: Int32Array;
  generations: Int8Array;
  offsets: Int32Array;
  targets: Int32Array;
  slots: Uint32Array;
};

export type ProjectionSnapshot = {
  at: number;
  nodeHigh: number;
  freeNodes: Int32Array;
  typeRows: number;
  scalars: Float64Array;
  /** Node columns, then type columns (the hash maps are rebuilt on restore). */
  columns: SavedColumn[];
  graph: GraphSnapshot;
  /** Bytes this snapshot added (blocks shared with the previous one are not counted). */
  bytes: number;
};

export class Projection {
  /** Number of events folded: the projection describes the log just before event `at`. */
  at = 0;

  // ---------------------------------------------------------------- nodes (by nid)
  private readonly nids = new IntMap(4096);
  private nodeHigh = GEN_HEADS;
  private cap = 1024;
  private freeNodes = new Int32Array(256);
  private freeTop = 0;
  private serial = new Int32Array(1024);
  private flags = new Int32Array(1024);
  private type = new Int32Array(1024);
  private name = new Int32Array(1024);
  private size = new Float64Array(1024);
  private rc = new Int32Array(1024);
  private addr = new Float64Array(1024);
  private gen = new Int8Array(1024);
  private genPrev = new Int32Array(1024);
  private genNext = new Int32Array(1024);
  private born = new Int32Array(1024);
  private line = new Int32Array(1024);
  private parent = new Int32Array(1024);
  private func = new Int32Array(1024);
  private unreachableIn = new Int32Array(1024);
  readonly graph = new Graph();

  // ---------------------------------------------------------------- types (by row)
  private readonly typeIndex = new IntMap(256);
  private typeRowCount = 0;
  private typeName = new Int32Array(256);
  private typeCount = new Int32Array(256);
  private typeBytes = new Float64Array(256);
  private typeStaticCount = new Int32Array(256);
  private typeStaticBytes = new Float64Array(256);

  // ---------------------------------------------------------------- totals
  /** Live objects and the bytes of their sys.getsizeof. */
  objects = 0;
  bytes = 0;
  /** The most bytes live at any point so far, and the event where that was first reached. */
  peakBytes = 0;
  peakEvent = 0;
  /** Of which allocated at interpreter start-up. */
  staticObjects = 0;
  staticBytes = 0;
  frames = 0;

  // ---------------------------------------------------------------- collector
  /** gc.get_count(), gc.get_threshold(), gc.isenabled(). */
  readonly count = [0, 0, 0];
  readonly threshold = [700, 10, 10];
  enabled = true;
  /** Objects tracked in generations 0, 1, 2 and the permanent one. */
  readonly generationSize = [0, 0, 0, 0];
  /** Generation being collected, or -1. */
  collecting = -1;
  /** Collections started so far (the one running included). */
  collections = 0;
  /** The running collection's findings so far. */
  unreachableSoFar = 0;
  finalizersSoFar = 0;
  weakrefsClearedSoFar = 0;
  callbacksSoFar = 0;
  resurrectedSoFar = 0;
  /** The running collection's phase (kinds.ts CollectorPhase), 0 outside one. */
  phase = 0;
  /** Per generation, as gc.get_stats(). */
  readonly stats: CollectionStats[] = [0, 1, 2].map(() => ({ collections: 0, collected: 0, uncollectable: 0 }));

  // ---------------------------------------------------------------- frames and lines
  /** The innermost frame on the stack (0 when none) and the stack's depth. */
  topFrame = 0;
  depth = 0;
  /** The line started last and its frame. */
  currentLine = 0;
  currentFrame = 0;
  /** Line events so far, and the bytes live at the last one's start; outputs so far. */
  lines = 0;
  outputs = 0;

  /** While folding the log for the first time, this collects its append-only indexes. */
  index: LogIndex | null = null;
  /** The most bytes live since the last line started (for the index's timeline). */
  private maxSinceLine = 0;

  constructor() {
    for (let g = 0; g < GEN_HEADS; g++) {
      this.genPrev[g] = g;
      this.genNext[g] = g;
    }
    this.graph.ensureNodes(this.cap);
  }

  // ---------------------------------------------------------------- folding

  /**
   * Fold the events of `log` from `at` up to `until` (default: the end). The words are
   * decoded right here, chunk by chunk (see log.ts for the layout), rather than through
   * LogReader.next: this loop is what seeking costs.
   */
  advance(log: EventLog, until = log.count, reader?: LogReader): void {
    until = Math.min(until, log.count);
    if (until <= this.at) return;
    const r = reader ?? log.reader(this.at);
    if (r.n !== this.at) r.seek(this.at);
    const tail = TAIL_WORDS_BY_KIND;
    while (this.at < until) {
      const buf = r.window();
      if (buf === undefined) break;
      const end = r.end;
      let p = r.pos;
      let left = until - this.at;
      while (p < end && left > 0) {
        const h = buf[p++]!;
        const kind = h & 0x7f;
        const a = (h & 0x80) !== 0 ? buf[p++]! : h >>> 8;
        const words = tail[kind]!;
        let b = 0;
        let c = 0;
        let d = 0;
        let e = 0;
        if (words > 0) {
          b = buf[p]!;
          if (words > 1) {
            c = buf[p + 1]!;
            if (words > 2) {
              d = buf[p + 2]!;
              if (words > 3) e = buf[p + 3]!;
            }
          }
          p += words;
        }
        // The commonest events first, without a call.
        if (kind === EventKind.Incref) {
          const n = this.nids.get(a);
          if (n >= 0) this.rc[n]!++;
          this.at++;
        } else if (kind === EventKind.Decref) {
          const n = this.nids.get(a);
          if (n >= 0) this.rc[n]!--;
          this.at++;
        } else {
          this.step(kind as EventKind, a, b, c, d, kind === EventKind.Allocated ? e & 0xffff : e, e >>> 16);
        }
        left--;
      }
      r.pos = p;
      r.n = this.at;
    }
  }

  /** Fold one event decoded by a LogReader (event number `this.at`). */
  apply(r: LogReader): void {
    this.step(r.kind, r.a, r.b, r.c, r.d, r.e, r.f);
  }

  /**
   * Fold one event given by its fields (a.. in EVENT_FIELDS order; for Allocated d and e
   * are the address's low and high words, f the flags).
   */
  step(kind: EventKind, a: number, b: number, c: number, d: number, e: number, f: number): void {
    switch (kind) {
      case EventKind.Incref: {
        const n = this.nids.get(a);
        if (n >= 0) this.rc[n]!++;
        break;
      }
      case EventKind.Decref: {
        const n = this.nids.get(a);
        if (n >= 0) this.rc[n]!--;
        break;
      }
      case EventKind.RefAdded:
        this.refAdded(a, b, c);
        break;
      case EventKind.RefRemoved:
        this.refRemoved(a, b, c);
        break;
      case EventKind.Allocated:
        this.allocated(a, b, c, e * 0x100000000 + d, f);
        break;
      case EventKind.Freed:
        this.freed(a, true);
        break;
      case EventKind.FreedToFreeList:
        this.freed(a, false);
        break;
      case EventKind.LineStarted: {
        this.currentLine = a;
        this.currentFrame = b;
        const n = this.nids.get(b);
        if (n >= 0) this.line[n] = a;
        if (this.index !== null) {
          this.index.lineStarted(this.at, a, this.depth, this.bytes, this.objects, this.maxSinceLine);
          this.maxSinceLine = this.bytes;
        }
        this.lines++;
        break;
      }
      case EventKind.Resized: {
        const n = this.nids.get(a);
        if (n >= 0) this.resize(n, b);
        break;
      }
      case EventKind.FrameCreated:
        this.frameCreated(a, b, c, d);
        break;
      case EventKind.FrameEntered: {
        const n = this.nids.get(a);
        if (n < 0) break;
        this.flags[n]! |= NodeFlags.OnStack;
        this.parent[n] = b;
        this.topFrame = a;
        this.depth++;
        break;
      }
      case EventKind.FrameExited: {
        const n = this.nids.get(a);
        if (n < 0 || (this.flags[n]! & NodeFlags.OnStack) === 0) break;
        this.flags[n]! &= ~NodeFlags.OnStack;
        if (this.topFrame === a) this.topFrame = this.parent[n]! >>> 0;
        this.depth--;
        break;
      }
      case EventKind.FrameReleased: {
        const n = this.nids.get(a);
        if (n < 0 || (this.flags[n]! & NodeFlags.Frame) === 0) break;
        if (this.flags[n]! & NodeFlags.OnStack) this.depth--;
        this.frames--;
        this.dropNode(n, a);
        break;
      }
      case EventKind.ItemsShifted: {
        const n = this.nids.get(a);
        if (n >= 0) this.graph.shiftItems(n, b, c | 0);
        break;
      }
      case EventKind.Output:
        this.index?.output(this.at, a, b);
        this.outputs++;
        break;
      case EventKind.GcTracked: {
        const n = this.nids.get(a);
        if (n >= 0 && this.gen[n] === NONE) this.genAppend(n, 0);
        break;
      }
      case EventKind.GcUntracked: {
        const n = this.nids.get(a);
        if (n >= 0 && this.gen[n] !== NONE) this.genUnlink(n);
        break;
      }
      case EventKind.GcCounts:
        this.count[0] = b;
        this.count[1] = c;
        this.count[2] = d;
        break;
      case EventKind.GcSettings:
        this.enabled = a !== 0;
        this.threshold[0] = b;
        this.threshold[1] = c;
        this.threshold[2] = d;
        break;
      case EventKind.GenerationsMerged:
        this.mergeGenerations(b, a);
        break;
      case EventKind.CollectionStarted:
        this.collecting = a <= 2 ? a : 2;
        this.collections++;
        this.unreachableSoFar = this.finalizersSoFar = this.weakrefsClearedSoFar = this.callbacksSoFar = 0;
        this.resurrectedSoFar = this.phase = 0;
        this.index?.collectionStarted(this.at, this.collections - 1, this.collecting);
        break;
      case EventKind.Unreachable: {
        const n = this.nids.get(a);
        if (n >= 0) this.unreachableIn[n] = this.collections;
        this.unreachableSoFar++;
        this.index?.notable(this.at);
        break;
      }
      case EventKind.FinalizerRun: {
        const n = this.nids.get(a);
        if (n >= 0) this.flags[n]! |= NodeFlags.Finalized;
        if (this.collecting >= 0) this.finalizersSoFar++;
        this.index?.notable(this.at);
        break;
      }
      case EventKind.WeakrefCleared:
        if (this.collecting >= 0) this.weakrefsClearedSoFar++;
        this.index?.notable(this.at);
        break;
      case EventKind.CallbackRun:
        if (this.collecting >= 0) this.callbacksSoFar++;
        this.index?.notable(this.at);
        break;
      case EventKind.CollectionEnded: {
        const g = a <= 2 ? a : 2;
        const s = this.stats[g]!;
        s.collections++;
        s.collected += b;
        s.uncollectable += c;
        this.index?.collectionEnded(this.at, this.collections - 1, g, b, c, d, this.unreachableSoFar, this.finalizersSoFar, this.weakrefsClearedSoFar, this.callbacksSoFar);
        this.collecting = -1;
        this.phase = 0;
        break;
      }
      case EventKind.GcPhase:
        this.phase = a;
        break;
      case EventKind.GcRefs:
      case EventKind.GcCleared:
        // Details of the running collection, for describeEvent; nothing here changes.
        break;
      case EventKind.GcMoved: {
        const n = this.nids.get(a);
        if (n >= 0 && this.gen[n] !== NONE && b < GEN_HEADS) {
          this.genUnlink(n);
          this.genAppend(n, b);
        }
        break;
      }
      case EventKind.Resurrected: {
        // A finalizer made it reachable again: no longer part of the garbage.
        const n = this.nids.get(a);
        if (n >= 0) this.unreachableIn[n] = 0;
        this.resurrectedSoFar++;
        this.index?.notable(this.at);
        break;
      }
      case EventKind.ExceptionRaised:
        this.index?.notable(this.at);
        break;
      case EventKind.ProcessMemory:
        // Folded by process-memory.ts; indexed here so that it can fold just these events.
        this.index?.memoryModel(this.at);
        break;
      case EventKind.ProfileFunction:
      case EventKind.ProfileSample:
      case EventKind.ProfileReported:
        // Folded by profiler.ts (see ProcessMemory).
        this.index?.memoryModel(this.at);
        break;
      case EventKind.TypeNamed: {
        const n = this.nids.get(a);
        if (n >= 0) this.name[n] = b;
        break;
      }
      case EventKind.RefcountSet: {
        const n = this.nids.get(a);
        if (n >= 0) this.rc[n] = b;
        break;
      }
      default:
        assertNever(kind);
    }
    this.at++;
  }

  private newNid(serial: number): number {
    let n: number;
    if (this.freeTop > 0) n = this.freeNodes[--this.freeTop]!;
    else {
      n = this.nodeHigh++;
      if (n >= this.cap) this.growNodes(n + 1);
    }
    this.nids.set(serial, n);
    this.serial[n] = serial;
    this.gen[n] = NONE;
    this.unreachableIn[n] = 0;
    this.parent[n] = 0;
    this.func[n] = 0;
    this.name[n] = 0;
    this.born[n] = this.at;
    return n;
  }

  private growNodes(n: number): void {
    this.serial = grow(this.serial, n);
    this.flags = grow(this.flags, n);
    this.type = grow(this.type, n);
    this.name = grow(this.name, n);
    this.size = grow(this.size, n);
    this.rc = grow(this.rc, n);
    this.addr = grow(this.addr, n);
    this.gen = grow(this.gen, n);
    this.genPrev = grow(this.genPrev, n);
    this.genNext = grow(this.genNext, n);
    this.born = grow(this.born, n);
    this.line = grow(this.line, n);
    this.parent = grow(this.parent, n);
    this.func = grow(this.func, n);
    this.unreachableIn = grow(this.unreachableIn, n);
    this.cap = this.serial.length;
    this.graph.ensureNodes(this.cap);
  }

  private dropNode(n: number, serial: number): void {
    this.graph.dropNode(n);
    this.nids.delete(serial);
    this.serial[n] = 0;
    this.flags[n] = 0;
    if (this.freeTop >= this.freeNodes.length) this.freeNodes = grow(this.freeNodes, this.freeTop + 1);
    this.freeNodes[this.freeTop++] = n;
  }

  private allocated(serial: number, typeName: number, size: number, address: number, flags: number): void {
    if (serial === 0 || this.nids.get(serial) >= 0) return;
    const n = this.newNid(serial);
    this.flags[n] = flags & 0xff;
    this.type[n] = typeName;
    this.size[n] = size;
    this.rc[n] = 1;
    this.addr[n] = address;
    this.line[n] = this.currentLine;
    const row = this.typeRow(typeName);
    this.typeCount[row]!++;
    this.typeBytes[row]! += size;
    this.objects++;
    this.bytes += size;
    if (flags & AllocFlags.Static) {
      this.typeStaticCount[row]!++;
      this.typeStaticBytes[row]! += size;
      this.staticObjects++;
      this.staticBytes += size;
    }
    if (this.bytes > this.peakBytes) {
      this.peakBytes = this.bytes;
      this.peakEvent = this.at;
    }
    if (this.bytes > this.maxSinceLine) this.maxSinceLine = this.bytes;
    if (flags & AllocFlags.Counted) this.count[0]!++;
    if (flags & AllocFlags.Tracked) this.genAppend(n, 0);
  }

  private freed(serial: number, toAllocator: boolean): void {
    const n = this.nids.get(serial);
    if (n < 0 || this.flags[n]! & NodeFlags.Frame) return;
    const f = this.flags[n]!;
    const size = this.size[n]!;
    const row = this.typeRow(this.type[n]!);
    this.typeCount[row]!--;
    this.typeBytes[row]! -= size;
    this.objects--;
    this.bytes -= size;
    if (f & AllocFlags.Static) {
      this.typeStaticCount[row]!--;
      this.typeStaticBytes[row]! -= size;
      this.staticObjects--;
      this.staticBytes -= size;
    }
    // PyObject_GC_Del: count[0] drops for a GC object whose memory is released.
    if (toAllocator && f & AllocFlags.Gc && this.count[0]! > 0) this.count[0]!--;
    if (this.gen[n] !== NONE) this.genUnlink(n);
    this.dropNode(n, serial);
  }

  private resize(n: number, size: number): void {
    const old = this.size[n]!;
    this.size[n] = size;
    if (this.flags[n]! & NodeFlags.Frame) return;
    const row = this.typeRow(this.type[n]!);
    this.typeBytes[row]! += size - old;
    this.bytes += size - old;
    if (this.flags[n]! & AllocFlags.Static) {
      this.typeStaticBytes[row]! += size - old;
      this.staticBytes += size - old;
    }
    if (this.bytes > this.peakBytes) {
      this.peakBytes = this.bytes;
      this.peakEvent = this.at;
    }
    if (this.bytes > this.maxSinceLine) this.maxSinceLine = this.bytes;
  }

  private frameCreated(serial: number, name: number, func: number, globals: number): void {
    if (serial === 0 || this.nids.get(serial) >= 0) return;
    const n = this.newNid(serial);
    this.flags[n] = NodeFlags.Frame;
    this.type[n] = name;
    this.name[n] = name;
    this.size[n] = 0;
    this.rc[n] = 0;
    // Frames have no address: the column keeps their globals dict instead.
    this.addr[n] = globals;
    this.line[n] = 0;
    this.func[n] = func;
    this.frames++;
  }

  private refAdded(from: number, to: number, slot: number): void {
    const f = this.nids.get(from);
    if (f < 0) return;
    const t = this.nids.get(to);
    if (slotKind(slot) === SlotKind.Index) this.graph.setItem(f, slotPayload(slot), t, to);
    else if (t >= 0) this.graph.add(f, t, slot);
  }

  private refRemoved(from: number, to: number, slot: number): void {
    const f = this.nids.get(from);
    if (f < 0) return;
    const t = this.nids.get(to);
    if (slotKind(slot) === SlotKind.Index) this.graph.clearItem(f, slotPayload(slot), t, to);
    else if (t >= 0) this.graph.remove(f, t, slot);
  }

  private typeRow(typeName: number): number {
    let row = this.typeIndex.get(typeName + 1);
    if (row >= 0) return row;
    row = this.typeRowCount++;
    if (row >= this.typeName.length) {
      const n = row + 1;
      this.typeName = grow(this.typeName, n);
      this.typeCount = grow(this.typeCount, n);
      this.typeBytes = grow(this.typeBytes, n);
      this.typeStaticCount = grow(this.typeStaticCount, n);
      this.typeStaticBytes = grow(this.typeStaticBytes, n);
    }
    this.typeName[row] = typeName;
    // A row past a restored checkpoint may hold numbers from before the restore.
    this.typeCount[row] = this.typeStaticCount[row] = 0;
    this.typeBytes[row] = this.typeStaticBytes[row] = 0;
    this.typeIndex.set(typeName + 1, row);
    return row;
  }

  // ---------------------------------------------------------------- generations

  private genAppend(n: number, g: number): void {
    const last = this.genPrev[g]!;
    this.genNext[last] = n;
    this.genPrev[n] = last;
    this.genNext[n] = g;
    this.genPrev[g] = n;
    this.gen[n] = g;
    this.generationSize[g]!++;
  }

  private genUnlink(n: number): void {
    const p = this.genPrev[n]!;
    const x = this.genNext[n]!;
    this.genNext[p] = x;
    this.genPrev[x] = p;
    this.generationSize[this.gen[n]!]!--;
    this.gen[n] = NONE;
  }

  /** Every member of the source generations joins the end of `target`, in order. */
  private mergeGenerations(sources: number, target: number): void {
    if (target >= GEN_HEADS) return;
    for (let g = 0; g < GEN_HEADS; g++) {
      if (g === target || (sources & (1 << g)) === 0 || this.generationSize[g] === 0) continue;
      const first = this.genNext[g]!;
      const last = this.genPrev[g]!;
      for (let n = first; n !== g; n = this.genNext[n]!) this.gen[n] = target;
      const tail = this.genPrev[target]!;
      this.genNext[tail] = first;
      this.genPrev[first] = tail;
      this.genNext[last] = target;
      this.genPrev[target] = last;
      this.genNext[g] = g;
      this.genPrev[g] = g;
      this.generationSize[target]! += this.generationSize[g]!;
      this.generationSize[g] = 0;
    }
  }

  // ---------------------------------------------------------------- queries

  /** Is there a live object or frame with this serial? */
  has(serial: number): boolean {
    return this.nids.get(serial) >= 0;
  }

  node(serial: number, strings: { get(id: number): string }): NodeInfo | null {
    const n = this.nids.get(serial);
    if (n < 0) return null;
    const flags = this.flags[n]!;
    const isFrame = (flags & NodeFlags.Frame) !== 0;
    return {
      serial,
      isFrame,
      type: strings.get(this.type[n]!),
      name: strings.get(this.name[n]!),
      size: this.size[n]!,
      refcount: this.rc[n]!,
      address: isFrame ? 0 : this.addr[n]!,
      generation: this.gen[n]!,
      flags,
      born: this.born[n]!,
      line: this.line[n]!,
      parent: this.parent[n]! >>> 0,
      func: this.func[n]! >>> 0,
      globals: isFrame ? this.addr[n]! : 0,
      unreachable: this.collecting >= 0 && this.unreachableIn[n] === this.collections,
    };
  }

  /** Refcount of a live object (or -1). Cheap: for tables over many objects. */
  refcount(serial: number): number {
    const n = this.nids.get(serial);
    return n < 0 ? -1 : this.rc[n]!;
  }

  /** Visit every live node's serial (objects and frames), in no particular order. */
  forEachNode(fn: (serial: number, isFrame: boolean) => void): void {
    for (let n = GEN_HEADS; n < this.nodeHigh; n++) {
      const s = this.serial[n]!;
      if (s !== 0) fn(s >>> 0, (this.flags[n]! & NodeFlags.Frame) !== 0);
    }
  }

  /** Serials of the members of generation g (0..3), oldest first. */
  generationMembers(g: number): number[] {
    const out: number[] = [];
    for (let n = this.genNext[g]!; n !== g; n = this.genNext[n]!) out.push(this.serial[n]! >>> 0);
    return out;
  }

  /** What `serial` refers to: keyed references, then items in index order. */
  referents(serial: number): Reference[] {
    const n = this.nids.get(serial);
    if (n < 0) return [];
    const g = this.graph;
    const out: Reference[] = [];
    for (let e = g.outHead[n]!; e !== NONE; e = g.outNext[e]!) {
      const slot = g.eSlot[e]! >>> 0;
      if (slot === INDEX_ANY) continue;
      out.push({ serial: this.serial[g.eTo[e]!]! >>> 0, slot, count: g.eCount[e]! });
    }
    const items = g.items(n);
    for (let i = 0; i < items.length; i++) {
      const s = items[i]!;
      if (s !== 0 && this.nids.get(s) >= 0) out.push({ serial: s, slot: ((SlotKind.Index << 29) | i) >>> 0, count: 1 });
    }
    return out;
  }

  /** What refers to `serial`: keyed references, and each list/tuple index holding it. */
  referrers(serial: number): Reference[] {
    const n = this.nids.get(serial);
    if (n < 0) return [];
    const g = this.graph;
    const out: Reference[] = [];
    for (let e = g.inHead[n]!; e !== NONE; e = g.inNext[e]!) {
      const from = g.eFrom[e]!;
      const fromSerial = this.serial[from]! >>> 0;
      const slot = g.eSlot[e]! >>> 0;
      if (slot !== INDEX_ANY) {
        out.push({ serial: fromSerial, slot, count: g.eCount[e]! });
        continue;
      }
      const items = g.items(from);
      for (let i = 0; i < items.length; i++) {
        if (items[i] === serial) out.push({ serial: fromSerial, slot: ((SlotKind.Index << 29) | i) >>> 0, count: 1 });
      }
    }
    return out;
  }

  /** Counts and bytes by type name, largest bytes first. */
  types(strings: { get(id: number): string }): TypeRow[] {
    const out: TypeRow[] = [];
    for (let r = 0; r < this.typeRowCount; r++) {
      if (this.typeCount[r] === 0) continue;
      out.push({
        type: strings.get(this.typeName[r]!),
        count: this.typeCount[r]!,
        bytes: this.typeBytes[r]!,
        staticCount: this.typeStaticCount[r]!,
        staticBytes: this.typeStaticBytes[r]!,
      });
    }
    return out.sort((a, b) => b.bytes - a.bytes || b.count - a.count || (a.type < b.type ? -1 : 1));
  }

  /** The stack, innermost frame first. */
  stack(): number[] {
    const out: number[] = [];
    let s = this.topFrame;
    while (s !== 0 && out.length < 100_000) {
      const n = this.nids.get(s);
      if (n < 0 || (this.flags[n]! & NodeFlags.OnStack) === 0) break;
      out.push(s);
      s = this.parent[n]! >>> 0;
    }
    return out;
  }

  /**
   * The whole graph as arrays, for analyses over every node (graph-analysis.ts): node i
   * is `serials[i]`; its references, items included and slots in `skipSlots` excluded,
   * go to the nodes `targets[offsets[i]] .. targets[offsets[i + 1] - 1]`, with slots
   * `slots[...]`.
   */
  graphArrays(skipSlots: readonly number[] = []): GraphArrays {
    const g = this.graph;
    const index = new IntMap(Math.max(16, this.nodeHigh));
    const serials: number[] = [];
    const nodes: number[] = [];
    for (let n = GEN_HEADS; n < this.nodeHigh; n++) {
      const s = this.serial[n]! >>> 0;
      if (s === 0) continue;
      index.set(s, serials.length);
      serials.push(s);
      nodes.push(n);
    }
    const count = serials.length;
    const offsets = new Int32Array(count + 1);
    const targets: number[] = [];
    const slots: number[] = [];
    const skip = new Set(skipSlots.map((x) => x >>> 0));
    for (let i = 0; i < count; i++) {
      offsets[i] = targets.length;
      const n = nodes[i]!;
      for (let e = g.outHead[n]!; e !== NONE; e = g.outNext[e]!) {
        const slot = g.eSlot[e]! >>> 0;
        if (slot === INDEX_ANY || skip.has(slot)) continue;
        const t = index.get(this.serial[g.eTo[e]!]! >>> 0);
        for (let c = g.eCount[e]!; c > 0 && t >= 0; c--) {
          targets.push(t);
          slots.push(slot);
        }
      }
      const items = g.items(n);
      for (let j = 0; j < items.length; j++) {
        const t = items[j] === 0 ? -1 : index.get(items[j]!);
        if (t < 0) continue;
        targets.push(t);
        slots.push(((SlotKind.Index << 29) | j) >>> 0);
      }
    }
    offsets[count] = targets.length;
    return {
      serials: Uint32Array.from(serials),
      flags: Int32Array.from(nodes, (n) => this.flags[n]!),
      refcounts: Int32Array.from(nodes, (n) => this.rc[n]!),
      generations: Int8Array.from(nodes, (n) => this.gen[n]!),
      offsets,
      targets: Int32Array.from(targets),
      slots: Uint32Array.from(slots),
    };
  }

  // ---------------------------------------------------------------- checkpoints

  private nodeColumns(): Column[] {
    return [
      this.serial, this.flags, this.type, this.name, this.size, this.rc, this.addr, this.gen, this.genPrev, this.genNext,
      this.born, this.line, this.parent, this.func, this.unreachableIn,
    ];
  }

  private typeColumns(): Column[] {
    return [this.typeName, this.typeCount, this.typeBytes, this.typeStaticCount, this.typeStaticBytes];
  }

  private scalars(): Float64Array {
    return Float64Array.from([
      this.objects, this.bytes, this.peakBytes, this.peakEvent, this.staticObjects, this.staticBytes, this.frames,
      ...this.count, ...this.threshold, this.enabled ? 1 : 0, ...this.generationSize, this.collecting, this.collections,
      this.unreachableSoFar, this.finalizersSoFar, this.weakrefsClearedSoFar, this.callbacksSoFar,
      this.resurrectedSoFar, this.phase,
      ...this.stats.flatMap((s) => [s.collections, s.collected, s.uncollectable]),
      this.topFrame, this.depth, this.currentLine, this.currentFrame, this.lines, this.outputs,
    ]);
  }

  /**
   * A checkpoint of this projection. Blocks of columns equal to those of `previous` (the
   * last checkpoint) are shared with it rather than copied.
   */
  snapshot(previous?: ProjectionSnapshot): ProjectionSnapshot {
    const cost = { bytes: 0 };
    const h = this.nodeHigh;
    const columns: SavedColumn[] = [];
    let i = 0;
    for (const a of this.nodeColumns()) columns.push(saveColumn(a, h, previous?.columns[i++], cost));
    for (const a of this.typeColumns()) columns.push(saveColumn(a, this.typeRowCount, previous?.columns[i++], cost));
    const graph = this.graph.snapshot(h, previous?.graph, cost);
    const scalars = this.scalars();
    const freeNodes = this.freeNodes.slice(0, this.freeTop);
    cost.bytes += scalars.byteLength + freeNodes.byteLength;
    return { at: this.at, nodeHigh: h, freeNodes, typeRows: this.typeRowCount, scalars, columns, graph, bytes: cost.bytes };
  }

  restore(s: ProjectionSnapshot): void {
    const oldHigh = this.nodeHigh;
    if (s.nodeHigh > this.cap) this.growNodes(s.nodeHigh);
    let i = 0;
    for (const a of this.nodeColumns()) loadColumn(a, s.columns[i++]!);
    // Nodes created after the checkpoint are gone.
    if (oldHigh > s.nodeHigh) {
      this.serial.fill(0, s.nodeHigh, oldHigh);
      this.flags.fill(0, s.nodeHigh, oldHigh);
    }
    this.graph.restore(s.graph, oldHigh);
    this.nodeHigh = s.nodeHigh;
    this.nids.clear();
    for (let n = GEN_HEADS; n < s.nodeHigh; n++) {
      const serial = this.serial[n]!;
      if (serial !== 0) this.nids.set(serial >>> 0, n);
    }
    this.freeNodes = grow(this.freeNodes, s.freeNodes.length);
    this.freeNodes.set(s.freeNodes);
    this.freeTop = s.freeNodes.length;
    if (s.typeRows > this.typeName.length) {
      this.typeName = grow(this.typeName, s.typeRows);
      this.typeCount = grow(this.typeCount, s.typeRows);
      this.typeBytes = grow(this.typeBytes, s.typeRows);
      this.typeStaticCount = grow(this.typeStaticCount, s.typeRows);
      this.typeStaticBytes = grow(this.typeStaticBytes, s.typeRows);
    }
    for (const a of this.typeColumns()) loadColumn(a, s.columns[i++]!);
    this.typeRowCount = s.typeRows;
    this.typeIndex.clear();
    for (let r = 0; r < s.typeRows; r++) this.typeIndex.set(this.typeName[r]! + 1, r);
    const v = s.scalars;
    i = 0;
    this.objects = v[i++]!;
    this.bytes = v[i++]!;
    this.peakBytes = v[i++]!;
    this.peakEvent = v[i++]!;
    this.staticObjects = v[i++]!;
    this.staticBytes = v[i++]!;
    this.frames = v[i++]!;
    for (let g = 0; g < 3; g++) this.count[g] = v[i++]!;
    for (let g = 0; g < 3; g++) this.threshold[g] = v[i++]!;
    this.enabled = v[i++] === 1;
    for (let g = 0; g < 4; g++) this.generationSize[g] = v[i++]!;
    this.collecting = v[i++]!;
    this.collections = v[i++]!;
    this.unreachableSoFar = v[i++]!;
    this.finalizersSoFar = v[i++]!;
    this.weakrefsClearedSoFar = v[i++]!;
    this.callbacksSoFar = v[i++]!;
    this.resurrectedSoFar = v[i++]!;
    this.phase = v[i++]!;
    for (const st of this.stats) {
      st.collections = v[i++]!;
      st.collected = v[i++]!;
      st.uncollectable = v[i++]!;
    }
    this.topFrame = v[i++]!;
    this.depth = v[i++]!;
    this.currentLine = v[i++]!;
    this.currentFrame = v[i++]!;
    this.lines = v[i++]!;
    this.outputs = v[i++]!;
    this.at = s.at;
  }

}
