/**
 * dict behaviour: subscription (with __missing__ for subclasses), views, comparison,
 * repr, constructors and methods.
 */
import { PyObject, type PyType, EQ, NE } from './object.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from './exceptions.js';
import { None, newNone, newNotImplemented } from './singletons.js';
import {
  PyDict, dictType, newDict, findEntry, dictGet, dictSet, dictSetSteal, dictDel, dictRemoveEntry, dictClear, dictItems,
} from './dict.js';
import { PyStr, newStr } from './str.js';
import { newInt, newBool } from './int.js';
import { newTuple, PyTuple } from './tuple.js';
import { newList, listAppendSteal } from './list.js';
import { rt } from '../runtime.js';
import { bindArgs, defineMethods, defineClassMethods, exactlyOne, noArgs, positional } from '../builtins/args.js';
import { call, getAttrOrNull, getItem, getIter, iterNext, repr, reprEnter, reprLeave, richCompareBool, callMethod, iterateToArray } from '../protocols/abstract.js';
import { lookup, makeBuiltinType } from './typeobject.js';
import { newDictIter } from './iterators.js';

function keyError(key: PyObject): PyRaise {
  const e = pyError(E.KeyError!, null);
  // KeyError(key): the key itself is the argument
  const args = (e.exc as unknown as { args: PyTuple }).args;
  void args;
  return newKeyError(key);
}

import { newException } from './exceptions.js';
import { labelSlot } from './slot-labels.js';
export function newKeyError(key: PyObject): PyRaise {
  return new PyRaise(newException(E.KeyError!, [newref(key)]));
}

function dictSubscript(o: PyObject, key: PyObject): PyObject {
  const d = o as PyDict;
  const v = dictGet(d, key);
  if (v !== null) return newref(v);
  if (o.type !== dictType) {
    const missing = lookup(o.type, '__missing__');
    if (missing !== null) {
      const m = getAttrOrNull(o, '__missing__')!;
      try {
        return call(m, [newref(key)]);
      } finally {
        decref(m);
      }
    }
  }
  throw newKeyError(key);
}

function dictAssSubscript(o: PyObject, key: PyObject, value: PyObject | null): void {
  const d = o as PyDict;
  if (value === null) {
    if (!dictDel(d, key)) throw newKeyError(key);
    return;
  }
  dictSet(d, key, value);
}

/**
 * Visit each key that a mapping's keys() returned (`keys`, a new reference, is consumed):
 * every key is released after its visit, and when a visit throws, so are the keys not
 * visited yet (the loops of PyDict_Merge and of `f(**m)` over PyMapping_Keys).
 */
export function forEachKeyOf(keys: PyObject, visit: (k: PyObject) => void): void {
  let list: PyObject[];
  try {
    list = iterateToArray(keys);
  } finally {
    decref(keys);
  }
  for (let i = 0; i < list.length; i++) {
    const k = list[i]!;
    try {
      visit(k);
    } catch (e) {
      for (let j = i + 1; j < list.length; j++) decref(list[j]!);
      throw e;
    } finally {
      decref(k);
    }
  }
}

