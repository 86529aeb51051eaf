/**
 * The dict subclasses _collections implements in C: defaultdict (a dict plus one
 * pointer: getsizeof = dict's + 8) and OrderedDict (a dict plus its own linked list of
 * nodes: + 64 for the od_* fields, + 8 per slot of the dict's table once a key was
 * inserted, + 32 per entry; odict_sizeof). Order lives in the dict's entry array here:
 * move_to_end reorders entries without touching the table, so sizes stay CPython's.
 * Also _tuplegetter, the field descriptor of namedtuple classes.
 */
import { PyObject, PyType, EQ, NE, type Visit } from '../../objects/object.js';
import { nativeType, defineGetter } from '../../objects/native-type.js';
import { rt } from '../../runtime.js';
import { decref, incref, newref, xdecref } from '../../heap/refcount.js';
import { pyError } from '../../errors.js';
import { E } from '../../objects/exceptions.js';
import { None, newNone, newNotImplemented } from '../../objects/singletons.js';
import { newBool } from '../../objects/int.js';
import { newStr } from '../../objects/str.js';
import { PyTuple, newTuple } from '../../objects/tuple.js';
import { newList } from '../../objects/list.js';
import { PyDict, dictType, dictSizeof, dictItems, dictRemoveEntry, findEntry, primitiveKey, dictGet } from '../../objects/dict.js';
import { PyDictView, dictKeysType, dictValuesType, dictItemsType, dictMergeFrom, newKeyError, dictRepr } from '../../objects/dict-methods.js';
import { bindArgs, defineMethods, defineClassMethods, exactlyOne, positional } from '../../builtins/args.js';
import { call, callMethod, getIter, iterNext as iterNextOf, hashOf, indexValue, isTrue, repr, reprEnter, reprLeave, richCompareBool, setItem } from '../../protocols/abstract.js';
import { newSeqIter, listRevIterType } from '../../objects/iterators.js';
import { labelSlot } from '../../objects/slot-labels.js';

/** iter(d.items()) */
function itemsIter(d: PyObject): PyObject {
  const items = callMethod(d, 'items');
  try {
    return getIter(items);
  } finally {
    decref(items);
  }
}

// ---------------------------------------------------------------- defaultdict

export class PyDefaultDict extends PyDict {
  factory: PyObject | null = null;
}

function setFactory(d: PyDefaultDict, f: PyObject | null): void {
  const old = d.factory;
  d.factory = f;
  if (old) rt.ev.refRemoved(d.serial, old.serial, labelSlot('default_factory'));
  if (f) rt.ev.refAdded(d.serial, f.serial, labelSlot('default_factory'));
  xdecref(old);
}

function factoryRepr(d: PyDefaultDict): string {
  const f = d.factory;
  if (f === null) return 'None';
  if (!reprEnter(f)) return '...';
  try {
    return repr(f);
  } finally {
    reprLeave(f);
  }
}

export function createDefaultDictType(): PyType {
  const t = nativeType('defaultdict', { module: 'collections', base: dictType, gc: true, basicSize: 56 }, (t) => {
    t.newInstance = (type) => {
      const d = new PyDefaultDict(type);
      rt.heap.allocate(d, true);
      return d;
    };
    t.init = (o, args, kw) => {
      const d = o as PyDefaultDict;
      const nkw = kw ? kw.length : 0;
      let rest = args;
      if (args.length > nkw) {
        const f = args[0]!;
        if (f !== None && f.type.call === null) throw pyError(E.TypeError!, 'first argument must be callable or None');
        setFactory(d, f === None ? null : newref(f));
        rest = args.slice(1);
      }
      dictType.init!(o, rest, kw);
    };
    t.sizeof = (o) => dictSizeof(o as PyDict) + 8;
    t.traverse = (o, visit: Visit) => {
      dictType.traverse!(o, visit);
      const f = (o as PyDefaultDict).factory;
      if (f) visit(f, labelSlot('default_factory'));
    };
    t.clear = (o) => {
      dictType.clear!(o);
      setFactory(o as PyDefaultDict, null);
    };
    t.dealloc = (o) => {
      const d = o as PyDefaultDict;
      const f = d.factory;
      d.factory = null;
      dictType.dealloc!(o);
      xdecref(f);
    };
    t.repr = (o) => newStr(`${o.type.name}(${factoryRepr(o as PyDefaultDict)}, ${dictRepr(o)})`);
    t.number.or = (a, b) => {
      const self = a instanceof PyDefaultDict ? a : b;
      const other = self === a ? b : a;
      if (!(other instanceof PyDict)) return newNotImplemented();
      const c = copyDefaultDict(self as PyDefaultDict, self === a ? a : other);
      dictMergeFrom(c as PyDict, self === a ? other : self, true);
      return c;
    };
  });
  defineGetter(
    t,
    'default_factory',
    (o) => ((o as PyDefaultDict).factory ? newref((o as PyDefaultDict).factory!) : newNone()),
    (o, v) => setFactory(o as PyDefaultDict, v === null || v === None ? null : newref(v)),
  );
  defineMethods(t, {
    __missing__: (self, args, kw) => {
      const d = self as PyDefaultDict;
      const key = exactlyOne('__missing__', args, kw);
      if (d.factory === null) throw newKeyError(key);
      const value = call(d.factory, []);
      try {
        setItem(d, key, value);
      } catch (e) {
        decref(value);
        throw e;
      }
      return value;
    },
    __reduce__: (self) => {
      const d = self as PyDefaultDict;
      const args = d.factory ? newTuple([newref(d.factory)]) : newTuple([]);
      return newTuple([newref(d.type), args, newNone(), newNone(), itemsIter(d)]);
    },
    copy: (self) => copyDefaultDict(self as PyDefaultDict, self!),
    __copy__: (self) => copyDefaultDict(self as PyDefaultDict, self!),
  });
  return t;
}

