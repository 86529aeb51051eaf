/**
 * dict: insertion-ordered hash table with CPython 3.11's size model.
 *
 * Entries are kept in insertion order in two parallel arrays (deleted entries leave a
 * hole, as CPython's dk_entries do, until the next resize compacts them). The table size
 * S, usable slots ⌊2S/3⌋ and entry width (16 bytes for all-str keys, 24 otherwise) follow
 * dictobject.c, so sys.getsizeof matches: 64 + 32 + ib·S + usable·entry (section 1.4).
 * Lookups of exact str/int/float keys go through a JavaScript Map; other keys by hash and
 * __eq__. Dicts start untracked by the collector and become tracked when a value that
 * may be tracked is stored (MAINTAIN_TRACKING).
 */
import { PyObject, UNTRACKED, type PyType, type Visit, type PyHash } from './object.js';
import { bindDictGetStr, makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { decref, incref } from '../heap/refcount.js';
import { FreeList } from '../heap/heap.js';
import { makeSlot, SlotKind } from '../../events/kinds.js';
import { PyStr, strType } from './str.js';
import { PyInt, intType, boolType } from './int.js';
import { PyFloat, floatType } from './float.js';
import type { SharedKeys } from './instance-values.js';
import { mayBeTracked } from '../collector/tracking.js';

export type PrimitiveKey = string | number | bigint;

export class PyDict extends PyObject {
  keys: (PyObject | null)[] = [];
  values: (PyObject | null)[] = [];
  /** Exact str/int/float keys → entry index. */
  index = new Map<PrimitiveKey, number>();
  /** Other keys: hash → entry indices. */
  slow: Map<PyHash, number[]> | null = null;
  /** Live entries (ma_used). */
  used = 0;
  /** log2 of the table size; 0 while the dict uses the static empty table. */
  log2Size = 0;
  /** Every key ever inserted is an exact str (16-byte entries). */
  unicodeKeys = true;
  /** Bumped on every change, so iterators can detect mutation. */
  version = 0;
  /** Set while this is a split-table instance dict sharing its class's keys. */
  sharedKeys: SharedKeys | null = null;
  /**
   * The keys table (PyDictKeysObject) as a memory block: its address (0 while the dict
   * uses the static empty table or its class's shared keys) and whether it is a minimal
   * all-str table, the kind that goes to the keys free list when released.
   */
  keysAddr = 0;
  keysMinimal = false;
  /** A split dict's values array (taken over from the instance), else 0. */
  valuesAddr = 0;
  constructor(type: PyType) {
    super(type);
  }
  get tableSize(): number {
    return this.log2Size ? 1 << this.log2Size : 0;
  }
  get usable(): number {
    return this.log2Size ? Math.floor((2 << this.log2Size) / 3) : 0;
  }
}

export let dictType: PyType;
export let dictFreeList: FreeList;
/** Minimal keys tables (8 slots, str keys) kept for reuse: PyDict_MAXFREELIST = 80 (section 3.5). */
export let dictKeysFreeList: FreeList;
/** Bytes of a minimal str-keys table: 32 header + 8 index bytes + 5 entries of 16. */
export const MINIMAL_KEYS_BYTES = 32 + 8 + 5 * 16;

export function initDictType(): void {
  dictType = makeBuiltinType('dict', { gc: true, basicSize: 48 });
  dictFreeList = new FreeList('dict', 80, 64, true);
  dictKeysFreeList = new FreeList('dict keys', 80, MINIMAL_KEYS_BYTES, false);
  dictType.sizeof = (o) => dictSizeof(o as PyDict);
  dictType.objectSize = () => 48;
  dictType.freeListFor = (o) => (o.type === dictType ? dictFreeList : null);
  // dict_traverse: a table of str keys visits only the values; others the value, then the key.
  dictType.traverse = (o, visit: Visit) => {
    const d = o as PyDict;
    const strKeys = d.unicodeKeys;
    for (let i = 0; i < d.keys.length; i++) {
      const k = d.keys[i];
      if (k) {
        visit(d.values[i]!, valueSlot(k));
        if (!strKeys) visit(k, keyObjectSlot(k));
      }
    }
  };
  dictType.clear = (o) => dictClear(o as PyDict);
  dictType.dealloc = (o) => {
    const d = o as PyDict;
    const { keys, values } = d;
    resetTable(d);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k) {
        decref(k);
        decref(values[i]!);
      }
    }
  };
  bindDictGetStr((d, key) => dictGetStr(d as PyDict, key));
}

/**
 * Make `d` a split dict sharing `keys` (null: an ordinary dict). The class's keys know
 * their split dicts, because creating an instance changes the size each of them reports.
 */
