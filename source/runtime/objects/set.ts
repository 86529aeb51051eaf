/**
 * set and frozenset: the open-addressing table of CPython 3.11's setobject.c (linear
 * probes of 9, then perturbed jumps), so that iteration order and sys.getsizeof match:
 * 216 bytes with the built-in 8-slot table, 216 + 16·size beyond (section 1.5).
 */
import { PyObject, type PyType, type Visit, type PyHash } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { decref, incref } from '../heap/refcount.js';
import { makeSlot, SlotKind } from '../../events/kinds.js';
import { PyStr, strType } from './str.js';

const MIN_SIZE = 8;
const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5;

/** Marks a deleted entry (CPython's `dummy` key with hash -1). */
const DUMMY = { dummy: true } as unknown as PyObject;

export class PySet extends PyObject {
  keys: (PyObject | null)[] = new Array(MIN_SIZE).fill(null);
  hashes: PyHash[] = new Array(MIN_SIZE).fill(0);
  mask = MIN_SIZE - 1;
  /** Active + dummy entries. */
  fill = 0;
  /** Active entries. */
  used = 0;
  /** Bumped on every change (iterators detect "Set changed size during iteration"). */
  version = 0;
  /** A table larger than the built-in 8 slots is a PyMem block of 16 bytes per slot; 0 otherwise. */
  tableAddr = 0;
  constructor(type: PyType) {
    super(type);
  }
}

export let setType: PyType;
export let frozensetType: PyType;
export const MEMBER_SLOT = makeSlot(SlotKind.Member, 0);

export function initSetTypes(): void {
  for (const name of ['set', 'frozenset'] as const) {
    const t = makeBuiltinType(name, { gc: true, basicSize: 200, weakrefable: true });
    t.sizeof = (o) => 200 + ((o as PySet).mask + 1 > MIN_SIZE ? 16 * ((o as PySet).mask + 1) : 0);
    t.objectSize = () => 200;
    t.traverse = (o, visit: Visit) => {
      for (const k of (o as PySet).keys) if (k !== null && k !== DUMMY) visit(k, MEMBER_SLOT);
    };
    t.clear = (o) => setClear(o as PySet);
    t.dealloc = (o) => {
      const s = o as PySet;
      const keys = s.keys;
      s.keys = [];
      setTableMemory(s, MIN_SIZE);
      for (const k of keys) if (k !== null && k !== DUMMY) decref(k);
    };
    if (name === 'set') setType = t;
    else frozensetType = t;
  }
}

export function newSet(type: PyType = setType): PySet {
  const s = new PySet(type);
  rt.heap.allocate(s, true);
  return s;
}

// Hashing and equality come from the protocol layer.
let hashOf: (o: PyObject) => PyHash;
let keysEqual: (a: PyObject, b: PyObject) => boolean;
export function bindSetProtocols(hash: typeof hashOf, eq: typeof keysEqual): void {
  hashOf = hash;
  keysEqual = eq;
}

/** The low 32 bits of a hash as an unsigned 64-bit value (enough for any mask). */
function low32(h: PyHash): number {
  return Number(BigInt.asUintN(32, BigInt(h)));
}
function high32(h: PyHash): number {
  return Number(BigInt.asUintN(32, BigInt(h) >> 32n));
}

/** Probe sequence of CPython's set lookups; yields table indices until fn returns true. */
function probe(s: PySet, h: PyHash, fn: (i: number) => boolean): void {
  const mask = s.mask;
  const small = typeof h === 'number' && h >= 0 && h < 2 ** 31;
  let lo = small ? (h as number) : low32(h);
  let hi = small ? 0 : high32(h);
  let i = lo & mask;
  for (;;) {
    const probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
    for (let j = 0; j <= probes; j++) if (fn(i + j)) return;
    // perturb >>= 5 on the 64-bit value
    lo = ((lo >>> PERTURB_SHIFT) | ((hi & 31) << (32 - PERTURB_SHIFT))) >>> 0;
    hi = hi >>> PERTURB_SHIFT;
    i = (i * 5 + 1 + lo) % 2 ** 32 & mask;
  }
}

function sameKey(a: PyObject, b: PyObject): boolean {
  if (a === b) return true;
  if (a.type === strType && b.type === strType) return (a as PyStr).v === (b as PyStr).v;
  return keysEqual(a, b);
}

/** Table index holding `key`, or -1. May run Python code (__eq__). */
export function setFind(s: PySet, key: PyObject, h = hashOf(key)): number {
  let found = -1;
  probe(s, h, (i) => {
    const k = s.keys[i]!;
    if (k === null) return true;
    if (k !== DUMMY && s.hashes[i] === h && sameKey(k, key)) {
      found = i;
      return true;
    }
    return false;
  });
  return found;
}

