/**
 * Iterator objects of the builtin containers and the builtin iterator types (enumerate,
 * zip, map, filter, reversed), with CPython's type names, sizes and GC behaviour. A
 * sequence iterator drops its sequence when exhausted, as listiter_next does.
 */
import { PyObject, type PyType, type Visit } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { decref, incref, newref, xdecref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from './exceptions.js';
import { makeSlot, SlotKind } from '../../events/kinds.js';
import { PyList } from './list.js';
import { PyTuple, newTuple } from './tuple.js';
import { newNone } from './singletons.js';
import { PyRange } from './range.js';
import { PyStr, newStr } from './str.js';
import { PyDict } from './dict.js';
import { PySet, isDummy } from './set.js';
import { newInt, newIntValue, addValues, mulValues, type IntValue } from './int.js';
import { call, getIter, getItem, isTrue, iterNext } from '../protocols/abstract.js';
import { newIntValue as intOf } from './int.js';
import { bindSequenceIter } from '../protocols/abstract.js';
import { labelSlot } from './slot-labels.js';

const seqSlot = () => labelSlot('it_seq');

/** An iterator over an indexable source; `seq` is null once exhausted. */
export class PySeqIter extends PyObject {
  index = 0;
  constructor(
    type: PyType,
    public seq: PyObject | null,
  ) {
    super(type);
  }
}

export class PyRangeIter extends PyObject {
  i = 0;
  constructor(
    type: PyType,
    readonly start: IntValue,
    readonly step: IntValue,
    readonly length: number,
  ) {
    super(type);
  }
}

export class PyDictIter extends PyObject {
  index = 0;
  used: number;
  constructor(
    type: PyType,
    public dict: PyDict | null,
    readonly kind: 'keys' | 'values' | 'items',
  ) {
    super(type);
    this.used = dict ? dict.used : 0;
  }
}

export class PySetIter extends PyObject {
  index = 0;
  used: number;
  constructor(
    type: PyType,
    public set: PySet | null,
  ) {
    super(type);
    this.used = set ? set.used : 0;
  }
}

/** enumerate, zip, map, filter: hold iterators/callables in `parts`. */
export class PyIterTool extends PyObject {
  count: IntValue = 0;
  strict = false;
  /** enumerate's and zip's result tuple, reused while nobody else holds it (en_result). */
  result: PyTuple | null = null;
  /** zip's ittuple and map's iters: the iterators, in a tuple of their own. */
  holder: PyTuple | null = null;
  constructor(
    type: PyType,
    public parts: PyObject[],
  ) {
    super(type);
  }
}

export let listIterType: PyType;
export let listRevIterType: PyType;
export let tupleIterType: PyType;
export let rangeIterType: PyType;
export let strIterType: PyType;
export let strAsciiIterType: PyType;
export let seqIterType: PyType;
export let dictKeyIterType: PyType;
export let dictValueIterType: PyType;
export let dictItemIterType: PyType;
export let setIterType: PyType;
export let enumerateType: PyType;
export let zipType: PyType;
export let mapType: PyType;
export let filterType: PyType;
export let reversedType: PyType;

function seqIterBase(name: string, next: (it: PySeqIter) => PyObject | null): PyType {
  const t = makeBuiltinType(name, { baseType: false, gc: true, basicSize: 32 });
  t.iter = (o) => newref(o);
  t.iternext = (o) => {
    const it = o as PySeqIter;
    if (it.seq === null) return null;
    const v = next(it);
    if (v === null) exhaust(it);
    return v;
  };
  t.traverse = (o, visit: Visit) => {
    const it = o as PySeqIter;
    if (it.seq) visit(it.seq, seqSlot());
  };
  t.dealloc = (o) => xdecref((o as PySeqIter).seq);
  return t;
}

function exhaust(it: PySeqIter): void {
  const s = it.seq!;
  it.seq = null;
  rt.ev.refRemoved(it.serial, s.serial, seqSlot());
  decref(s);
}

export function initIteratorTypes(): void {
  listIterType = seqIterBase('list_iterator', (it) => {
    const items = (it.seq as PyList).items;
    return it.index < items.length ? newref(items[it.index++]!) : null;
  });
  listRevIterType = seqIterBase('list_reverseiterator', (it) => {
    const items = (it.seq as PyList).items;
    if (it.index >= 0 && it.index < items.length) return newref(items[it.index--]!);
    return null;
  });
  tupleIterType = seqIterBase('tuple_iterator', (it) => {
    const items = (it.seq as PyTuple).items;
    return it.index < items.length ? newref(items[it.index++]!) : null;
  });
  const strNext = (it: PySeqIter) => {
    const s = it.seq as PyStr;
    if (it.index >= s.v.length) return null;
    const cp = s.v.codePointAt(it.index)!;
    const ch = String.fromCodePoint(cp);
    it.index += ch.length;
    return newStr(ch);
  };
  strAsciiIterType = seqIterBase('str_ascii_iterator', strNext);
  strIterType = seqIterBase('str_iterator', strNext);
  seqIterType = seqIterBase('iterator', (it) => {
    try {
      const v = itemAt(it.seq!, it.index);
      it.index++;
      return v;
    } catch (e) {
      if (e instanceof PyRaise && (e.exc.type.isSubtypeOf(E.IndexError!) || e.exc.type.isSubtypeOf(E.StopIteration!))) {
        decref(e.exc);
        return null;
      }
      throw e;
    }
  });
  bindSequenceIter((o) => newSeqIter(seqIterType, o));

  rangeIterType = makeBuiltinType('range_iterator', { baseType: false, basicSize: 48 });
  rangeIterType.iter = (o) => newref(o);
  rangeIterType.iternext = (o) => {
    const it = o as PyRangeIter;
    if (it.i >= it.length) return null;
    const k = it.i++;
    if (typeof it.start === 'number' && typeof it.step === 'number') {
      const v = it.start + k * it.step;
      if (Number.isSafeInteger(v)) return newInt(v);
    }
    return newIntValue(addValues(it.start, mulValues(k, it.step)));
  };

  const dictIter = (name: string, kind: 'keys' | 'values' | 'items') => {
    const t = makeBuiltinType(name, { baseType: false, gc: true, basicSize: 56 });
    t.iter = (o) => newref(o);
    t.iternext = (o) => {
      const it = o as PyDictIter;
      const d = it.dict;
      if (d === null) return null;
      if (d.used !== it.used) {
        it.used = -1;
        throw pyError(E.RuntimeError!, 'dictionary changed size during iteration');
      }
      while (it.index < d.keys.length && d.keys[it.index] === null) it.index++;
      if (it.index >= d.keys.length) {
        it.dict = null;
        rt.ev.refRemoved(it.serial, d.serial, seqSlot());
        decref(d);
        return null;
      }
      const i = it.index++;
      const k = d.keys[i]!;
      const v = d.values[i]!;
      if (kind === 'keys') return newref(k);
      if (kind === 'values') return newref(v);
      return newTuple([newref(k), newref(v)]);
    };
    t.traverse = (o, visit: Visit) => {
      const it = o as PyDictIter;
      if (it.dict) visit(it.dict, seqSlot());
    };
    t.dealloc = (o) => xdecref((o as PyDictIter).dict);
    return t;
  };
  dictKeyIterType = dictIter('dict_keyiterator', 'keys');
  dictValueIterType = dictIter('dict_valueiterator', 'values');
  dictItemIterType = dictIter('dict_itemiterator', 'items');

  setIterType = makeBuiltinType('set_iterator', { baseType: false, gc: true, basicSize: 40 });
  setIterType.iter = (o) => newref(o);
  setIterType.iternext = (o) => {
    const it = o as PySetIter;
    const s = it.set;
    if (s === null) return null;
    if (s.used !== it.used) {
      it.used = -1;
      throw pyError(E.RuntimeError!, 'Set changed size during iteration');
    }
    while (it.index < s.keys.length && (s.keys[it.index] === null || isDummy(s.keys[it.index]!))) it.index++;
    if (it.index >= s.keys.length) {
      it.set = null;
      rt.ev.refRemoved(it.serial, s.serial, seqSlot());
      decref(s);
      return null;
    }
    return newref(s.keys[it.index++]!);
  };
  setIterType.traverse = (o, visit: Visit) => {
    const it = o as PySetIter;
    if (it.set) visit(it.set, seqSlot());
  };
  setIterType.dealloc = (o) => xdecref((o as PySetIter).set);

  const tool = (name: string, size: number) => {
    const t = makeBuiltinType(name, { gc: true, basicSize: size });
    t.iter = (o) => newref(o);
    t.traverse = (o, visit: Visit) => (o as PyIterTool).parts.forEach((p, i) => visit(p, makeSlot(SlotKind.Index, i)));
    t.dealloc = (o) => {
      const parts = (o as PyIterTool).parts;
      for (let i = parts.length - 1; i >= 0; i--) decref(parts[i]!);
    };
    return t;
  };
  // enum_traverse / enum_dealloc: the iterator and the result tuple.
  enumerateType = tool('enumerate', 56);
  enumerateType.traverse = (o, visit: Visit) => {
    const e = o as PyIterTool;
    visit(e.parts[0]!, makeSlot(SlotKind.Index, 0));
    if (e.result) visit(e.result, resultSlot());
  };
  enumerateType.dealloc = (o) => {
    const e = o as PyIterTool;
    decref(e.parts[0]!);
    if (e.result) decref(e.result);
  };
  enumerateType.iternext = (o) => {
    const e = o as PyIterTool;
    const v = iterNext(e.parts[0]!);
    if (v === null) return null;
    const index = intOf(e.count);
    e.count = addValues(e.count, 1);
    return recycleResult(e, [index, v]);
  };
  // zip_traverse / zip_dealloc: ittuple, then the result tuple.
  zipType = tool('zip', 48);
  zipType.traverse = (o, visit: Visit) => {
    const z = o as PyIterTool;
    if (z.holder) visit(z.holder, ittupleSlot());
    if (z.result) visit(z.result, resultSlot());
  };
  zipType.dealloc = (o) => {
    const z = o as PyIterTool;
    if (z.holder) decref(z.holder);
    if (z.result) decref(z.result);
  };
  zipType.iternext = (o) => {
    const z = o as PyIterTool;
    if (!z.parts.length) return null;
    const items: PyObject[] = [];
    for (let i = 0; i < z.parts.length; i++) {
      const v = iterNext(z.parts[i]!);
      if (v === null) {
        for (const x of items) decref(x);
        if (z.strict) {
          if (i > 0) throw pyError(E.ValueError!, `zip() argument ${i + 1} is shorter than argument${i > 1 ? 's' : ''} 1${i > 1 ? `-${i}` : ''}`);
          for (let j = 1; j < z.parts.length; j++) {
            const w = iterNext(z.parts[j]!);
            if (w !== null) {
              decref(w);
              throw pyError(E.ValueError!, `zip() argument ${j + 1} is longer than argument${j > 1 ? 's' : ''} 1${j > 1 ? `-${j}` : ''}`);
            }
          }
        }
        return null;
      }
      items.push(v);
    }
    return recycleResult(z, items);
  };
  // map_traverse / map_dealloc: the iters tuple, then the function (parts[0]).
  mapType = tool('map', 32);
  mapType.traverse = (o, visit: Visit) => {
    const m = o as PyIterTool;
    if (m.holder) visit(m.holder, ittupleSlot());
    visit(m.parts[0]!, makeSlot(SlotKind.Index, 0));
  };
  mapType.dealloc = (o) => {
    const m = o as PyIterTool;
    if (m.holder) decref(m.holder);
    decref(m.parts[0]!);
  };
  mapType.iternext = (o) => {
    const m = o as PyIterTool;
    const iters = m.holder!.items;
    const args: PyObject[] = [];
    for (let i = 0; i < iters.length; i++) {
      const v = iterNext(iters[i]!);
      if (v === null) {
        for (const x of args) decref(x);
        return null;
      }
      args.push(v);
    }
    return call(m.parts[0]!, args);
  };
  filterType = tool('filter', 32);
  filterType.iternext = (o) => {
    const f = o as PyIterTool;
    const [fn, it] = f.parts as [PyObject, PyObject];
    for (;;) {
      const v = iterNext(it);
      if (v === null) return null;
      let keep: boolean;
      if (fn.type.name === 'NoneType' || fn.type.name === 'bool') keep = isTrue(v);
      else {
        incref(v);
        const r = call(fn, [v]);
        keep = isTrue(r);
        decref(r);
      }
      if (keep) return v;
      decref(v);
    }
  };
  reversedType = tool('reversed', 32);
  reversedType.iternext = (o) => {
    const r = o as PyIterTool;
    const i = Number(r.count);
    if (i < 0) return null;
    r.count = i - 1;
    try {
      return itemAt(r.parts[0]!, i);
    } catch (e) {
      if (e instanceof PyRaise && e.exc.type.isSubtypeOf(E.IndexError!)) {
        decref(e.exc);
        return null;
      }
      throw e;
    }
  };
}

/** seq[i] with a temporary int index. */
function itemAt(seq: PyObject, i: number): PyObject {
  const k = newInt(i);
  try {
    return getItem(seq, k);
  } finally {
    decref(k);
  }
}

/** A sequence iterator of `type` over `seq` (borrowed). */
export function newSeqIter(type: PyType, seq: PyObject, start = 0): PySeqIter {
  incref(seq);
  const it = new PySeqIter(type, seq);
  it.index = start;
  rt.heap.allocate(it, true);
  rt.ev.refAdded(it.serial, seq.serial, seqSlot());
  return it;
}

export function newRangeIter(r: PyRange): PyRangeIter {
  const it = new PyRangeIter(rangeIterType, r.start, r.step, Number(r.length));
  rt.heap.allocate(it, false);
  return it;
}

export function newDictIter(d: PyDict, kind: 'keys' | 'values' | 'items'): PyDictIter {
  incref(d);
  const t = kind === 'keys' ? dictKeyIterType : kind === 'values' ? dictValueIterType : dictItemIterType;
  const it = new PyDictIter(t, d, kind);
  rt.heap.allocate(it, true);
  rt.ev.refAdded(it.serial, d.serial, seqSlot());
  return it;
}

export function newSetIter(s: PySet): PySetIter {
  incref(s);
  const it = new PySetIter(setIterType, s);
  rt.heap.allocate(it, true);
  rt.ev.refAdded(it.serial, s.serial, seqSlot());
  return it;
}

const resultSlot = () => labelSlot('result');
const ittupleSlot = () => labelSlot('iterators');

/**
 * The next result of enumerate/zip (owned `items`): the object's own result tuple is
 * refilled when nothing else holds it (Py_REFCNT(result) == 1), as enum_next and zip_next
 * do; otherwise a new tuple.
 */
function recycleResult(o: PyIterTool, items: PyObject[]): PyTuple {
  const r = o.result;
  if (r === null || r.rc !== 1) return newTuple(items);
  incref(r);
  const old = r.items.slice();
  for (let i = 0; i < items.length; i++) {
    const slot = makeSlot(SlotKind.Index, i);
    rt.ev.refRemoved(r.serial, old[i]!.serial, slot);
    r.items[i] = items[i]!;
    rt.ev.refAdded(r.serial, items[i]!.serial, slot);
  }
  for (const x of old) decref(x);
  // bpo-42536: a collection may have untracked the result tuple; it holds new items now.
  rt.heap.track(r);
  return r;
}

/** A result holder tuple of `n` Nones (PyTuple_Pack(2, Py_None, Py_None) / zip's result). */
export function noneTuple(n: number): PyTuple {
  const items: PyObject[] = [];
  for (let i = 0; i < n; i++) items.push(newNone());
  return newTuple(items);
}

/** enumerate/zip/map/filter/reversed over `parts` (stolen). */
export function newIterTool(type: PyType, parts: PyObject[]): PyIterTool {
  const t = new PyIterTool(type, parts);
  rt.heap.allocate(t, true);
  parts.forEach((p, i) => rt.ev.refAdded(t.serial, p.serial, makeSlot(SlotKind.Index, i)));
  return t;
}

export { getIter };