/** type(d)(d.default_factory, contents) */
function copyDefaultDict(d: PyDefaultDict, contents: PyObject): PyObject {
  incref(contents);
  return call(d.type, [d.factory ? newref(d.factory) : newNone(), contents]);
}

// ---------------------------------------------------------------- OrderedDict

/** Move entry i to the end (or the front) of the entry order, leaving the table alone. */
function moveEntry(d: PyDict, i: number, last: boolean): void {
  const k = d.keys[i]!;
  const v = d.values[i]!;
  d.keys.splice(i, 1);
  d.values.splice(i, 1);
  if (last) {
    d.keys.push(k);
    d.values.push(v);
  } else {
    d.keys.unshift(k);
    d.values.unshift(v);
  }
  d.index = new Map();
  d.slow = null;
  for (let j = 0; j < d.keys.length; j++) {
    const key = d.keys[j];
    if (!key) continue;
    const p = primitiveKey(key);
    if (p !== null) d.index.set(p, j);
    else {
      if (d.slow === null) d.slow = new Map();
      const h = hashOf(key);
      const list = d.slow.get(h);
      if (list) list.push(j);
      else d.slow.set(h, [j]);
    }
  }
  d.version++;
}

function liveIndices(d: PyDict): number[] {
  const out: number[] = [];
  for (let i = 0; i < d.keys.length; i++) if (d.keys[i]) out.push(i);
  return out;
}

