/**
 * Type objects: the builtin type registry, attribute lookup along the MRO (with a
 * per-type cache, as CPython's method cache), builtin methods, and the generic
 * attribute protocol (PyObject_GenericGetAttr / SetAttr).
 */
import { PyObject, PyType, type TypeFlags, type Visit } from './object.js';

/**
 * The type of `type` and of `object`; created by bootstrap (objects/bootstrap.ts) before
 * anything else.
 */
export let typeType: PyType;
export let objectType: PyType;

export function setRootTypes(type: PyType, object: PyType): void {
  typeType = type;
  objectType = object;
}

/** Every builtin type created so far, in creation order (allocated at start-up). */
export const builtinTypes: PyType[] = [];

export type BuiltinTypeOptions = Partial<TypeFlags> & {
  base?: PyType;
  basicSize?: number;
  itemSize?: number;
  module?: string;
  qualname?: string;
};

/** Create a static (builtin) type, inheriting slots from its base. */
export function makeBuiltinType(name: string, options: BuiltinTypeOptions = {}): PyType {
  const base = options.base ?? objectType;
  const t = new PyType(typeType, name, options, options.basicSize ?? base?.basicSize ?? 16);
  t.itemSize = options.itemSize ?? 0;
  t.module = options.module ?? 'builtins';
  if (options.qualname) t.qualname = options.qualname;
  if (base) {
    t.base = base;
    t.bases = [base];
    t.mro = [t, ...base.mro];
    inheritSlots(t, base);
  } else {
    t.mro = [t];
  }
  builtinTypes.push(t);
  afterTypeCreated?.(t);
  return t;
}

/** Set by bootstrap once the heap can allocate: types created later are allocated at once. */
let afterTypeCreated: ((t: PyType) => void) | null = null;
export function setAfterTypeCreated(fn: ((t: PyType) => void) | null): void {
  afterTypeCreated = fn;
}

const SLOT_FIELDS = [
  'repr', 'str', 'hash', 'richcompare', 'getattro', 'setattro', 'instanceGet', 'instanceSet', 'call', 'iter', 'iternext', 'newInstance', 'init',
  'descrGet', 'descrSet', 'length', 'getitem', 'setitem', 'contains', 'concat', 'repeat', 'inplaceConcat', 'inplaceRepeat', 'traverse', 'clear', 'dealloc', 'finalize',
  'sizeof', 'objectSize', 'freeListFor',
] as const;

/** Copy every slot the subtype does not define from its base (inherit_slots). */
export function inheritSlots(t: PyType, base: PyType): void {
  const tt = t as unknown as Record<string, unknown>;
  const bb = base as unknown as Record<string, unknown>;
  for (const f of SLOT_FIELDS) if (tt[f] === null) tt[f] = bb[f];
  if (base.sizeofFollowsItems) t.sizeofFollowsItems = true;
  const tn = t.number as unknown as Record<string, unknown>;
  const bn = base.number as unknown as Record<string, unknown>;
  for (const k of Object.keys(bn)) if (tn[k] === null) tn[k] = bn[k];
}

/** Invalidate every type's attribute cache (a class attribute or a class's bases changed). */
let globalVersion = 1;
export function typeModified(_t: PyType): void {
  globalVersion++;
}

/** _PyType_Lookup: the first definition of `name` along the MRO (borrowed), or null. */
export function lookup(t: PyType, name: string): PyObject | null {
  const cache = t.attrCache;
  if (t.attrCacheVersion !== globalVersion) {
    cache.clear();
    t.attrCacheVersion = globalVersion;
  } else {
    const hit = cache.get(name);
    if (hit !== undefined) return hit;
  }
  let value: PyObject | null = null;
  const mro = t.mro;
  for (let i = 0; i < mro.length; i++) {
    const d = mro[i]!.dict;
    if (d !== null) {
      const v = dictGetStr(d, name);
      if (v !== null) {
        value = v;
        break;
      }
    }
  }
  cache.set(name, value);
  return value;
}

/** Bound by objects/dict.ts (a dict lookup by a JS string key, borrowed result). */
export let dictGetStr: (d: PyObject, key: string) => PyObject | null;
export function bindDictGetStr(fn: typeof dictGetStr): void {
  dictGetStr = fn;
}

/** tp_traverse of a type object: its dict, bases, MRO tuple and base. */
export type TypeTraverse = (t: PyType, visit: Visit) => void;
