/**
 * list and tuple behaviour: subscription (ints and slices), concatenation and
 * repetition, comparison, hashing (tuple), repr, iteration, constructors and methods.
 */
import { PyObject, type PyType, EQ, type RichOp } from './object.js';
import { decref, incref, increfMany, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from './exceptions.js';
import { newNone, None, newNotImplemented } from './singletons.js';
import { PyList, listType, newList, listResize, listAppend, listAppendSteal, listInsertSteal, listPop, listReplaceSlice, listClear, listSetItem, evenCapacity, allocateItems } from './list.js';
import { PyTuple, tupleType, newTuple, newEmptyTuple, indexSlot } from './tuple.js';
import { PySlice } from './range.js';
import { PyInt, newInt, newBool, intType } from './int.js';
import { newStr } from './str.js';
import { rt } from '../runtime.js';
import { indexOf, normalizeIndex, sliceIndices, sliceItems, compareSequences, sequenceRepr } from './sequence.js';
import { bindArgs, defineMethods, exactlyOne, noArgs, positional } from '../builtins/args.js';
import { call, getIter, iterNext, richCompareBool, isTrue, typeName, hashOf, indexValue, length as lengthOf, getAttrOrNull, LT } from '../protocols/abstract.js';
import { newSeqIter, listIterType, listRevIterType, tupleIterType } from './iterators.js';
import { lookup } from './typeobject.js';
import { reserveItems } from '../limits.js';

const MAX_SIZE = Number.MAX_SAFE_INTEGER;

// ---------------------------------------------------------------- list

function listGetItem(o: PyObject, key: PyObject): PyObject {
  const l = o as PyList;
  if (key instanceof PySlice) {
    const s = sliceIndices(key, l.items.length);
    const items = sliceItems(l.items, s);
    for (const x of items) incref(x);
    return newList(items);
  }
  const i = normalizeIndex(indexOf(key, 'list'), l.items.length);
  if (i < 0) throw pyError(E.IndexError!, 'list index out of range');
  return newref(l.items[i]!);
}

function listSetItemSlot(o: PyObject, key: PyObject, value: PyObject | null): void {
  const l = o as PyList;
  if (key instanceof PySlice) {
    const s = sliceIndices(key, l.items.length);
    if (value === null) {
      if (s.step === 1) {
        listReplaceSlice(l, s.start, s.start + s.length, []);
        return;
      }
      const idx = new Set<number>();
      for (let i = 0, j = s.start; i < s.length; i++, j += s.step) idx.add(j);
      const keep = l.items.filter((_, i) => !idx.has(i));
      const removed = l.items.filter((_, i) => idx.has(i));
      for (const x of keep) incref(x);
      listReplaceSlice(l, 0, l.items.length, keep);
      void removed;
      return;
    }
    const values = value === o ? l.items.map((x) => newref(x)) : iterateToArrayForSlice(value);
    if (s.step === 1) {
      listReplaceSlice(l, s.start, Math.max(s.start, s.start + s.length), values);
      return;
    }
    if (values.length !== s.length) {
      for (const v of values) decref(v);
      throw pyError(E.ValueError!, `attempt to assign sequence of size ${values.length} to extended slice of size ${s.length}`);
    }
    for (let i = 0, j = s.start; i < s.length; i++, j += s.step) listSetItem(l, j, values[i]!);
    return;
  }
  const i = normalizeIndex(indexOf(key, 'list'), l.items.length);
  if (i < 0) throw pyError(E.IndexError!, value === null ? 'list assignment index out of range' : 'list assignment index out of range');
  if (value === null) {
    decref(listPop(l, i));
    return;
  }
  incref(value);
  listSetItem(l, i, value);
}

function iterateToArrayForSlice(value: PyObject): PyObject[] {
  if (value instanceof PyList || value instanceof PyTuple) return value.items.map((x) => newref(x));
  const it = getIter(value);
  const out: PyObject[] = [];
  try {
    for (let x = iterNext(it); x !== null; x = iterNext(it)) out.push(x);
  } catch (e) {
    if (e instanceof PyRaise && e.exc.type === E.TypeError) {
      for (const x of out) decref(x);
    }
    throw e;
  } finally {
    decref(it);
  }
  return out;
}

/** list.extend / list_extend with CPython's preallocation rules. */
export function listExtend(l: PyList, iterable: PyObject): void {
  if (iterable instanceof PyList || iterable instanceof PyTuple) {
    const src = iterable.items.slice();
    if (!src.length) return;
    const m = l.items.length;
    if (l.itemsAddr === 0) preallocateExact(l, src.length);
    else listResize(l, m + src.length);
    for (const x of src) {
      incref(x);
      l.items.push(x);
      rt.ev.refAdded(l.serial, x.serial, indexSlot(l.items.length - 1));
    }
    return;
  }
  const it = getIter(iterable);
  try {
    const hint = lengthHint(iterable, 8);
    const m = l.items.length;
    if (hint > 0) {
      if (l.itemsAddr === 0) preallocateExact(l, hint);
      else listResize(l, m + hint);
    }
    for (let x = iterNext(it); x !== null; x = iterNext(it)) {
      if (l.items.length < l.allocated) {
        l.items.push(x);
        rt.ev.refAdded(l.serial, x.serial, indexSlot(l.items.length - 1));
      } else listAppendSteal(l, x);
    }
    if (l.items.length < l.allocated) listResize(l, l.items.length);
  } finally {
    decref(it);
  }
}

/** list_preallocate_exact: an item array for exactly n (rounded up to even) items. */
function preallocateExact(l: PyList, n: number): void {
  reserveItems(n);
  allocateItems(l, evenCapacity(n));
  rt.heap.resized(l);
}

/** operator.length_hint: __len__, then __length_hint__, else the default. */
export function lengthHint(o: PyObject, dflt: number): number {
  if (o.type.length !== null) {
    try {
      return o.type.length(o);
    } catch (e) {
      if (e instanceof PyRaise && e.exc.type.isSubtypeOf(E.TypeError!)) {
        decref(e.exc);
      } else throw e;
    }
  }
  const h = lookup(o.type, '__length_hint__');
  if (h === null) return dflt;
  const m = getAttrOrNull(o, '__length_hint__');
  if (m === null) return dflt;
  try {
    const r = call(m, []);
    try {
      if (r === None) return dflt;
      const v = indexValue(r);
      return Number(v);
    } finally {
      decref(r);
    }
  } finally {
    decref(m);
  }
}

/** list(iterable): list___init__ presizes by __len__ to an even capacity (list_preallocate_exact). */
export function listFromIterable(iterable: PyObject, type: PyType = listType): PyList {
  const l = newList([], 0, type);
  try {
    fillList(l, iterable);
  } catch (e) {
    decref(l);
    throw e;
  }
  return l;
}

function fillList(l: PyList, iterable: PyObject): void {
  if (iterable.type.length !== null && l.itemsAddr === 0) {
    const n = lengthHint(iterable, 0);
    if (n > 0) preallocateExact(l, n);
  }
  listExtend(l, iterable);
}

function listSort(l: PyList, key: PyObject | null, reverse: boolean): void {
  const items = l.items;
  const ev = rt.ev;
  // The list is empty while sorting (as CPython does), and restored after; the log
  // follows, since comparisons run Python code that may look.
  for (let i = 0; i < items.length; i++) ev.refRemoved(l.serial, items[i]!.serial, indexSlot(i));
  l.items = [];
  let keys: PyObject[] | null = null;
  try {
    if (key !== null && key !== None) {
      keys = [];
      for (const x of items) keys.push(call(key, [newref(x)]));
    }
    const idx = items.map((_, i) => i);
    const keyOf = (i: number) => (keys ? keys[i]! : items[i]!);
    const lt = (a: number, b: number) => richCompareBool(keyOf(a), keyOf(b), LT);
    // Stable merge sort with Python's `<` (reverse keeps stability, as list.sort does).
    const sorted = mergeSort(idx, reverse ? (a, b) => lt(b, a) : lt);
    const result = sorted.map((i) => items[i]!);
    for (let i = 0; i < result.length; i++) items[i] = result[i]!;
  } finally {
    if (keys) for (const k of keys) decref(k);
    const extra = l.items;
    for (let i = 0; i < extra.length; i++) ev.refRemoved(l.serial, extra[i]!.serial, indexSlot(i));
    l.items = items;
    for (let i = 0; i < items.length; i++) ev.refAdded(l.serial, items[i]!.serial, indexSlot(i));
    if (extra.length) {
      for (const x of extra) decref(x);
      throw pyError(E.ValueError!, 'list modified during sort');
    }
  }
}

function mergeSort(a: number[], lt: (x: number, y: number) => boolean): number[] {
  if (a.length <= 1) return a;
  const mid = a.length >> 1;
  const left = mergeSort(a.slice(0, mid), lt);
  const right = mergeSort(a.slice(mid), lt);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if (lt(right[j]!, left[i]!)) out.push(right[j++]!);
    else out.push(left[i++]!);
  }
  while (i < left.length) out.push(left[i++]!);
  while (j < right.length) out.push(right[j++]!);
  return out;
}

