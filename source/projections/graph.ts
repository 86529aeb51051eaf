/**
 * The object graph of a projection: references between nodes (objects and frames),
 * each with its slot (`.next`, `['key']`, `[3]`, a local variable ...), kept in typed
 * arrays so that folding allocates nothing and a checkpoint is a handful of copies.
 *
 * Two kinds of storage, because lists behave differently from everything else:
 * - Keyed references (attributes, dict entries, locals, labels, set members): one edge
 *   record per (from, to, slot) with a count, linked into the source's out-list and the
 *   target's in-list, and found again through a hash table on the triple.
 * - Positional references ([i] of lists and tuples): the container's items as a vector
 *   of target serials in an arena, so that `insert(0, x)` and `pop(0)` (ItemsShifted)
 *   move memory instead of rehashing every item. For referrer queries the container has
 *   one aggregate edge per distinct target (slot INDEX_ANY) counting its positions.
 *
 * Nodes are identified by small dense ids ("nids") that the heap projection hands out;
 * items hold serials, which are never reused, so a vector can never point at a
 * different object that reused a freed node's id.
 */
import { makeSlot, SlotKind, SLOT_PAYLOAD_MASK } from '../events/kinds.js';
import { loadColumn, saveColumn, type SavedColumn } from './saved-column.js';

/** The aggregate edge from a container to a target that sits at one or more indices. */
export const INDEX_ANY = makeSlot(SlotKind.Index, SLOT_PAYLOAD_MASK);
/** Longest item vector a projection keeps: 16 million items (a recording of that many
 * would be hundreds of megabytes; a record file claiming more is not believed). */
const MAX_ITEMS = 1 << 24;
const NONE = -1;

