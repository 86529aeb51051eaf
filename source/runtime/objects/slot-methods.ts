/**
 * The dunder methods of builtin types (int.__add__, list.__len__, ...): each calls the
 * type's slot, as CPython's wrapper_descriptors do. Installed for the slots a type
 * defines itself, so the MRO finds the right one.
 */
import { PyObject, PyType, BINARY_SLOT_NAMES, EQ, NE, LT, LE, GT, GE, type RichOp } from './object.js';
import type { PyDict } from './dict.js';
import { dictGetStr } from './dict.js';
import { defineMethods, defineAttribute, defineNew, exactlyOne } from '../builtins/args.js';
import type { BuiltinImpl } from './function.js';
import { newNone, NotImplemented } from './singletons.js';
import { newInt, newBool } from './int.js';
import { newStr, PyStr } from './str.js';
import { decref, newref } from '../heap/refcount.js';
import { hashNotImplemented, indexSize } from '../protocols/abstract.js';
import { pyError, PyRaise } from '../errors.js';
import { E, newException } from './exceptions.js';

const RICH: [string, RichOp][] = [['__eq__', EQ], ['__ne__', NE], ['__lt__', LT], ['__le__', LE], ['__gt__', GT], ['__ge__', GE]];

export function installSlotMethods(t: PyType): void {
  const m: Record<string, BuiltinImpl> = {};
  const has = (name: string) => t.dict !== null && dictGetStr(t.dict as PyDict, name) !== null;
  const add = (name: string, impl: BuiltinImpl) => {
    if (!has(name)) m[name] = impl;
  };
  if (t.init) {
    const init = t.init;
    add('__init__', (self, args, kw) => {
      init(self!, args, kw);
      return newNone();
    });
  }
  if (t.repr) add('__repr__', (self) => t.repr!(self!));
  if (t.str) add('__str__', (self) => t.str!(self!));
  if (t.hash === hashNotImplemented) {
    if (!has('__hash__')) defineAttribute(t, '__hash__', newNone());
  } else if (t.hash) add('__hash__', (self) => newInt(Number(t.hash!(self!))));
  if (t.richcompare) for (const [name, op] of RICH) add(name, (self, args) => t.richcompare!(self!, args[0]!, op));
  if (t.call) add('__call__', (self, args, kw) => t.call!(self!, args.map((a) => newref(a)), kw));
  if (t.iter) add('__iter__', (self) => t.iter!(self!));
  if (t.iternext) {
    add('__next__', (self) => {
      const v = t.iternext!(self!);
      if (v === null) throw new PyRaise(newException(E.StopIteration!, []));
      return v;
    });
  }
  if (t.length) add('__len__', (self) => newInt(t.length!(self!)));
  if (t.getitem) add('__getitem__', (self, args, kw) => t.getitem!(self!, exactlyOne('__getitem__', args, kw)));
  if (t.setitem) {
    add('__setitem__', (self, args) => {
      t.setitem!(self!, args[0]!, args[1]!);
      return newNone();
    });
    add('__delitem__', (self, args) => {
      t.setitem!(self!, args[0]!, null);
      return newNone();
    });
  }
  if (t.contains) add('__contains__', (self, args, kw) => newBool(t.contains!(self!, exactlyOne('__contains__', args, kw))));
  if (t.descrGet) add('__get__', (self, args) => t.descrGet!(self!, args[0] ?? null, (args[1] as PyType) ?? null));
  const n = t.number;
  for (const s of BINARY_SLOT_NAMES) {
    const f = n[s];
    if (!f) continue;
    add(`__${s}__`, (self, args, kw) => {
      if (s === 'pow' && args.length === 2 && args[1]!.type.name !== 'NoneType') return powWithModulus(self!, args[0]!, args[1]!);
      return f(self!, exactlyOne(`__${s}__`, args.slice(0, 1), kw));
    });
    add(`__r${s}__`, (self, args, kw) => f(exactlyOne(`__r${s}__`, args, kw), self!));
  }
  for (const s of ['add', 'sub', 'mul', 'matmul', 'truediv', 'floordiv', 'mod', 'pow', 'lshift', 'rshift', 'and', 'or', 'xor'] as const) {
    const f = (n as unknown as Record<string, ((a: PyObject, b: PyObject) => PyObject) | null>)[`i${s}`];
    if (f) add(`__i${s}__`, (self, args, kw) => f(self!, exactlyOne(`__i${s}__`, args, kw)));
  }
  for (const [slot, name] of [['neg', '__neg__'], ['pos', '__pos__'], ['abs', '__abs__'], ['invert', '__invert__'], ['int', '__int__'], ['float', '__float__'], ['index', '__index__']] as const) {
    const f = n[slot];
    if (f) add(name, (self) => f(self!));
  }
  // Sequence slots (str.__add__, list.__imul__, ...), named as CPython's slotdefs name them.
  if (t.concat) add('__add__', (self, args, kw) => t.concat!(self!, exactlyOne('__add__', args, kw)));
  if (t.repeat) {
    const repeat = t.repeat;
    add('__mul__', (self, args, kw) => repeat(self!, indexSize(exactlyOne('__mul__', args, kw), E.OverflowError!)));
    add('__rmul__', (self, args, kw) => repeat(self!, indexSize(exactlyOne('__rmul__', args, kw), E.OverflowError!)));
  }
  if (t.inplaceConcat) add('__iadd__', (self, args, kw) => t.inplaceConcat!(self!, exactlyOne('__iadd__', args, kw)));
  if (t.inplaceRepeat) add('__imul__', (self, args, kw) => t.inplaceRepeat!(self!, indexSize(exactlyOne('__imul__', args, kw), E.OverflowError!)));
  if (n.bool) add('__bool__', (self) => newBool(n.bool!(self!)));
  const tpInit = t.init;
  if (tpInit !== null && t.base !== null && tpInit !== t.base.init) {
    add('__init__', (self, args, kw) => {
      tpInit(self!, args, kw);
      return newNone();
    });
  }
  if (Object.keys(m).length) defineMethods(t, m);
  // T.__new__(subtype, *args): tp_new_wrapper, so that subclasses can call their base's __new__.
  if (t.newInstance && !has('__new__')) {
    const make = t.newInstance;
    defineNew(t, (_s, args, kw) => {
      const sub = args[0];
      if (!(sub instanceof PyType)) throw pyError(E.TypeError!, `${t.name}.__new__(X): X is not a type object (${sub ? sub.type.name : 'NULL'})`);
      if (!sub.isSubtypeOf(t)) throw pyError(E.TypeError!, `${t.name}.__new__(${sub.name}): ${sub.name} is not a subtype of ${t.name}`);
      return make(sub, args.slice(1), kw);
    });
  }
}

let intPowMod: (a: PyObject, b: PyObject, m: PyObject) => PyObject = () => {
  throw pyError(E.TypeError!, 'pow() 3rd argument not allowed unless all arguments are integers');
};
export function bindPowWithModulus(fn: typeof intPowMod): void {
  intPowMod = fn;
}
function powWithModulus(a: PyObject, b: PyObject, m: PyObject): PyObject {
  return intPowMod(a, b, m);
}

export { NotImplemented, decref, newStr, PyStr };