function seqIndex(items: readonly PyObject[], args: readonly PyObject[], kw: readonly string[] | null, what: string): PyObject {
  const [value, startObj, stopObj] = positional('index', args, kw, 1, 3);
  const n = items.length;
  let start = startObj ? indexOf(startObj, what) : 0;
  let stop = stopObj ? indexOf(stopObj, what) : n;
  if (start < 0) start = Math.max(0, start + n);
  if (stop < 0) stop = Math.max(0, stop + n);
  for (let i = start; i < Math.min(stop, items.length); i++) {
    if (richCompareBool(items[i]!, value!, EQ)) return newInt(i);
  }
  throw pyError(E.ValueError!, what === 'list' ? `${reprShort(value!)} is not in list` : 'tuple.index(x): x not in tuple');
}

function reprShort(o: PyObject): string {
  return reprOf(o);
}
import { repr as reprOf } from '../protocols/abstract.js';
import { toPyHash, type PyHash } from './object.js';

export function initListSlots(): void {
  const t = listType;
  t.length = (o) => (o as PyList).items.length;
  t.getitem = listGetItem;
  t.setitem = listSetItemSlot;
  t.contains = (o, v) => {
    const items = (o as PyList).items;
    for (let i = 0; i < items.length; i++) if (richCompareBool(items[i]!, v, EQ)) return true;
    return false;
  };
  t.iter = (o) => newSeqIter(listIterType, o);
  t.repr = (o) => newStr(sequenceRepr(o, (o as PyList).items, '[', ']', '[]', '[...]'));
  t.richcompare = (a, b, op) => {
    if (!(b instanceof PyList) || !(a instanceof PyList)) return newNotImplemented();
    return compareSequences(a.items.slice(), b.items.slice(), op);
  };
  t.concat = (a, b) => {
    if (!(b instanceof PyList)) throw pyError(E.TypeError!, `can only concatenate list (not "${typeName(b)}") to list`);
    const items = [...(a as PyList).items, ...b.items];
    for (const x of items) incref(x);
    return newList(items);
  };
  t.repeat = (a, count) => {
    const l = a as PyList;
    if (count <= 0 || !l.items.length) return newList([]);
    reserveItems(l.items.length * count);
    return listRepeat(l.items, count);
  };
  t.inplaceConcat = (a, b) => {
    listExtend(a as PyList, b);
    return newref(a);
  };
  t.inplaceRepeat = (a, count) => {
    const l = a as PyList;
    if (count <= 0) listClear(l);
    else if (count > 1) {
      reserveItems(l.items.length * count);
      const base = l.items.slice();
      listResize(l, base.length * count);
      for (let k = 1; k < count; k++) {
        for (const x of base) {
          incref(x);
          l.items.push(x);
          rt.ev.refAdded(l.serial, x.serial, indexSlot(l.items.length - 1));
        }
      }
    }
    return newref(a);
  };
  // list_vectorcall / list_new allocate with PyType_GenericAlloc: never from the free list.
  t.newInstance = (type) => newList([], 0, type, true);
  t.init = (o, args, kw) => {
    const [iterable] = bindArgs('list', args, kw, ['iterable'], 0, 1);
    const l = o as PyList;
    if (l.items.length) listClear(l);
    if (iterable !== undefined) fillList(l, iterable);
  };

  defineMethods(t, {
    append: (self, args, kw) => {
      listAppend(self as PyList, exactlyOne('list.append', args, kw));
      return newNone();
    },
    extend: (self, args, kw) => {
      listExtend(self as PyList, exactlyOne('list.extend', args, kw));
      return newNone();
    },
    insert: (self, args, kw) => {
      const [idx, value] = positional('insert', args, kw, 2, 2);
      const l = self as PyList;
      let i = indexOf(idx!, 'list');
      const n = l.items.length;
      if (i < 0) i = Math.max(0, i + n);
      if (i > n) i = n;
      incref(value!);
      listInsertSteal(l, i, value!);
      return newNone();
    },
    pop: (self, args, kw) => {
      const [idx] = positional('pop', args, kw, 0, 1);
      const l = self as PyList;
      if (!l.items.length) throw pyError(E.IndexError!, 'pop from empty list');
      const i = normalizeIndex(idx ? indexOf(idx, 'list') : -1, l.items.length);
      if (i < 0) throw pyError(E.IndexError!, 'pop index out of range');
      return listPop(l, i);
    },
    remove: (self, args, kw) => {
      const v = exactlyOne('list.remove', args, kw);
      const l = self as PyList;
      for (let i = 0; i < l.items.length; i++) {
        if (richCompareBool(l.items[i]!, v, EQ)) {
          decref(listPop(l, i));
          return newNone();
        }
      }
      throw pyError(E.ValueError!, 'list.remove(x): x not in list');
    },
    index: (self, args, kw) => seqIndex((self as PyList).items, args, kw, 'list'),
    count: (self, args, kw) => {
      const v = exactlyOne('list.count', args, kw);
      return newInt((self as PyList).items.filter((x) => richCompareBool(x, v, EQ)).length);
    },
    clear: (self, args, kw) => {
      noArgs('list.clear', args, kw);
      listClear(self as PyList);
      return newNone();
    },
    copy: (self, args, kw) => {
      noArgs('list.copy', args, kw);
      const items = (self as PyList).items.slice();
      for (const x of items) incref(x);
      return newList(items);
    },
    reverse: (self, args, kw) => {
      noArgs('list.reverse', args, kw);
      const l = self as PyList;
      const items = l.items;
      for (let i = 0; i < items.length; i++) rt.ev.refRemoved(l.serial, items[i]!.serial, indexSlot(i));
      items.reverse();
      for (let i = 0; i < items.length; i++) rt.ev.refAdded(l.serial, items[i]!.serial, indexSlot(i));
      return newNone();
    },
    sort: (self, args, kw) => {
      const [key, reverse] = bindArgs('sort', args, kw, ['key', 'reverse'], 0, 0);
      listSort(self as PyList, key ?? null, reverse !== undefined && isTrue(reverse));
      return newNone();
    },
    __reversed__: (self) => {
      const it = newSeqIter(listRevIterType, self!);
      it.index = (self as PyList).items.length - 1;
      return it;
    },
    __sizeof__: (self) => newInt(listType.sizeof!(self!)),
    __len__: (self) => newInt((self as PyList).items.length),
    __getitem__: (self, args) => listGetItem(self!, args[0]!),
    __setitem__: (self, args) => {
      listSetItemSlot(self!, args[0]!, args[1]!);
      return newNone();
    },
    __delitem__: (self, args) => {
      listSetItemSlot(self!, args[0]!, null);
      return newNone();
    },
    __contains__: (self, args) => newBool(listType.contains!(self!, args[0]!)),
    __iter__: (self) => listType.iter!(self!),
    __init__: (self, args, kw) => {
      listType.init!(self!, args, kw);
      return newNone();
    },
  });
}

