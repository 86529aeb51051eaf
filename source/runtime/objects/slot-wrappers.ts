/**
 * Slots of classes defined in Python: when a class (or a base) defines a dunder method,
 * the matching type slot calls it (CPython's slot_tp_* / SLOT1BINFULL functions in
 * typeobject.c). Each wrapper is one shared function, so that the reflected-operand rules
 * can compare slots by identity as CPython does.
 */
import { PyObject, PyType, BINARY_SLOT_NAMES, type BinarySlotName, type RichOp } from './object.js';
import { lookup } from './typeobject.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from './exceptions.js';
import { None, NotImplemented, newNotImplemented } from './singletons.js';
import { PyInt, boolType, intHash } from './int.js';
import { call, genericGetAttr, genericSetAttr, typeName, indexValue, isTrue, hashNotImplemented } from '../protocols/abstract.js';
import { dictGetStr, type PyDict } from './dict.js';
import { newStr } from './str.js';
import { PyFunction } from './function.js';
import { type PyHash } from './object.js';

/** Call the dunder `name` found on type(self) with self and borrowed args; null if absent. */
export function callDunder(self: PyObject, name: string, args: readonly PyObject[]): PyObject | null {
  const f = lookup(self.type, name);
  if (f === null) return null;
  incref(self);
  for (const a of args) incref(a);
  if (f instanceof PyFunction) return call(f, [self, ...args]);
  const get = f.type.descrGet;
  if (get === null) {
    decref(self);
    return call(f, args.slice());
  }
  const bound = get(f, self, self.type);
  decref(self);
  try {
    return call(bound, args.slice());
  } finally {
    decref(bound);
  }
}

function requireDunder(self: PyObject, name: string, args: readonly PyObject[]): PyObject {
  const r = callDunder(self, name, args);
  if (r === null) throw pyError(E.AttributeError!, `'${typeName(self)}' object has no attribute '${name}'`);
  return r;
}

// ---------------------------------------------------------------- binary operators

const REFLECTED: Record<BinarySlotName, string> = {
  add: '__radd__', sub: '__rsub__', mul: '__rmul__', matmul: '__rmatmul__', truediv: '__rtruediv__',
  floordiv: '__rfloordiv__', mod: '__rmod__', divmod: '__rdivmod__', pow: '__rpow__', lshift: '__rlshift__',
  rshift: '__rrshift__', and: '__rand__', or: '__ror__', xor: '__rxor__',
};

function methodIsOverloaded(left: PyType, right: PyType, name: string): boolean {
  const b = lookup(right, name);
  if (b === null) return false;
  return lookup(left, name) !== b;
}

function makeBinaryWrapper(slot: BinarySlotName) {
  const op = `__${slot}__`;
  const rop = REFLECTED[slot];
  const wrapper = (self: PyObject, other: PyObject): PyObject => {
    let doOther = self.type !== other.type && other.type.number[slot] === wrapper;
    if (self.type.number[slot] === wrapper) {
      if (doOther && other.type.isSubtypeOf(self.type) && methodIsOverloaded(self.type, other.type, rop)) {
        const r = callDunder(other, rop, [self]) ?? newNotImplemented();
        if (r !== NotImplemented) return r;
        decref(r);
        doOther = false;
      }
      const r = callDunder(self, op, [other]) ?? newNotImplemented();
      if (r !== NotImplemented || other.type === self.type) return r;
      decref(r);
    }
    if (doOther) return callDunder(other, rop, [self]) ?? newNotImplemented();
    return newNotImplemented();
  };
  return wrapper;
}

const BINARY_WRAPPERS = Object.fromEntries(BINARY_SLOT_NAMES.map((s) => [s, makeBinaryWrapper(s)])) as Record<
  BinarySlotName,
  (a: PyObject, b: PyObject) => PyObject
>;

const INPLACE_WRAPPERS: Record<string, (a: PyObject, b: PyObject) => PyObject> = {};
for (const s of BINARY_SLOT_NAMES) {
  if (s === 'divmod') continue;
  const name = `__i${s}__`;
  INPLACE_WRAPPERS[s] = (self, other) => callDunder(self, name, [other]) ?? newNotImplemented();
}

// ---------------------------------------------------------------- comparison

const RICH_NAMES = ['__lt__', '__le__', '__eq__', '__ne__', '__gt__', '__ge__'];

function richcompareWrapper(self: PyObject, other: PyObject, op: RichOp): PyObject {
  return callDunder(self, RICH_NAMES[op]!, [other]) ?? newNotImplemented();
}

// ---------------------------------------------------------------- the table

