/**
 * builtins.__build_class__: run a class body in a fresh namespace, then call the
 * metaclass with (name, bases, namespace, **keywords); fill the __class__ cell that
 * zero-argument super() uses.
 */
import type { PyObject, PyType } from '../objects/object.js';
import { PyType as PyTypeClass } from '../objects/object.js';
import type { PyCode } from '../objects/function.js';
import type { Frame } from './frame.js';
import { Frame as FrameClass } from './frame.js';
import type { ExprFn } from './code.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { typeType } from '../objects/typeobject.js';
import { newDict, type PyDict } from '../objects/dict.js';
import { newStr } from '../objects/str.js';
import { newTuple, PyTuple } from '../objects/tuple.js';
import { newCell, cellSet, type PyCell } from '../objects/function.js';
import { call, iterateToArray, getAttrOrNull, callBorrowed, setItem } from '../protocols/abstract.js';
import { runBody } from './call.js';
import { rt } from '../runtime.js';
import { builtinsDict } from '../builtins/registry.js';

export function buildClass(
  f: Frame,
  code: PyCode,
  name: string,
  qualname: string,
  baseFns: { star: boolean; fn: ExprFn }[],
  keywordFns: { name: string | null; fn: ExprFn }[],
  closureCells: (number | undefined)[],
): PyObject {
  const bases: PyObject[] = [];
  const kwnames: string[] = [];
  const kwvalues: PyObject[] = [];
  let meta: PyObject | null = null;
  try {
    for (const b of baseFns) {
      const v = b.fn(f);
      if (b.star) {
        bases.push(...iterateToArray(v));
        decref(v);
      } else bases.push(v);
    }
    for (const k of keywordFns) {
      const v = k.fn(f);
      if (k.name === 'metaclass') meta = v;
      else if (k.name === null) throw pyError(E.TypeError!, 'heapscope does not support **kwargs in a class statement yet');
      else {
        kwnames.push(k.name);
        kwvalues.push(v);
      }
    }
    const origBases = resolveMroEntries(bases);
    for (const b of bases) {
      if (!(b instanceof PyTypeClass)) throw pyError(E.TypeError!, `bases must be types`);
    }
    // The most derived metaclass of the explicit one and the bases' types.
    let winner: PyType = meta instanceof PyTypeClass ? meta : typeType;
    if (meta === null || meta instanceof PyTypeClass) {
      for (const b of bases) {
        const bt = b.type;
        if (winner.isSubtypeOf(bt)) continue;
        if (bt.isSubtypeOf(winner)) winner = bt;
        else throw pyError(E.TypeError!, 'metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases');
      }
    }
    const metaclass: PyObject = meta instanceof PyTypeClass || meta === null ? winner : meta;
    const ns = prepareNamespace(metaclass, name, bases);
    if (origBases !== null) {
      const key = newStr('__orig_bases__');
      try {
        setItem(ns, key, origBases);
      } finally {
        decref(key);
        decref(origBases);
      }
    }
    try {
      const bodyFrame = new FrameClass(code.body, code, f.globals, builtinsDict(), null);
      bodyFrame.ns = ns as PyDict;
      for (let k = 0; k < code.body.cellvars.length; k++) bodyFrame.cells.push(newCell(null));
      for (const j of closureCells) {
        const cell = f.cells[j!]!;
        incref(cell);
        bodyFrame.cells.push(cell);
      }
      // The body frame holds its cells: references of the frame node in the log.
      const cellSlots = [...code.body.cellSlots, ...code.body.freeSlots];
      bodyFrame.cells.forEach((c, i) => rt.ev.refAdded(bodyFrame.serial, c.serial, cellSlots[i]!));
      runBody(bodyFrame);
      const classCell = bodyFrame.retval as PyCell | null;
      bodyFrame.retval = null;
      for (const b of bases) incref(b);
      incref(metaclass);
      const cls = call(metaclass, [newStr(name), newTuple(bases.slice()), newref(ns), ...kwvalues.map((v) => newref(v))], kwnames.length ? kwnames : null);
      decref(metaclass);
      if (classCell) {
        incref(cls);
        cellSet(classCell, cls);
        decref(classCell);
      }
      void qualname;
      return cls;
    } finally {
      decref(ns);
    }
  } finally {
    for (const b of bases) decref(b);
    for (const v of kwvalues) decref(v);
    if (meta) decref(meta);
  }
}

/**
 * update_bases: a base that is not a class may stand for others through __mro_entries__
 * (`class C(Generic[T])`, `class L(list[int])`). Replaces them in `bases` (owned) and
 * returns the original bases tuple when something changed.
 */
function resolveMroEntries(bases: PyObject[]): PyObject | null {
  if (bases.every((b) => b instanceof PyTypeClass)) return null;
  const original = newTuple(bases.map((b) => newref(b)));
  const resolved: PyObject[] = [];
  try {
    for (const b of bases) {
      if (b instanceof PyTypeClass) {
        resolved.push(newref(b));
        continue;
      }
      const entries = getAttrOrNull(b, '__mro_entries__');
      if (entries === null) {
        resolved.push(newref(b));
        continue;
      }
      let r: PyObject;
      try {
        r = callBorrowed(entries, [original]);
      } finally {
        decref(entries);
      }
      if (!(r instanceof PyTuple)) {
        decref(r);
        throw pyError(E.TypeError!, '__mro_entries__ must return a tuple');
      }
      for (const x of r.items) resolved.push(newref(x));
      decref(r);
    }
  } catch (e) {
    resolved.forEach((x) => decref(x));
    decref(original);
    throw e;
  }
  for (const b of bases) decref(b);
  bases.length = 0;
  bases.push(...resolved);
  return original;
}

function prepareNamespace(metaclass: PyObject, name: string, bases: PyObject[]): PyObject {
  if (metaclass === typeType) return newDict();
  const prepare = getAttrOrNull(metaclass, '__prepare__');
  if (prepare === null) return newDict();
  try {
    const nameObj = newStr(name);
    const basesTuple = newTuple(bases.map((b) => newref(b)));
    try {
      return callBorrowed(prepare, [nameObj, basesTuple]);
    } finally {
      decref(nameObj);
      decref(basesTuple);
    }
  } finally {
    decref(prepare);
  }
}