/** [items] * count, without one JavaScript object per element beyond the array slots. */
export function listRepeat(items: readonly PyObject[], count: number): PyList {
  const n = items.length * count;
  if (items.length === 1) {
    const x = items[0]!;
    increfMany(x, count);
    const arr = new Array<PyObject>(count).fill(x);
    const l = new PyList(listType, arr);
    l.allocated = n; // counted by the Allocated event's size
    rt.heap.allocate(l, true);
    allocateItems(l, n);
    const ev = rt.ev;
    for (let i = 0; i < count; i++) ev.refAdded(l.serial, x.serial, indexSlot(i));
    return l;
  }
  const out: PyObject[] = new Array(n);
  for (let k = 0, p = 0; k < count; k++) for (const x of items) out[p++] = x;
  for (const x of items) increfMany(x, count);
  const l = new PyList(listType, out);
  l.allocated = n; // counted by the Allocated event's size
  rt.heap.allocate(l, true);
  allocateItems(l, n);
  for (let i = 0; i < n; i++) rt.ev.refAdded(l.serial, out[i]!.serial, indexSlot(i));
  return l;
}

// ---------------------------------------------------------------- tuple

const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;
const MASK64 = (1n << 64n) - 1n;

/** tuplehash: the xxHash-based combination of item hashes (3.8+). */
export function tupleHash(items: readonly PyObject[]): PyHash {
  return tupleHashOfHashes(items.map((x) => hashOf(x)));
}