/** dict.update / dict(mapping) / {**m}: merge keys from a mapping or pairs (borrowed). */
export function dictMergeFrom(d: PyDict, other: PyObject, override: boolean, kwForError = false): void {
  if (other instanceof PyDict) {
    for (const [k, v] of dictItems(other)) {
      if (!override && findEntry(d, k) >= 0) {
        if (kwForError) throw pyError(E.TypeError!, `got multiple values for keyword argument '${(k as PyStr).v}'`);
        continue;
      }
      dictSet(d, k, v);
    }
    return;
  }
  const keysMethod = getAttrOrNull(other, 'keys');
  if (keysMethod !== null) {
    let keys: PyObject;
    try {
      keys = call(keysMethod, []);
    } finally {
      decref(keysMethod);
    }
    forEachKeyOf(keys, (k) => {
      const v = getItem(other, k);
      dictSetSteal(d, newref(k), v);
    });
    return;
  }
  // a sequence of pairs
  const it = getIter(other);
  try {
    let i = 0;
    for (let item = iterNext(it); item !== null; item = iterNext(it), i++) {
      try {
        const pair = iterateToArray(item);
        if (pair.length !== 2) {
          pair.forEach((x) => decref(x));
          throw pyError(E.ValueError!, `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
        }
        dictSetSteal(d, pair[0]!, pair[1]!);
      } catch (e) {
        if (e instanceof PyRaise && e.exc.type === E.TypeError && !(item.type.iter)) {
          decref(e.exc);
          throw pyError(E.TypeError!, `cannot convert dictionary update sequence element #${i} to a sequence`);
        }
        throw e;
      } finally {
        decref(item);
      }
    }
  } finally {
    decref(it);
  }
}

export function dictRepr(o: PyObject): string {
  const d = o as PyDict;
  if (!d.used) return '{}';
  if (!reprEnter(o)) return '{...}';
  try {
    const parts: string[] = [];
    for (const [k, v] of dictItems(d)) parts.push(`${repr(k)}: ${repr(v)}`);
    return '{' + parts.join(', ') + '}';
  } finally {
    reprLeave(o);
  }
}

/** dict.copy(): a new dict with the same table size (clone of the keys object). */
export function dictCopy(d: PyDict): PyDict {
  const c = newDict();
  for (const [k, v] of dictItems(d)) dictSet(c, k, v);
  return c;
}

// ---------------------------------------------------------------- views

export class PyDictView extends PyObject {
  constructor(
    type: PyType,
    readonly dict: PyDict,
    readonly kind: 'keys' | 'values' | 'items',
  ) {
    super(type);
  }
}

export let dictKeysType: PyType;
export let dictValuesType: PyType;
export let dictItemsType: PyType;

function newView(d: PyDict, kind: 'keys' | 'values' | 'items'): PyDictView {
  incref(d);
  const t = kind === 'keys' ? dictKeysType : kind === 'values' ? dictValuesType : dictItemsType;
  const view = new PyDictView(t, d, kind);
  rt.heap.allocate(view, true);
  rt.ev.refAdded(view.serial, d.serial, labelSlot('mapping'));
  return view;
}

function initViews(): void {
  const make = (name: string, kind: 'keys' | 'values' | 'items') => {
    const t = makeBuiltinType(name, { baseType: false, gc: true, basicSize: 24 });
    t.length = (o) => (o as PyDictView).dict.used;
    t.iter = (o) => newDictIter((o as PyDictView).dict, kind);
    t.traverse = (o, visit) => visit((o as PyDictView).dict, labelSlot('mapping'));
    t.dealloc = (o) => decref((o as PyDictView).dict);
    t.repr = (o) => {
      const items = iterateToArray(o);
      try {
        return newStr(`${name}([${items.map(repr).join(', ')}])`);
      } finally {
        items.forEach((x) => decref(x));
      }
    };
    if (kind !== 'values') {
      t.contains = (o, x) => {
        const d = (o as PyDictView).dict;
        if (kind === 'keys') return findEntry(d, x) >= 0;
        if (!(x instanceof PyTuple) || x.items.length !== 2) return false;
        const v = dictGet(d, x.items[0]!);
        return v !== null && richCompareBool(v, x.items[1]!, EQ);
      };
    }
    return t;
  };
  dictKeysType = make('dict_keys', 'keys');
  dictValuesType = make('dict_values', 'values');
  dictItemsType = make('dict_items', 'items');
}

export function initDictSlots(): void {
  initViews();
  const t = dictType;
  t.length = (o) => (o as PyDict).used;
  t.getitem = dictSubscript;
  t.setitem = dictAssSubscript;
  t.contains = (o, k) => findEntry(o as PyDict, k) >= 0;
  t.iter = (o) => newDictIter(o as PyDict, 'keys');
  t.repr = (o) => newStr(dictRepr(o));
  t.richcompare = (a, b, op) => {
    if (!(a instanceof PyDict) || !(b instanceof PyDict) || (op !== EQ && op !== NE)) return newNotImplemented();
    let eq = a.used === b.used;
    if (eq) {
      for (const [k, v] of dictItems(a)) {
        const w = dictGet(b, k);
        if (w === null || !richCompareBool(v, w, EQ)) {
          eq = false;
          break;
        }
      }
    }
    return newBool(op === EQ ? eq : !eq);
  };
  t.number.or = (a, b) => {
    if (!(a instanceof PyDict) || !(b instanceof PyDict)) return newNotImplemented();
    const c = dictCopy(a);
    dictMergeFrom(c, b, true);
    return c;
  };
  t.number.ior = (a, b) => {
    dictMergeFrom(a as PyDict, b, true);
    return newref(a);
  };
  // dict_new allocates with tp_alloc (PyType_GenericAlloc): never from the free list.
  t.newInstance = (type) => newDict(type, true);
  t.init = (o, args, kw) => {
    const nkw = kw ? kw.length : 0;
    const pos = args.slice(0, args.length - nkw);
    if (pos.length > 1) throw pyError(E.TypeError!, `dict expected at most 1 argument, got ${pos.length}`);
    const d = o as PyDict;
    if (pos.length) dictMergeFrom(d, pos[0]!, true);
    for (let k = 0; k < nkw; k++) dictSetSteal(d, newStr(kw![k]!), newref(args[pos.length + k]!));
  };
  defineMethods(t, {
    get: (self, args, kw) => {
      const [key, dflt] = positional('get', args, kw, 1, 2);
      const v = dictGet(self as PyDict, key!);
      return v !== null ? newref(v) : dflt ? newref(dflt) : newNone();
    },
    keys: (self, args, kw) => {
      noArgs('dict.keys', args, kw);
      return newView(self as PyDict, 'keys');
    },
    values: (self, args, kw) => {
      noArgs('dict.values', args, kw);
      return newView(self as PyDict, 'values');
    },
    items: (self, args, kw) => {
      noArgs('dict.items', args, kw);
      return newView(self as PyDict, 'items');
    },
    pop: (self, args, kw) => {
      const [key, dflt] = positional('pop', args, kw, 1, 2);
      const d = self as PyDict;
      const i = findEntry(d, key!);
      if (i < 0) {
        if (dflt) return newref(dflt);
        throw newKeyError(key!);
      }
      const [k, v] = dictRemoveEntry(d, i);
      decref(k);
      return v;
    },
    popitem: (self, args, kw) => {
      noArgs('dict.popitem', args, kw);
      const d = self as PyDict;
      for (let i = d.keys.length - 1; i >= 0; i--) {
        if (d.keys[i]) {
          const [k, v] = dictRemoveEntry(d, i);
          return newTuple([k, v]);
        }
      }
      throw pyError(E.KeyError!, 'popitem(): dictionary is empty');
    },
    setdefault: (self, args, kw) => {
      const [key, dflt] = positional('setdefault', args, kw, 1, 2);
      const d = self as PyDict;
      const v = dictGet(d, key!);
      if (v !== null) return newref(v);
      const value = dflt ?? None;
      dictSet(d, key!, value);
      return newref(value);
    },
    update: (self, args, kw) => {
      dictType.init!(self!, args, kw);
      return newNone();
    },
    copy: (self, args, kw) => {
      noArgs('dict.copy', args, kw);
      return dictCopy(self as PyDict);
    },
    clear: (self, args, kw) => {
      noArgs('dict.clear', args, kw);
      dictClear(self as PyDict);
      return newNone();
    },
    __getitem__: (self, args) => dictSubscript(self!, args[0]!),
    __setitem__: (self, args) => {
      dictAssSubscript(self!, args[0]!, args[1]!);
      return newNone();
    },
    __delitem__: (self, args) => {
      dictAssSubscript(self!, args[0]!, null);
      return newNone();
    },
    __contains__: (self, args) => newBool(findEntry(self as PyDict, args[0]!) >= 0),
    __len__: (self) => newInt((self as PyDict).used),
    __iter__: (self) => newDictIter(self as PyDict, 'keys'),
    __sizeof__: (self) => newInt(dictType.sizeof!(self!)),
    __init__: (self, args, kw) => {
      dictType.init!(self!, args, kw);
      return newNone();
    },
    __reversed__: (self) => {
      const d = self as PyDict;
      const keys = dictItems(d).map(([k]) => newref(k)).reverse();
      const l = newList(keys);
      try {
        return getIter(l);
      } finally {
        decref(l);
      }
    },
  });
  defineClassMethods(t, {
    fromkeys: (cls, args, kw) => {
      const [iterable, value] = positional('fromkeys', args, kw, 1, 2);
      const d = call(cls!, []) as PyDict;
      const keys = iterateToArray(iterable!);
      for (const k of keys) {
        dictSetSteal(d, k, newref(value ?? None));
      }
      return d;
    },
  });
}

export { listAppendSteal, exactlyOne, bindArgs, callMethod, keyError };