export function setSharedKeys(d: PyDict, keys: SharedKeys | null): void {
  if (d.sharedKeys === keys) return;
  d.sharedKeys?.dicts.delete(d);
  d.sharedKeys = keys;
  keys?.dicts.add(d);
}

function resetTable(d: PyDict): void {
  releaseKeys(d);
  setSharedKeys(d, null);
  d.keys = [];
  d.values = [];
  d.index = new Map();
  d.slow = null;
  d.used = 0;
  d.log2Size = 0;
  d.unicodeKeys = true;
  d.version++;
}

export function dictSizeof(d: PyDict): number {
  // A split instance dict: the values array sized by the class's shared keys (section 1.6).
  if (d.sharedKeys) return 48 + 8 * (d.sharedKeys.names.length + d.sharedKeys.usable);
  if (!d.log2Size) return 48;
  return 48 + keysTableBytes(d);
}

/** A new empty dict; `fresh` skips the free list (tp_alloc, as `dict()` allocates). */
export function newDict(type: PyType = dictType, fresh = false): PyDict {
  const d = new PyDict(type);
  rt.heap.allocate(d, type !== dictType, fresh);
  return d;
}

// ---------------------------------------------------------------- keys and slots

/** The JavaScript Map key for exact str/int/float keys; null when hash+eq is needed. */
export function primitiveKey(k: PyObject): PrimitiveKey | null {
  const t = k.type;
  if (t === strType) return (k as PyStr).v;
  if (t === intType || t === boolType) return (k as PyInt).v;
  if (t === floatType) {
    const v = (k as PyFloat).v;
    if (Number.isNaN(v)) return null;
    if (Number.isInteger(v) && !Number.isSafeInteger(v)) return BigInt(v);
    return v;
  }
  return null;
}

/** Event-log slot of the value stored under `k`. */
export function valueSlot(k: PyObject): number {
  if (k.type === strType) return makeSlot(SlotKind.Key, strLogId(k as PyStr));
  return makeSlot(SlotKind.OtherKey, rt.ev.strings.intern(keyLabel(k)));
}

/** The string-table id of a str's value, cached on the object. */
export function strLogId(s: PyStr): number {
  let id = s.logId;
  if (id < 0) id = s.logId = rt.ev.strings.intern(s.v);
  return id;
}

/**
 * d[key] = value for a str key the caller keeps (name stores): no key reference changes
 * hands when the key is already present (value stolen).
 */
export function dictStoreName(d: PyDict, key: PyStr, value: PyObject): void {
  const i = d.sharedKeys === null ? d.index.get(key.v) : undefined;
  if (i === undefined || d.gcGen === UNTRACKED) {
    incref(key);
    dictSetSteal(d, key, value);
    return;
  }
  const old = d.values[i]!;
  d.values[i] = value;
  const slot = makeSlot(SlotKind.Key, strLogId(d.keys[i] as PyStr));
  const ev = rt.ev;
  ev.refRemoved(d.serial, old.serial, slot);
  ev.refAdded(d.serial, value.serial, slot);
  d.version++;
  decref(old);
}

/** Event-log slot of the key object itself. */
export function keyObjectSlot(k: PyObject): number {
  if (k.type === strType) return makeSlot(SlotKind.KeyObject, strLogId(k as PyStr));
  return makeSlot(SlotKind.KeyObject, rt.ev.strings.intern(keyLabel(k)));
}

/** A short label for a key, computed without running Python code. */
export function keyLabel(k: PyObject): string {
  const t = k.type;
  if (t === strType) return JSON.stringify((k as PyStr).v);
  if (t === intType) return String((k as PyInt).v);
  if (t === boolType) return (k as PyInt).v ? 'True' : 'False';
  if (t === floatType) return String((k as PyFloat).v);
  return `<${t.name}>`;
}

// Hashing and equality of non-primitive keys come from the abstract protocol layer.
let hashOf: (o: PyObject) => PyHash;
let keysEqual: (a: PyObject, b: PyObject) => boolean;
export function bindDictProtocols(hash: typeof hashOf, eq: typeof keysEqual): void {
  hashOf = hash;
  keysEqual = eq;
}

/** Entry index of `key`, or -1. May run Python code (__hash__, __eq__). */
export function findEntry(d: PyDict, key: PyObject): number {
  const p = primitiveKey(key);
  if (p !== null) {
    const i = d.index.get(p);
    if (i !== undefined) return i;
    if (d.slow === null) return -1;
  }
  return findSlow(d, key, hashOf(key));
}

/** The entry of a key without a primitive form, by its hash. */
function findSlow(d: PyDict, key: PyObject, h: PyHash): number {
  if (d.slow === null) return -1;
  const candidates = d.slow.get(h);
  if (candidates === undefined) return -1;
  for (const i of candidates) {
    const k = d.keys[i];
    if (k && (k === key || keysEqual(k, key))) return i;
  }
  return -1;
}