/** tuplehash's xxHash-based combination of the items' hashes. */
export function tupleHashOfHashes(hashes: readonly PyHash[]): PyHash {
  let acc = XXPRIME_5;
  for (const h of hashes) {
    const lane = BigInt.asUintN(64, BigInt(h));
    acc = (acc + lane * XXPRIME_2) & MASK64;
    acc = ((acc << 31n) | (acc >> 33n)) & MASK64;
    acc = (acc * XXPRIME_1) & MASK64;
  }
  acc = (acc + (BigInt(hashes.length) ^ (XXPRIME_5 ^ 3527539n))) & MASK64;
  if (acc === MASK64) return 1546275796;
  return toPyHash(BigInt.asIntN(64, acc));
}

function tupleGetItem(o: PyObject, key: PyObject): PyObject {
  const t = o as PyTuple;
  if (key instanceof PySlice) {
    const s = sliceIndices(key, t.items.length);
    if (s.step === 1 && s.start === 0 && s.length === t.items.length && t.type === tupleType) return newref(t);
    const items = sliceItems(t.items, s);
    for (const x of items) incref(x);
    return newTuple(items);
  }
  const i = normalizeIndex(indexOf(key, 'tuple'), t.items.length);
  if (i < 0) throw pyError(E.IndexError!, 'tuple index out of range');
  return newref(t.items[i]!);
}