export function createOrderedDictTypes(): PyType {
  const view = (name: string, base: PyType, kind: 'keys' | 'values' | 'items') =>
    nativeType(name, { base, gc: true, baseType: false, basicSize: 24 }, (t) => {
      t.repr = (o) => {
        const d = (o as PyDictView).dict;
        const parts = dictItems(d).map(([k, v]) => (kind === 'keys' ? repr(k) : kind === 'values' ? repr(v) : `(${repr(k)}, ${repr(v)})`));
        return newStr(`${name}([${parts.join(', ')}])`);
      };
    });
  const views = {
    keys: view('odict_keys', dictKeysType, 'keys'),
    values: view('odict_values', dictValuesType, 'values'),
    items: view('odict_items', dictItemsType, 'items'),
  };
  const newView = (d: PyDict, kind: 'keys' | 'values' | 'items') => {
    incref(d);
    const v = new PyDictView(views[kind], d, kind);
    rt.heap.allocate(v, true);
    rt.ev.refAdded(v.serial, d.serial, labelSlot('mapping'));
    return v;
  };

  const t = nativeType('OrderedDict', { module: 'collections', base: dictType, gc: true, weakrefable: true, basicSize: 112 }, (t) => {
    t.newInstance = (type) => {
      const d = new PyDict(type);
      rt.heap.allocate(d, true);
      return d;
    };
    t.init = (o, args, kw) => {
      const nkw = kw ? kw.length : 0;
      if (args.length - nkw > 1) throw pyError(E.TypeError!, `expected at most 1 arguments, got ${args.length - nkw}`);
      dictType.init!(o, args, kw);
    };
    t.sizeofFollowsItems = true;
    t.sizeof = (o) => {
      const d = o as PyDict;
      const fastNodes = d.log2Size ? 1 << d.log2Size : 0;
      return dictSizeof(d) + 64 + 8 * fastNodes + 32 * d.used;
    };
    t.repr = (o) => {
      const d = o as PyDict;
      const name = o.type.name;
      if (d.used === 0) return newStr(`${name}()`);
      if (!reprEnter(o)) return newStr('...');
      try {
        const parts = dictItems(d).map(([k, v]) => `(${repr(k)}, ${repr(v)})`);
        return newStr(`${name}([${parts.join(', ')}])`);
      } finally {
        reprLeave(o);
      }
    };
    t.richcompare = (a, b, op) => {
      const r = dictType.richcompare!(a, b, op);
      if ((op !== EQ && op !== NE) || !(b instanceof PyDict) || !b.type.isSubtypeOf(t) || r === None) return r;
      if (isTrue(r) !== (op === EQ)) return r;
      decref(r);
      // Equal as dicts: OrderedDicts must also agree on order.
      const ka = liveIndices(a as PyDict).map((i) => (a as PyDict).keys[i]!);
      const kb = liveIndices(b).map((i) => b.keys[i]!);
      const sameOrder = ka.every((k, i) => richCompareBool(k, kb[i]!, EQ));
      return newBool(op === EQ ? sameOrder : !sameOrder);
    };
    t.number.or = (a, b) => {
      if (!(a instanceof PyDict) || !(b instanceof PyDict)) return newNotImplemented();
      const self = a.type.isSubtypeOf(t) ? a : b;
      const c = call(self.type, [newref(a)]);
      dictMergeFrom(c as PyDict, b, true);
      return c;
    };
  });
  defineMethods(t, {
    move_to_end: (self, args, kw) => {
      const [key, last] = bindArgs('move_to_end', args, kw, ['key', 'last'], 1);
      const d = self as PyDict;
      const i = findEntry(d, key!);
      if (i < 0) throw newKeyError(key!);
      moveEntry(d, i, last === undefined || isTrue(last));
      return newNone();
    },
    popitem: (self, args, kw) => {
      const [last] = bindArgs('popitem', args, kw, ['last'], 0);
      const d = self as PyDict;
      const live = liveIndices(d);
      if (!live.length) throw pyError(E.KeyError!, 'dictionary is empty');
      const i = last === undefined || isTrue(last) ? live[live.length - 1]! : live[0]!;
      const [k, v] = dictRemoveEntry(d, i);
      return newTuple([k, v]);
    },
    keys: (self) => newView(self as PyDict, 'keys'),
    values: (self) => newView(self as PyDict, 'values'),
    items: (self) => newView(self as PyDict, 'items'),
    __reversed__: (self) => {
      const d = self as PyDict;
      const keys = newList(liveIndices(d).map((i) => newref(d.keys[i]!)));
      const it = newSeqIter(listRevIterType, keys, keys.items.length - 1);
      decref(keys);
      return it;
    },
    __reduce__: (self) => newTuple([newref(self!.type), newTuple([]), newNone(), newNone(), itemsIter(self!)]),
    copy: (self) => call(self!.type, [newref(self!)]),
    __copy__: (self) => call(self!.type, [newref(self!)]),
    setdefault: (self, args, kw) => {
      const [key, dflt] = bindArgs('setdefault', args, kw, ['key', 'default'], 1);
      const d = self as PyDict;
      const v = dictGet(d, key!);
      if (v !== null) return newref(v);
      const value = dflt ?? None;
      setItem(d, key!, value);
      return newref(value);
    },
  });
  defineClassMethods(t, {
    fromkeys: (cls, args, kw) => {
      const [iterable, value] = bindArgs('fromkeys', args, kw, ['iterable', 'value'], 1);
      const d = call(cls!, []);
      try {
        const it = getIter(iterable!);
        try {
          for (let k = iterNextOf(it); k !== null; k = iterNextOf(it)) {
            try {
              setItem(d, k, value ?? None);
            } finally {
              decref(k);
            }
          }
        } finally {
          decref(it);
        }
      } catch (e) {
        decref(d);
        throw e;
      }
      return d;
    },
  });
  return t;
}

// ---------------------------------------------------------------- namedtuple fields

export class PyTupleGetter extends PyObject {
  constructor(
    type: PyType,
    readonly index: number,
    public doc: PyObject,
  ) {
    super(type);
  }
}

export function createTupleGetterType(): PyType {
  const t = nativeType('_tuplegetter', { module: '_collections', gc: true, baseType: false, basicSize: 32 }, (t) => {
    t.newInstance = (_type, args, kw) => {
      const [index, doc] = positional('_tuplegetter', args, kw, 2, 2);
      const g = new PyTupleGetter(t, Number(indexValue(index!)), newref(doc!));
      rt.heap.allocate(g, true);
      rt.ev.refAdded(g.serial, doc!.serial, labelSlot('__doc__'));
      return g;
    };
    t.repr = (o) => newStr(`_tuplegetter(${(o as PyTupleGetter).index}, ${repr((o as PyTupleGetter).doc)})`);
    t.traverse = (o, visit: Visit) => visit((o as PyTupleGetter).doc, labelSlot('__doc__'));
    t.dealloc = (o) => decref((o as PyTupleGetter).doc);
    t.descrGet = (d, o) => {
      const g = d as PyTupleGetter;
      if (o === null || o === None) return newref(d);
      if (!(o instanceof PyTuple)) {
        throw pyError(E.TypeError!, `descriptor for index '${g.index}' for tuple subclasses doesn't apply to '${o.type.name}' object`);
      }
      if (g.index >= o.items.length) throw pyError(E.IndexError!, 'tuple index out of range');
      return newref(o.items[g.index]!);
    };
    t.descrSet = () => {
      throw pyError(E.AttributeError!, "can't set attribute");
    };
  });
  defineGetter(
    t,
    '__doc__',
    (o) => newref((o as PyTupleGetter).doc),
    (o, v) => {
      const g = o as PyTupleGetter;
      const old = g.doc;
      g.doc = v === null ? newNone() : newref(v);
      decref(old);
    },
  );
  return t;
}