function grownI32(a: Int32Array<ArrayBuffer>, n: number, fill = 0): Int32Array<ArrayBuffer> {
  if (n <= a.length) return a;
  let cap = a.length * 2;
  while (cap < n) cap *= 2;
  const b = new Int32Array(cap);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

export type GraphSnapshot = {
  nodes: number;
  edgeHigh: number;
  edgeCount: number;
  freeEdges: Int32Array;
  arenaTop: number;
  arenaGarbage: number;
  itemsHigh: number;
  /** Node columns, edge columns, the arena (the hash table is rebuilt on restore). */
  columns: SavedColumn[];
};

export class Graph {
  // ---- per node
  outHead = new Int32Array(1024).fill(NONE);
  inHead = new Int32Array(1024).fill(NONE);
  itemsOff = new Int32Array(1024);
  itemsLen = new Int32Array(1024);
  itemsCap = new Int32Array(1024);
  private nodeCap = 1024;

  // ---- per edge
  eFrom = new Int32Array(1024);
  eTo = new Int32Array(1024);
  eSlot = new Int32Array(1024);
  eCount = new Int32Array(1024);
  outNext = new Int32Array(1024);
  outPrev = new Int32Array(1024);
  inNext = new Int32Array(1024);
  inPrev = new Int32Array(1024);
  /** Edge ids in use are below edgeHigh; freed ones wait in freeEdges. */
  private edgeHigh = 0;
  private freeEdges = new Int32Array(256);
  private freeTop = 0;
  /** Live keyed edges (aggregates included). */
  edgeCount = 0;

  // ---- hash of (from, to, slot) → edge id + 1
  private table = new Int32Array(2048);
  private tshift = 32 - 11;

  // ---- item vectors
  private arena = new Uint32Array(1 << 16);
  /** Node ids below this may own item vectors (bounds the compaction scan). */
  private itemsHigh = 0;
  private arenaTop = 0;
  private arenaGarbage = 0;

  /** Make room for node ids below n. */
  ensureNodes(n: number): void {
    if (n <= this.nodeCap) return;
    this.outHead = grownI32(this.outHead, n, NONE);
    this.inHead = grownI32(this.inHead, n, NONE);
    this.itemsOff = grownI32(this.itemsOff, n);
    this.itemsLen = grownI32(this.itemsLen, n);
    this.itemsCap = grownI32(this.itemsCap, n);
    this.nodeCap = this.outHead.length;
  }

  // ---------------------------------------------------------------- keyed edges

  private hash(from: number, to: number, slot: number): number {
    let h = Math.imul(from ^ Math.imul(to, 0x85ebca6b), 0x9e3779b1) ^ Math.imul(slot, 0xc2b2ae35);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    return h >>> this.tshift;
  }

  /** The edge id of (from, to, slot), or -1. */
  find(from: number, to: number, slot: number): number {
    const table = this.table;
    const mask = table.length - 1;
    let i = this.hash(from, to, slot);
    for (;;) {
      const e = table[i]! - 1;
      if (e < 0) return NONE;
      if (this.eFrom[e] === from && this.eTo[e] === to && this.eSlot[e] === (slot | 0)) return e;
      i = (i + 1) & mask;
    }
  }

  /** One more reference from `from` to `to` in `slot`. */
  add(from: number, to: number, slot: number): void {
    const e = this.find(from, to, slot);
    if (e >= 0) {
      this.eCount[e]!++;
      return;
    }
    this.create(from, to, slot);
  }

  /** One reference fewer; false if there was none. */
  remove(from: number, to: number, slot: number): boolean {
    const e = this.find(from, to, slot);
    if (e < 0) return false;
    if (--this.eCount[e]! === 0) this.destroy(e);
    return true;
  }

  private create(from: number, to: number, slot: number): void {
    let e: number;
    if (this.freeTop > 0) e = this.freeEdges[--this.freeTop]!;
    else {
      e = this.edgeHigh++;
      if (e >= this.eFrom.length) this.growEdges();
    }
    this.eFrom[e] = from;
    this.eTo[e] = to;
    this.eSlot[e] = slot;
    this.eCount[e] = 1;
    // Link at the tail of the source's out-list? The head is cheaper; readers sort by
    // slot when order matters.
    const oh = this.outHead[from]!;
    this.outNext[e] = oh;
    this.outPrev[e] = NONE;
    if (oh !== NONE) this.outPrev[oh] = e;
    this.outHead[from] = e;
    const ih = this.inHead[to]!;
    this.inNext[e] = ih;
    this.inPrev[e] = NONE;
    if (ih !== NONE) this.inPrev[ih] = e;
    this.inHead[to] = e;
    this.edgeCount++;
    if ((this.edgeCount + 1) * 2 > this.table.length) this.rehash(this.table.length * 2);
    else this.insert(e);
  }

  private insert(e: number): void {
    const table = this.table;
    const mask = table.length - 1;
    let i = this.hash(this.eFrom[e]!, this.eTo[e]!, this.eSlot[e]!);
    while (table[i] !== 0) i = (i + 1) & mask;
    table[i] = e + 1;
  }

  private destroy(e: number): void {
    this.unhash(e);
    const from = this.eFrom[e]!;
    const to = this.eTo[e]!;
    const on = this.outNext[e]!;
    const op = this.outPrev[e]!;
    if (op === NONE) this.outHead[from] = on;
    else this.outNext[op] = on;
    if (on !== NONE) this.outPrev[on] = op;
    const inn = this.inNext[e]!;
    const ip = this.inPrev[e]!;
    if (ip === NONE) this.inHead[to] = inn;
    else this.inNext[ip] = inn;
    if (inn !== NONE) this.inPrev[inn] = ip;
    this.eCount[e] = 0;
    this.eFrom[e] = NONE;
    if (this.freeTop >= this.freeEdges.length) this.freeEdges = grownI32(this.freeEdges, this.freeTop + 1);
    this.freeEdges[this.freeTop++] = e;
    this.edgeCount--;
  }

  /** Take edge e out of the hash table (backward-shift deletion). */
  private unhash(e: number): void {
    const table = this.table;
    const mask = table.length - 1;
    let i = this.hash(this.eFrom[e]!, this.eTo[e]!, this.eSlot[e]!);
    while (table[i] !== e + 1) i = (i + 1) & mask;
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const x = table[j]! - 1;
      if (x < 0) break;
      const home = this.hash(this.eFrom[x]!, this.eTo[x]!, this.eSlot[x]!);
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        table[hole] = x + 1;
        hole = j;
      }
    }
    table[hole] = 0;
  }

  private rehash(size: number): void {
    this.table = new Int32Array(size);
    this.tshift = 32 - Math.log2(size);
    for (let e = 0; e < this.edgeHigh; e++) if (this.eCount[e]! > 0) this.insert(e);
  }

  private growEdges(): void {
    const n = this.eFrom.length * 2;
    this.eFrom = grownI32(this.eFrom, n);
    this.eTo = grownI32(this.eTo, n);
    this.eSlot = grownI32(this.eSlot, n);
    this.eCount = grownI32(this.eCount, n);
    this.outNext = grownI32(this.outNext, n);
    this.outPrev = grownI32(this.outPrev, n);
    this.inNext = grownI32(this.inNext, n);
    this.inPrev = grownI32(this.inPrev, n);
  }

  // ---------------------------------------------------------------- positional items

  /** Item i of container `c` is now the object `toSerial` (node `to`, -1 if not live). */
  setItem(c: number, i: number, to: number, toSerial: number): void {
    const len = this.itemsLen[c]!;
    // The runtime sets items in order (an append is i == len): beyond that the input is
    // not a log the runtime wrote, and the reference is ignored.
    if (i > len || i >= MAX_ITEMS) return;
    if (i === len) {
      this.reserve(c, i + 1);
      this.itemsLen[c] = i + 1;
    }
    this.arena[this.itemsOff[c]! + i] = toSerial;
    if (to >= 0) this.add(c, to, INDEX_ANY);
  }

  /** Item i of container `c` (the object `toSerial`, node `to`) is removed. */
  clearItem(c: number, i: number, to: number, toSerial: number): void {
    const len = this.itemsLen[c]!;
    if (i < len) {
      const off = this.itemsOff[c]!;
      if (this.arena[off + i] === toSerial) {
        this.arena[off + i] = 0;
        // Trailing holes are not items: pop() from the end shortens the list.
        let n = len;
        while (n > 0 && this.arena[off + n - 1] === 0) n--;
        this.itemsLen[c] = n;
      }
    }
    if (to >= 0) this.remove(c, to, INDEX_ANY);
  }

  /** Every item at index >= start moves by delta (insertions and deletions in lists). */
  shiftItems(c: number, start: number, delta: number): void {
    const len = this.itemsLen[c]!;
    if (start >= len || delta === 0) return;
    const newLen = len + delta;
    if (newLen > MAX_ITEMS || start + delta < 0) return;
    if (delta > 0) this.reserve(c, newLen);
    const off = this.itemsOff[c]!;
    this.arena.copyWithin(off + start + delta, off + start, off + len);
    if (delta > 0) this.arena.fill(0, off + start, off + start + delta);
    this.itemsLen[c] = newLen;
  }

  /** The container's items (serials, 0 for a hole), valid until the next change. */
  items(c: number): Uint32Array {
    const off = this.itemsOff[c]!;
    return this.arena.subarray(off, off + this.itemsLen[c]!);
  }

  /** Room for n items in c's vector, moving it to the arena's end when it must grow. */
  private reserve(c: number, n: number): void {
    const cap = this.itemsCap[c]!;
    if (n <= cap) return;
    if (c >= this.itemsHigh) this.itemsHigh = c + 1;
    let newCap = Math.max(4, cap * 2);
    while (newCap < n) newCap *= 2;
    if (this.arenaTop + newCap > this.arena.length) this.makeRoom(newCap);
    const off = this.itemsOff[c]!;
    const len = this.itemsLen[c]!;
    const at = this.arenaTop;
    // (A loop beats copyWithin's call for the few items most containers have.)
    if (len < 32) for (let j = 0; j < len; j++) this.arena[at + j] = this.arena[off + j]!;
    else this.arena.copyWithin(at, off, off + len);
    this.arenaGarbage += cap;
    this.itemsOff[c] = at;
    this.itemsCap[c] = newCap;
    this.arenaTop = at + newCap;
  }

  /** Compact the arena (if half of it is garbage) or grow it, for `need` more words. */
  private makeRoom(need: number): void {
    const live = this.arenaTop - this.arenaGarbage;
    let size = this.arena.length;
    while (live + need > size / 2) size *= 2;
    const old = this.arena;
    const next = new Uint32Array(size);
    let top = 0;
    for (let c = 0; c < this.itemsHigh; c++) {
      const cap = this.itemsCap[c]!;
      if (cap === 0) continue;
      const off = this.itemsOff[c]!;
      next.set(old.subarray(off, off + this.itemsLen[c]!), top);
      this.itemsOff[c] = top;
      top += cap;
    }
    this.arena = next;
    this.arenaTop = top;
    this.arenaGarbage = 0;
  }

  // ---------------------------------------------------------------- nodes

  /** The node leaves the graph: every edge to or from it goes, its items too. */
  dropNode(n: number): void {
    for (let e = this.outHead[n]!; e !== NONE; e = this.outHead[n]!) this.destroy(e);
    for (let e = this.inHead[n]!; e !== NONE; e = this.inHead[n]!) this.destroy(e);
    this.arenaGarbage += this.itemsCap[n]!;
    this.itemsCap[n] = 0;
    this.itemsLen[n] = 0;
    this.itemsOff[n] = 0;
  }

  // ---------------------------------------------------------------- checkpoints

  private nodeColumns(): Int32Array[] {
    return [this.outHead, this.inHead, this.itemsOff, this.itemsLen, this.itemsCap];
  }

  private edgeColumns(): Int32Array[] {
    return [this.eFrom, this.eTo, this.eSlot, this.eCount, this.outNext, this.outPrev, this.inNext, this.inPrev];
  }

  /** Save the graph of nodes below `nodes`, sharing unchanged blocks with `previous`. */
  snapshot(nodes: number, previous: GraphSnapshot | undefined, cost: { bytes: number }): GraphSnapshot {
    const columns: SavedColumn[] = [];
    let i = 0;
    for (const a of this.nodeColumns()) columns.push(saveColumn(a, nodes, previous?.columns[i++], cost));
    for (const a of this.edgeColumns()) columns.push(saveColumn(a, this.edgeHigh, previous?.columns[i++], cost));
    columns.push(saveColumn(this.arena, this.arenaTop, previous?.columns[i++], cost));
    const freeEdges = this.freeEdges.slice(0, this.freeTop);
    cost.bytes += freeEdges.byteLength;
    return {
      nodes,
      edgeHigh: this.edgeHigh,
      edgeCount: this.edgeCount,
      freeEdges,
      arenaTop: this.arenaTop,
      arenaGarbage: this.arenaGarbage,
      itemsHigh: this.itemsHigh,
      columns,
    };
  }

  /** Put the graph back as saved; node ids from s.nodes up to `nodeHigh` are cleared. */
  restore(s: GraphSnapshot, nodeHigh: number): void {
    this.ensureNodes(Math.max(s.nodes, 1));
    let i = 0;
    for (const a of this.nodeColumns()) loadColumn(a, s.columns[i++]!);
    const clearTo = Math.min(nodeHigh, this.nodeCap);
    if (clearTo > s.nodes) {
      this.outHead.fill(NONE, s.nodes, clearTo);
      this.inHead.fill(NONE, s.nodes, clearTo);
      this.itemsOff.fill(0, s.nodes, clearTo);
      this.itemsLen.fill(0, s.nodes, clearTo);
      this.itemsCap.fill(0, s.nodes, clearTo);
    }
    while (this.eFrom.length < s.edgeHigh) this.growEdges();
    for (const a of this.edgeColumns()) loadColumn(a, s.columns[i++]!);
    this.edgeHigh = s.edgeHigh;
    this.edgeCount = s.edgeCount;
    this.freeEdges = grownI32(this.freeEdges, s.freeEdges.length);
    this.freeEdges.set(s.freeEdges);
    this.freeTop = s.freeEdges.length;
    if (this.arena.length < s.arenaTop) this.arena = new Uint32Array(Math.max(s.arenaTop, 1 << 16));
    loadColumn(this.arena, s.columns[i++]!);
    this.arenaTop = s.arenaTop;
    this.arenaGarbage = s.arenaGarbage;
    this.itemsHigh = s.itemsHigh;
    let size = 2048;
    while ((this.edgeCount + 1) * 2 > size) size *= 2;
    this.rehash(size);
  }
}
