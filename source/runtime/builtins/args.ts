/**
 * Argument handling for builtin functions and methods: binding positional and keyword
 * arguments to parameter names, with CPython's error messages, and the helpers that
 * install builtin methods into a type's dict.
 */
import type { PyObject, PyType } from '../objects/object.js';
import { pyError } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { newMethodDescriptor, newBuiltinFunction, type BuiltinImpl } from '../objects/function.js';
import { dictSetSteal, newDict, type PyDict } from '../objects/dict.js';
import { internStr } from '../objects/str.js';
import { rt } from '../runtime.js';
import { typeModified } from '../objects/typeobject.js';
import { newWrapper, staticmethodType } from '../objects/descriptors.js';
import { decref } from '../heap/refcount.js';

export type Bound = (PyObject | undefined)[];

/**
 * Bind `args` (last kwnames.length by keyword) to `names`. Parameters after `maxPositional`
 * are keyword-only; the first `required` are required. Returns values by parameter index.
 */
export function bindArgs(
  fname: string,
  args: readonly PyObject[],
  kwnames: readonly string[] | null,
  names: readonly string[],
  required = names.length,
  maxPositional = names.length,
): Bound {
  const nkw = kwnames ? kwnames.length : 0;
  const npos = args.length - nkw;
  if (npos > maxPositional) {
    if (maxPositional === required) {
      throw pyError(E.TypeError!, `${fname}() takes ${plural(maxPositional, 'positional argument')} but ${npos} ${npos === 1 ? 'was' : 'were'} given`);
    }
    throw pyError(E.TypeError!, `${fname}() takes at most ${plural(maxPositional, 'argument')} (${npos} given)`);
  }
  const out: Bound = new Array(names.length).fill(undefined);
  for (let i = 0; i < npos; i++) out[i] = args[i];
  for (let k = 0; k < nkw; k++) {
    const name = kwnames![k]!;
    const i = names.indexOf(name);
    if (i < 0) throw pyError(E.TypeError!, `${fname}() got an unexpected keyword argument '${name}'`);
    if (out[i] !== undefined) throw pyError(E.TypeError!, `argument for ${fname}() given by name ('${name}') and position (${i + 1})`);
    out[i] = args[npos + k];
  }
  for (let i = 0; i < required; i++) {
    if (out[i] === undefined) {
      if (nkw === 0 && i >= npos) {
        throw pyError(E.TypeError!, `${fname}() missing required argument '${names[i]}' (pos ${i + 1})`);
      }
      throw pyError(E.TypeError!, `${fname}() missing required argument '${names[i]}' (pos ${i + 1})`);
    }
  }
  return out;
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** No keyword arguments allowed. */
export function noKeywords(fname: string, kwnames: readonly string[] | null): void {
  if (kwnames && kwnames.length) throw pyError(E.TypeError!, `${fname}() takes no keyword arguments`);
}

/** METH_O: exactly one positional argument. */
export function exactlyOne(fname: string, args: readonly PyObject[], kwnames: readonly string[] | null): PyObject {
  noKeywords(fname, kwnames);
  if (args.length !== 1) throw pyError(E.TypeError!, `${fname}() takes exactly one argument (${args.length} given)`);
  return args[0]!;
}

/** METH_NOARGS. */
export function noArgs(fname: string, args: readonly PyObject[], kwnames: readonly string[] | null): void {
  noKeywords(fname, kwnames);
  if (args.length) throw pyError(E.TypeError!, `${fname}() takes no arguments (${args.length} given)`);
}

/** Positional-only arguments between min and max (METH_VARARGS + PyArg_UnpackTuple). */
export function positional(fname: string, args: readonly PyObject[], kwnames: readonly string[] | null, min: number, max: number): PyObject[] {
  noKeywords(fname, kwnames);
  if (args.length < min) {
    throw pyError(E.TypeError!, min === max ? `${fname} expected ${plural(min, 'argument')}, got ${args.length}` : `${fname} expected at least ${plural(min, 'argument')}, got ${args.length}`);
  }
  if (args.length > max) {
    throw pyError(E.TypeError!, min === max ? `${fname} expected ${plural(max, 'argument')}, got ${args.length}` : `${fname} expected at most ${plural(max, 'argument')}, got ${args.length}`);
  }
  return args as PyObject[];
}

/** The dunder names that stand for a type slot (typeobject.c's slotdefs). */
const SLOT_NAMES = new Set(
  ('__getattribute__ __getattr__ __setattr__ __delattr__ __repr__ __hash__ __call__ __str__ ' +
    '__lt__ __le__ __eq__ __ne__ __gt__ __ge__ __iter__ __next__ __get__ __set__ __delete__ __init__ __del__ ' +
    '__await__ __aiter__ __anext__ __neg__ __pos__ __abs__ __bool__ __invert__ __int__ __float__ __index__ ' +
    '__len__ __getitem__ __setitem__ __delitem__ __contains__').split(' '),
);
for (const op of 'add sub mul matmul truediv floordiv mod divmod pow lshift rshift and or xor'.split(' ')) {
  SLOT_NAMES.add(`__${op}__`).add(`__r${op}__`);
  if (op !== 'divmod') SLOT_NAMES.add(`__i${op}__`);
}
/** Slot dunders that some types define as ordinary methods too (METH_COEXIST). */
const COEXIST = new Set(['list.__getitem__', 'dict.__getitem__', 'dict.__contains__', 'set.__contains__', 'frozenset.__contains__']);

/**
 * Put builtin methods into a type's dict: slot dunders become wrapper_descriptors
 * (`<slot wrapper '__add__' of 'int' objects>`), the rest method_descriptors.
 */
export function defineMethods(t: PyType, methods: Record<string, BuiltinImpl>): void {
  if (t.dict === null) {
    t.dict = newDict();
  }
  const d = t.dict as PyDict;
  for (const [name, impl] of Object.entries(methods)) {
    const kind = SLOT_NAMES.has(name) && !COEXIST.has(`${t.name}.${name}`) ? 'slot' : 'method';
    dictSetSteal(d, internStr(name), newMethodDescriptor(name, impl, t, kind));
  }
  typeModified(t);
}

/** Class methods of a builtin type (dict.fromkeys, int.from_bytes, ...). */
export function defineClassMethods(t: PyType, methods: Record<string, BuiltinImpl>): void {
  if (t.dict === null) t.dict = newDict();
  for (const [name, impl] of Object.entries(methods)) {
    dictSetSteal(t.dict as PyDict, internStr(name), newMethodDescriptor(name, impl, t, 'classmethod'));
  }
  typeModified(t);
}

/** Static builtin functions in a type's dict (str.maketrans, __new__). */
export function defineStatic(t: PyType, name: string, impl: BuiltinImpl): void {
  if (t.dict === null) t.dict = newDict();
  const f = newBuiltinFunction(name, impl, null, t.name);
  dictSetSteal(t.dict as PyDict, internStr(name), newWrapper(staticmethodType, f));
  decref(f);
  typeModified(t);
}

/** T.__new__: a builtin function bound to the type, as tp_new_wrapper is. */
export function defineNew(t: PyType, impl: BuiltinImpl): void {
  if (t.dict === null) t.dict = newDict();
  dictSetSteal(t.dict as PyDict, internStr('__new__'), newBuiltinFunction('__new__', impl, t, t.name));
  typeModified(t);
}

/** Put a plain value into a type's dict (class attributes of builtins). */
export function defineAttribute(t: PyType, name: string, value: PyObject): void {
  if (t.dict === null) t.dict = newDict();
  dictSetSteal(t.dict as PyDict, internStr(name), value);
  typeModified(t);
}

export { rt };