// ---------------------------------------------------------------- lookup

/** d[key] borrowed, by a JS string (attribute and global lookups). */
export function dictGetStr(d: PyDict, key: string): PyObject | null {
  const i = d.index.get(key);
  return i === undefined ? null : d.values[i]!;
}

/** d.get(key) borrowed, or null. */
export function dictGet(d: PyDict, key: PyObject): PyObject | null {
  const i = findEntry(d, key);
  return i < 0 ? null : d.values[i]!;
}

// ---------------------------------------------------------------- insertion

/** d[key] = value, stealing both references (also when hashing the key fails). */
export function dictSetSteal(d: PyDict, key: PyObject, value: PyObject): void {
  const p = primitiveKey(key);
  // One hash, before the dict changes (insertdict): __hash__ may run Python code, which
  // must not see a half-inserted entry.
  let h: PyHash = 0;
  let i = -1;
  try {
    if (p === null) h = hashOf(key);
    if (p !== null) {
      const found = d.index.get(p);
      if (found !== undefined) i = found;
      else if (d.slow !== null) i = findEntry(d, key);
    } else {
      i = findSlow(d, key, h);
    }
  } catch (err) {
    // A key that fails to hash (or compare) is not stored: both references go.
    decref(key);
    decref(value);
    throw err;
  }
  if (d.gcGen === UNTRACKED && (mayBeTracked(key) || mayBeTracked(value))) rt.heap.track(d);
  if (i >= 0) {
    // Existing key: keep the old key object, replace the value.
    const old = d.values[i]!;
    d.values[i] = value;
    const k = d.keys[i]!;
    const slot = valueSlot(k);
    rt.ev.refRemoved(d.serial, old.serial, slot);
    rt.ev.refAdded(d.serial, value.serial, slot);
    d.version++;
    decref(key);
    decref(old);
    return;
  }
  const isStr = key.type === strType;
  if (d.sharedKeys !== null && !splitDictAccepts(d.sharedKeys, key, isStr)) {
    // The key does not fit the class's shared keys: become an ordinary combined dict.
    setSharedKeys(d, null);
    if (!isStr) d.unicodeKeys = false;
    insertionResize(d);
  } else if (d.sharedKeys !== null) {
    // stays split: no table of its own to grow
  } else if (d.keys.length >= d.usable || (!isStr && d.unicodeKeys && d.log2Size)) {
    if (!isStr) d.unicodeKeys = false;
    insertionResize(d);
  } else if (!isStr) {
    d.unicodeKeys = false;
  }
  const at = d.keys.length;
  d.keys.push(key);
  d.values.push(value);
  if (p !== null) d.index.set(p, at);
  else addSlow(d, h, at);
  d.used++;
  d.version++;
  rt.ev.refAdded(d.serial, key.serial, keyObjectSlot(key));
  rt.ev.refAdded(d.serial, value.serial, valueSlot(key));
  if (d.type.sizeofFollowsItems) rt.heap.resized(d);
}

/** d[key] = value with borrowed references. */
export function dictSet(d: PyDict, key: PyObject, value: PyObject): void {
  incref(key);
  incref(value);
  dictSetSteal(d, key, value);
}

/** Can a split dict store `key`? Known names yes; new names while the budget lasts. */
function splitDictAccepts(keys: SharedKeys, key: PyObject, isStr: boolean): boolean {
  if (!isStr) return false;
  const name = (key as PyStr).v;
  if (keys.index.has(name)) return true;
  if (keys.usable <= 0 || keys.names.length >= 30) return false;
  keys.add(name);
  return true;
}

function addSlow(d: PyDict, h: PyHash, at: number): void {
  if (d.slow === null) d.slow = new Map();
  const list = d.slow.get(h);
  if (list) list.push(at);
  else d.slow.set(h, [at]);
}

/** The table grows (or shrinks after deletions) to fit used*3 (dictresize, GROWTH_RATE). */
function insertionResize(d: PyDict): void {
  const minSize = (d.used * 3) | 8;
  let log2 = 3;
  while (1 << log2 < minSize) log2++;
  d.log2Size = log2;
  replaceKeys(d);
  compact(d);
  rt.heap.resized(d);
}

/** Bytes of a keys table (new_keys_object): 32 + index bytes·S + usable entries·entry size. */
export function keysTableBytes(d: PyDict): number {
  const S = 1 << d.log2Size;
  const indexBytes = S <= 0x80 ? 1 : S <= 0x8000 ? 2 : S <= 0x80000000 ? 4 : 8;
  return 32 + indexBytes * S + d.usable * (d.unicodeKeys ? 16 : 24);
}

/**
 * dictresize's memory: a new keys table for the current size and kind (a minimal str
 * table from the keys free list when one is there), then the old table and a split
 * dict's values array are released.
 */