export function tupleFromIterable(iterable: PyObject, type: PyType = tupleType): PyObject {
  if (iterable.type === tupleType && type === tupleType) return newref(iterable);
  let items: PyObject[];
  if (iterable instanceof PyList || iterable instanceof PyTuple) items = iterable.items.map((x) => newref(x));
  else {
    items = [];
    const it = getIter(iterable);
    try {
      for (let x = iterNext(it); x !== null; x = iterNext(it)) items.push(x);
    } catch (e) {
      for (const x of items) decref(x);
      throw e;
    } finally {
      decref(it);
    }
  }
  if (type === tupleType) return newTuple(items);
  const t = new PyTuple(type, items);
  rt.heap.allocate(t, true);
  items.forEach((x, i) => rt.ev.refAdded(t.serial, x.serial, indexSlot(i)));
  return t;
}

export function initTupleSlots(): void {
  const t = tupleType;
  t.length = (o) => (o as PyTuple).items.length;
  t.getitem = tupleGetItem;
  t.contains = (o, v) => (o as PyTuple).items.some((x) => richCompareBool(x, v, EQ));
  t.iter = (o) => newSeqIter(tupleIterType, o);
  t.repr = (o) => {
    const items = (o as PyTuple).items;
    if (items.length === 1) return newStr(sequenceRepr(o, items, '(', ',)', '()', '(...)'));
    return newStr(sequenceRepr(o, items, '(', ')', '()', '(...)'));
  };
  t.hash = (o) => tupleHash((o as PyTuple).items);
  t.richcompare = (a, b, op: RichOp) => {
    if (!(b instanceof PyTuple) || !(a instanceof PyTuple)) return newNotImplemented();
    return compareSequences(a.items, b.items, op);
  };
  t.concat = (a, b) => {
    if (!(b instanceof PyTuple)) throw pyError(E.TypeError!, `can only concatenate tuple (not "${typeName(b)}") to tuple`);
    const ta = a as PyTuple;
    if (!b.items.length && ta.type === tupleType) return newref(ta);
    if (!ta.items.length && b.type === tupleType) return newref(b);
    return newTuple([...ta.items, ...b.items].map((x) => newref(x)));
  };
  t.repeat = (a, count) => {
    const tp = a as PyTuple;
    if (count === 1 && tp.type === tupleType) return newref(tp);
    if (count <= 0 || !tp.items.length) return newEmptyTuple();
    reserveItems(tp.items.length * count);
    const items: PyObject[] = [];
    for (let k = 0; k < count; k++) for (const x of tp.items) items.push(newref(x));
    return newTuple(items);
  };
  t.newInstance = (type, args, kw) => {
    const [iterable] = positional('tuple', args, kw, 0, 1);
    if (iterable === undefined) return type === tupleType ? newEmptyTuple() : tupleFromIterable(newEmptyTuple(), type);
    return tupleFromIterable(iterable, type);
  };
  defineMethods(t, {
    index: (self, args, kw) => seqIndex((self as PyTuple).items, args, kw, 'tuple'),
    count: (self, args, kw) => {
      const v = exactlyOne('tuple.count', args, kw);
      return newInt((self as PyTuple).items.filter((x) => richCompareBool(x, v, EQ)).length);
    },
    __getnewargs__: (self) => newTuple([tupleFromIterable(self!)]),
    __len__: (self) => newInt((self as PyTuple).items.length),
    __getitem__: (self, args) => tupleGetItem(self!, args[0]!),
    __contains__: (self, args) => newBool(tupleType.contains!(self!, args[0]!)),
    __iter__: (self) => tupleType.iter!(self!),
    __sizeof__: (self) => newInt(24 + 8 * (self as PyTuple).items.length),
  });
}

export { lengthOf, PyInt, intType, MAX_SIZE };