type Installer = (t: PyType) => void;

/** Which slot(s) each dunder name drives. */
const DUNDER_SLOTS: Record<string, Installer> = {
  __repr__: (t) => (t.repr = (o) => requireDunder(o, '__repr__', [])),
  __str__: (t) => (t.str = (o) => requireDunder(o, '__str__', [])),
  __hash__: (t) => installHash(t),
  __call__: (t) => (t.call = (o, args, kw) => callWithSelf(o, '__call__', args, kw)),
  __iter__: (t) => (t.iter = (o) => requireDunder(o, '__iter__', [])),
  __next__: (t) => (t.iternext = nextWrapper),
  __len__: (t) => (t.length = lenWrapper),
  __bool__: (t) => (t.number.bool = boolWrapper),
  __getitem__: (t) => (t.getitem = (o, k) => requireDunder(o, '__getitem__', [k])),
  __setitem__: (t) => (t.setitem = setitemWrapper),
  __delitem__: (t) => (t.setitem = setitemWrapper),
  __contains__: (t) => (t.contains = (o, k) => truthOf(requireDunder(o, '__contains__', [k]))),
  __getattribute__: (t) => (t.getattro = getattrHook),
  __getattr__: (t) => (t.getattro = getattrHook),
  __setattr__: (t) => (t.setattro = setattrWrapper),
  __delattr__: (t) => (t.setattro = setattrWrapper),
  __get__: (t) => (t.descrGet = (d, o, owner) => requireDunder(d, '__get__', [o ?? None, owner ?? None])),
  __set__: (t) => (t.descrSet = descrSetWrapper),
  __delete__: (t) => (t.descrSet = descrSetWrapper),
  __init__: (t) => (t.init = initWrapper),
  __del__: (t) => (t.finalize = (o) => decref(requireDunder(o, '__del__', []))),
  __neg__: (t) => (t.number.neg = (o) => requireDunder(o, '__neg__', [])),
  __pos__: (t) => (t.number.pos = (o) => requireDunder(o, '__pos__', [])),
  __abs__: (t) => (t.number.abs = (o) => requireDunder(o, '__abs__', [])),
  __invert__: (t) => (t.number.invert = (o) => requireDunder(o, '__invert__', [])),
  __int__: (t) => (t.number.int = (o) => requireDunder(o, '__int__', [])),
  __float__: (t) => (t.number.float = (o) => requireDunder(o, '__float__', [])),
  __index__: (t) => (t.number.index = (o) => requireDunder(o, '__index__', [])),
};
for (const name of RICH_NAMES) DUNDER_SLOTS[name] = (t) => (t.richcompare = richcompareWrapper);
for (const s of BINARY_SLOT_NAMES) {
  DUNDER_SLOTS[`__${s}__`] = (t) => (t.number[s] = BINARY_WRAPPERS[s]);
  DUNDER_SLOTS[REFLECTED[s]] = (t) => (t.number[s] = BINARY_WRAPPERS[s]);
  if (s !== 'divmod') {
    DUNDER_SLOTS[`__i${s}__`] = (t) => ((t.number as unknown as Record<string, unknown>)[`i${s}`] = INPLACE_WRAPPERS[s]);
  }
}

export const SLOT_DUNDER_NAMES = Object.keys(DUNDER_SLOTS);

/** Point the type's slots at the dunder methods found along its MRO (fixup_slot_dispatchers). */
export function installSlotWrappers(t: PyType): void {
  for (const name of SLOT_DUNDER_NAMES) {
    if (definedInPython(t, name)) DUNDER_SLOTS[name]!(t);
  }
}

/** A dunder was set or deleted on a class after creation (update_slot). */
export function dunderChanged(t: PyType, name: string): void {
  const install = DUNDER_SLOTS[name];
  if (install && definedInPython(t, name)) install(t);
}

/** Is `name` defined by a heap (Python) class before any builtin class in the MRO? */
function definedInPython(t: PyType, name: string): boolean {
  for (const c of t.mro) {
    const d = c.dict;
    if (d === null) continue;
    const v = dictHas(d, name);
    if (v) return c.flags.heap;
  }
  return false;
}

function dictHas(d: PyObject, name: string): boolean {
  return dictGetStr(d as PyDict, name) !== null;
}

// ---------------------------------------------------------------- individual wrappers

function installHash(t: PyType): void {
  const h = lookup(t, '__hash__');
  if (h === None) t.hash = hashNotImplemented;
  else t.hash = hashWrapper;
}