function replaceKeys(d: PyDict): void {
  const oldKeys = d.keysAddr;
  const oldMinimal = d.keysMinimal;
  const minimal = d.log2Size === 3 && d.unicodeKeys;
  const freeList = dictKeysFreeList;
  d.keysAddr = minimal && freeList.addresses.length ? freeList.addresses.pop()! : rt.heap.allocator.malloc(keysTableBytes(d));
  d.keysMinimal = minimal;
  if (oldKeys !== 0) freeKeysTable(oldKeys, oldMinimal);
  if (d.valuesAddr !== 0) {
    rt.heap.allocator.free(d.valuesAddr);
    d.valuesAddr = 0;
  }
}

/** The dict lets go of its keys table and values array (clear, dealloc). */
function releaseKeys(d: PyDict): void {
  if (d.keysAddr !== 0) {
    freeKeysTable(d.keysAddr, d.keysMinimal);
    d.keysAddr = 0;
  }
  if (d.valuesAddr !== 0) {
    rt.heap.allocator.free(d.valuesAddr);
    d.valuesAddr = 0;
  }
}

/** free_keys_object: minimal str tables go to the free list while it has room. */
function freeKeysTable(addr: number, minimal: boolean): void {
  const freeList = dictKeysFreeList;
  if (minimal && freeList.addresses.length < freeList.capacity) freeList.addresses.push(addr);
  else rt.heap.allocator.free(addr);
}

/** Drop the holes left by deleted entries (a resize rebuilds the entry array). */
function compact(d: PyDict): void {
  if (d.used === d.keys.length) return;
  const keys: PyObject[] = [];
  const values: PyObject[] = [];
  for (let i = 0; i < d.keys.length; i++) {
    const k = d.keys[i];
    if (k) {
      keys.push(k);
      values.push(d.values[i]!);
    }
  }
  d.keys = keys;
  d.values = values;
  d.index = new Map();
  d.slow = null;
  for (let i = 0; i < keys.length; i++) {
    const p = primitiveKey(keys[i]!);
    if (p !== null) d.index.set(p, i);
    else addSlow(d, hashOf(keys[i]!), i);
  }
}

// ---------------------------------------------------------------- deletion

/** Remove entry i and return [key, value] as owned references. */
export function dictRemoveEntry(d: PyDict, i: number): [PyObject, PyObject] {
  const key = d.keys[i]!;
  const value = d.values[i]!;
  d.keys[i] = null;
  d.values[i] = null;
  const p = primitiveKey(key);
  if (p !== null && d.index.get(p) === i) d.index.delete(p);
  else if (d.slow) {
    for (const [h, list] of d.slow) {
      const at = list.indexOf(i);
      if (at >= 0) {
        list.splice(at, 1);
        if (!list.length) d.slow.delete(h);
        break;
      }
    }
  }
  d.used--;
  d.version++;
  rt.ev.refRemoved(d.serial, key.serial, keyObjectSlot(key));
  rt.ev.refRemoved(d.serial, value.serial, valueSlot(key));
  if (d.type.sizeofFollowsItems) rt.heap.resized(d);
  return [key, value];
}

/** del d[key]; returns false when the key is absent. */
export function dictDel(d: PyDict, key: PyObject): boolean {
  const i = findEntry(d, key);
  if (i < 0) return false;
  const [k, v] = dictRemoveEntry(d, i);
  decref(k);
  decref(v);
  return true;
}

export function dictDelStr(d: PyDict, key: string): boolean {
  const i = d.index.get(key);
  if (i === undefined) return false;
  const [k, v] = dictRemoveEntry(d, i);
  decref(k);
  decref(v);
  return true;
}

/** dict.clear() and the collector's tp_clear: back to the static empty table. */
export function dictClear(d: PyDict): void {
  if (!d.keys.length && !d.log2Size) return;
  const { keys, values } = d;
  const ev = rt.ev;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k) {
      ev.refRemoved(d.serial, k.serial, keyObjectSlot(k));
      ev.refRemoved(d.serial, values[i]!.serial, valueSlot(k));
    }
  }
  resetTable(d);
  rt.heap.resized(d);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k) {
      decref(k);
      decref(values[i]!);
    }
  }
}

// ---------------------------------------------------------------- iteration helpers

/** Live entry indices in order. */
export function* entryIndices(d: PyDict): Generator<number> {
  for (let i = 0; i < d.keys.length; i++) if (d.keys[i]) yield i;
}

/** Copy of live [key, value] pairs (borrowed), for code that calls back into Python. */
export function dictItems(d: PyDict): [PyObject, PyObject][] {
  const out: [PyObject, PyObject][] = [];
  for (let i = 0; i < d.keys.length; i++) {
    const k = d.keys[i];
    if (k) out.push([k, d.values[i]!]);
  }
  return out;
}