export function setContains(s: PySet, key: PyObject): boolean {
  return setFind(s, key) >= 0;
}

/** Add `key` (borrowed); returns true when it was not present. */
export function setAdd(s: PySet, key: PyObject): boolean {
  const h = hashOf(key);
  let freeSlot = -1;
  let unused = -1;
  let active = false;
  probe(s, h, (i) => {
    const k = s.keys[i]!;
    if (k === null) {
      unused = i;
      return true;
    }
    if (k === DUMMY) {
      if (freeSlot < 0) freeSlot = i;
      return false;
    }
    if (s.hashes[i] === h && sameKey(k, key)) {
      active = true;
      return true;
    }
    return false;
  });
  if (active) return false;
  incref(key);
  s.version++;
  rt.ev.refAdded(s.serial, key.serial, MEMBER_SLOT);
  if (freeSlot >= 0) {
    s.keys[freeSlot] = key;
    s.hashes[freeSlot] = h;
    s.used++;
    return true;
  }
  s.keys[unused] = key;
  s.hashes[unused] = h;
  s.fill++;
  s.used++;
  if (s.fill * 5 >= s.mask * 3) tableResize(s, s.used > 50000 ? s.used * 2 : s.used * 4);
  return true;
}

/** Remove `key`; returns the owned key object, or null when absent. */
export function setDiscard(s: PySet, key: PyObject): PyObject | null {
  const i = setFind(s, key);
  if (i < 0) return null;
  const old = s.keys[i]!;
  s.keys[i] = DUMMY;
  s.hashes[i] = -1;
  s.used--;
  s.version++;
  rt.ev.refRemoved(s.serial, old.serial, MEMBER_SLOT);
  return old;
}

/** set_table_resize: the smallest power of two above `minUsed` (at least 8). */
export function tableResize(s: PySet, minUsed: number): void {
  let size = MIN_SIZE;
  while (size <= minUsed) size <<= 1;
  const oldKeys = s.keys;
  const oldHashes = s.hashes;
  setTableMemory(s, size);
  s.keys = new Array(size).fill(null);
  s.hashes = new Array(size).fill(0);
  s.mask = size - 1;
  s.fill = 0;
  s.used = 0;
  for (let i = 0; i < oldKeys.length; i++) {
    const k = oldKeys[i]!;
    if (k !== null && k !== DUMMY) insertClean(s, k, oldHashes[i]!);
  }
  rt.heap.resized(s);
}

/**
 * The table's memory for `size` slots: the built-in smalltable for 8, else a new PyMem
 * block of 16·size bytes; a previous malloc'ed table is freed after (set_table_resize).
 */
function setTableMemory(s: PySet, size: number): void {
  const old = s.tableAddr;
  s.tableAddr = size > MIN_SIZE ? rt.heap.allocator.malloc(16 * size) : 0;
  if (old !== 0) rt.heap.allocator.free(old);
}

function insertClean(s: PySet, key: PyObject, h: PyHash): void {
  probe(s, h, (i) => {
    if (s.keys[i] !== null) return false;
    s.keys[i] = key;
    s.hashes[i] = h;
    return true;
  });
  s.fill++;
  s.used++;
}

/** set_merge: one up-front resize, then the other set's keys in its table order. */
export function setMerge(s: PySet, other: PySet): void {
  if (other === s || other.used === 0) return;
  if ((s.fill + other.used) * 5 >= s.mask * 3) tableResize(s, (s.used + other.used) * 2);
  for (let i = 0; i <= other.mask; i++) {
    const k = other.keys[i]!;
    if (k !== null && k !== DUMMY) setAdd(s, k);
  }
}

export function setClear(s: PySet): void {
  const keys = s.keys;
  const wasLarge = s.mask + 1 > MIN_SIZE;
  setTableMemory(s, MIN_SIZE);
  s.keys = new Array(MIN_SIZE).fill(null);
  s.hashes = new Array(MIN_SIZE).fill(0);
  s.mask = MIN_SIZE - 1;
  s.fill = 0;
  s.used = 0;
  s.version++;
  for (const k of keys) if (k !== null && k !== DUMMY) rt.ev.refRemoved(s.serial, k.serial, MEMBER_SLOT);
  if (wasLarge) rt.heap.resized(s);
  for (const k of keys) if (k !== null && k !== DUMMY) decref(k);
}

/** The active keys in table order (borrowed). */
export function setKeys(s: PySet): PyObject[] {
  const out: PyObject[] = [];
  for (const k of s.keys) if (k !== null && k !== DUMMY) out.push(k);
  return out;
}

export function isDummy(k: PyObject | null): boolean {
  return k === DUMMY;
}