function hashWrapper(o: PyObject): PyHash {
  const r = requireDunder(o, '__hash__', []);
  try {
    if (!(r instanceof PyInt)) throw pyError(E.TypeError!, '__hash__ method should return an integer');
    // slot_tp_hash: a result that fits in Py_ssize_t is the hash itself (-1 becomes -2);
    // only bigger ints are reduced with int's own hash.
    const v = r.v;
    if (typeof v === 'number') return v === -1 ? -2 : v;
    if (v >= -(2n ** 63n) && v < 2n ** 63n) return (v === -1n ? -2 : v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : v) as number;
    return intHash(v);
  } finally {
    decref(r);
  }
}

function callWithSelf(o: PyObject, name: string, args: PyObject[], kw: readonly string[] | null): PyObject {
  const f = lookup(o.type, name);
  if (f === null) {
    for (const a of args) decref(a);
    throw pyError(E.TypeError!, `'${typeName(o)}' object is not callable`);
  }
  incref(o);
  if (f instanceof PyFunction) return call(f, [o, ...args], kw);
  const get = f.type.descrGet;
  const bound = get ? get(f, o, o.type) : newref(f);
  decref(o);
  try {
    return call(bound, args, kw);
  } finally {
    decref(bound);
  }
}

function nextWrapper(o: PyObject): PyObject | null {
  try {
    return requireDunder(o, '__next__', []);
  } catch (e) {
    if (e instanceof PyRaise && e.exc.type.isSubtypeOf(E.StopIteration!)) {
      decref(e.exc);
      return null;
    }
    throw e;
  }
}

function lenWrapper(o: PyObject): number {
  const r = requireDunder(o, '__len__', []);
  let v;
  try {
    v = indexValue(r);
  } finally {
    decref(r);
  }
  if (v < 0) throw pyError(E.ValueError!, '__len__() should return >= 0');
  if (typeof v === 'bigint') throw pyError(E.OverflowError!, "cannot fit 'int' into an index-sized integer");
  return v;
}

function boolWrapper(o: PyObject): boolean {
  const r = callDunder(o, '__bool__', []);
  if (r === null) {
    const n = callDunder(o, '__len__', []);
    if (n === null) return true;
    return truthOf(n);
  }
  try {
    if (r.type !== boolType) throw pyError(E.TypeError!, `__bool__ should return bool, returned ${typeName(r)}`);
    return (r as PyInt).v === 1;
  } finally {
    decref(r);
  }
}

function truthOf(r: PyObject): boolean {
  try {
    return isTrue(r);
  } finally {
    decref(r);
  }
}

function setitemWrapper(o: PyObject, k: PyObject, v: PyObject | null): void {
  decref(v === null ? requireDunder(o, '__delitem__', [k]) : requireDunder(o, '__setitem__', [k, v]));
}

function descrSetWrapper(d: PyObject, o: PyObject, v: PyObject | null): void {
  decref(v === null ? requireDunder(d, '__delete__', [o]) : requireDunder(d, '__set__', [o, v]));
}

function getattrHook(o: PyObject, name: string): PyObject {
  const getattribute = lookup(o.type, '__getattribute__');
  const getattr = lookup(o.type, '__getattr__');
  const nameObj = newStr(name);
  try {
    const viaGeneric = getattribute === null || !getattribute.type.flags.heap && !(getattribute instanceof PyFunction);
    try {
      if (viaGeneric) return genericGetAttr(o, name);
      return requireDunder(o, '__getattribute__', [nameObj]);
    } catch (e) {
      if (getattr !== null && e instanceof PyRaise && e.exc.type.isSubtypeOf(E.AttributeError!)) {
        decref(e.exc);
        return requireDunder(o, '__getattr__', [nameObj]);
      }
      throw e;
    }
  } finally {
    decref(nameObj);
  }
}

function setattrWrapper(o: PyObject, name: string, v: PyObject | null): void {
  const method = v === null ? '__delattr__' : '__setattr__';
  const f = lookup(o.type, method);
  if (f === null || !(f instanceof PyFunction)) {
    genericSetAttr(o, name, v);
    return;
  }
  const nameObj = newStr(name);
  try {
    decref(v === null ? requireDunder(o, method, [nameObj]) : requireDunder(o, method, [nameObj, v]));
  } finally {
    decref(nameObj);
  }
}

function initWrapper(o: PyObject, args: PyObject[], kw: readonly string[] | null): void {
  const r = callWithSelf(o, '__init__', args.map((a) => newref(a)), kw);
  if (r !== None) {
    const tn = typeName(r);
    decref(r);
    throw pyError(E.TypeError!, `__init__() should return None, not '${tn}'`);
  }
  decref(r);
}

