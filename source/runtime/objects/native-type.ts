/**
 * Builtin (C-implemented in CPython) types created after start-up, as extension modules
 * create theirs when imported: collections.deque, itertools.count, functools.partial ...
 * The slots a type sets itself become its dunder methods (wrapper descriptors); the rest
 * are inherited from its bases, as PyType_Ready does.
 */
import { PyObject, PyType } from './object.js';
import { makeBuiltinType, inheritSlots, type BuiltinTypeOptions } from './typeobject.js';
import { installSlotMethods } from './slot-methods.js';
import { defineAttribute } from '../builtins/args.js';
import { newGetSetDescriptor } from './descriptors.js';

const SLOT_FIELDS = [
  'repr', 'str', 'hash', 'richcompare', 'call', 'iter', 'iternext', 'newInstance', 'init', 'descrGet', 'length',
  'getitem', 'setitem', 'contains',
] as const;

/**
 * Create a builtin type: `setup` fills its slots; then the slots that differ from the
 * base's are exposed as dunder methods and the remaining ones inherited.
 */
export function nativeType(name: string, options: BuiltinTypeOptions, setup: (t: PyType) => void): PyType {
  const t = makeBuiltinType(name, options);
  const base = t.base;
  // makeBuiltinType copied the base's slots; forget them so that only the type's own
  // slots become methods in its dict.
  const own = t as unknown as Record<string, unknown>;
  if (base) {
    const b = base as unknown as Record<string, unknown>;
    for (const f of SLOT_FIELDS) if (own[f] === b[f]) own[f] = null;
    const tn = t.number as unknown as Record<string, unknown>;
    const bn = base.number as unknown as Record<string, unknown>;
    for (const k of Object.keys(bn)) if (tn[k] === bn[k]) tn[k] = null;
  }
  setup(t);
  installSlotMethods(t);
  for (const c of t.mro.slice(1)) inheritSlots(t, c);
  return t;
}

/** A read-only (or settable) attribute of a builtin type, as a getset descriptor. */
export function defineGetter(
  t: PyType,
  name: string,
  get: (o: PyObject) => PyObject,
  set: ((o: PyObject, v: PyObject | null) => void) | null = null,
): void {
  defineAttribute(t, name, newGetSetDescriptor(name, t, get, set));
}
