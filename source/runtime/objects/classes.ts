/**
 * Classes: `object` and `type` behaviour, creating a class from a class statement
 * (type_new: MRO, __slots__, instance layout, the class dict with its __dict__ and
 * __weakref__ descriptors), instantiation (type_call), and super().
 */
import { PyObject, PyType, EQ, NE, type Visit } from './object.js';
import { builtinTypes, lookup, objectType, typeModified, typeType, inheritSlots } from './typeobject.js';
import { rt } from '../runtime.js';
import { decref, incref, newref, xdecref } from '../heap/refcount.js';
import { pyError, type PyRaise } from '../errors.js';
import { E } from './exceptions.js';
import { None, NotImplemented, newNone, newNotImplemented } from './singletons.js';
import { newBool, True, False, newInt } from './int.js';
import { PyStr, internStr, newStr, strType } from './str.js';
import { PyTuple, newTuple, newTupleFrom, newEmptyTuple, tupleType, indexSlot } from './tuple.js';
import { PyDict, dictGetStr, dictSetSteal, dictDelStr, newDict, dictItems, dictType } from './dict.js';
import { EventKind } from '../../events/kinds.js';
import {
  addressOf, call, callBorrowed, defaultRepr, genericGetAttr, genericSetAttr, iterateToArray, isTrue, repr, typeName, hashNotImplemented,
} from '../protocols/abstract.js';
import {
  PyInstance, SharedKeys, SHARED_KEYS_TABLE_BYTES, instanceClear, instanceDealloc, instanceDictGet, instanceDictSet, instanceGet, instanceSet,
  instanceTraverse, newInstance, visitSlots, clearSlots,
} from './instance-values.js';
import { installSlotWrappers, dunderChanged } from './slot-wrappers.js';
import { newGetSetDescriptor, newMemberDescriptor, newWrapper, classmethodType, staticmethodType } from './descriptors.js';
import { PyFunction } from './function.js';
import { listType } from './list.js';
import { intType } from './int.js';
import { addSubclass, removeSubclass, releaseSubclassDict } from './subclasses.js';
import { labelSlot } from './slot-labels.js';

// ---------------------------------------------------------------- object

/** CPython's _Py_HashPointer: the address rotated right by 4 bits. */
export function pointerHash(o: PyObject): number {
  const h = Math.floor(o.addr / 16);
  return h === -1 ? -2 : h;
}

export function initObjectSlots(): void {
  const o = objectType;
  o.repr = (self) => newStr(defaultRepr(self));
  o.hash = pointerHash;
  o.richcompare = (self, other, op) => {
    if (op === EQ) return self === other ? newBool(true) : newNotImplemented();
    if (op === NE) {
      const eq = self.type.richcompare;
      if (eq === null) return newNotImplemented();
      const r = eq(self, other, EQ);
      if (r === NotImplemented) return r;
      const t = isTrue(r);
      decref(r);
      return newBool(!t);
    }
    return newNotImplemented();
  };
  o.getattro = genericGetAttr;
  o.setattro = genericSetAttr;
  o.newInstance = (t, args, kw) => {
    if ((args.length || kw?.length) && (t.newInstance !== objectType.newInstance || t.init === objectType.init)) {
      if (t.newInstance !== objectType.newInstance) throw pyError(E.TypeError!, 'object.__new__() takes exactly one argument (the type to instantiate)');
      throw pyError(E.TypeError!, `${t.name}() takes no arguments`);
    }
    if (t.abstract) throw abstractInstantiation(t);
    if (t === objectType) {
      const obj = new PyObject(objectType);
      rt.heap.allocate(obj, false);
      return obj;
    }
    return newInstance(t);
  };
  o.init = (self, args, kw) => {
    if (args.length || kw?.length) {
      const t = self.type;
      if (t.init !== objectType.init) throw pyError(E.TypeError!, 'object.__init__() takes exactly one argument (the instance to initialize)');
      if (t.newInstance === objectType.newInstance) throw pyError(E.TypeError!, `${t.name}() takes no arguments`);
    }
  };
  o.call = null;
}

/** object_new's error for a class whose __abstractmethods__ is not empty. */
function abstractInstantiation(t: PyType): PyRaise {
  const names = iterateToArray(dictGetStr(t.dict!, '__abstractmethods__')!);
  const strs = names.map((n) => (n instanceof PyStr ? n.v : repr(n))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  names.forEach((n) => decref(n));
  return pyError(E.TypeError!, `Can't instantiate abstract class ${t.name} with abstract method${strs.length > 1 ? 's' : ''} ${strs.join(', ')}`);
}

// ---------------------------------------------------------------- type

export function initTypeSlots(): void {
  const t = typeType;
  t.flags.gc = true;
  t.flags.ownDict = true; // a metaclass's instances (classes) keep their dict in the type object
  t.flags.weakrefable = true;
  t.basicSize = 880;
  // type.__sizeof__: PyHeapTypeObject, plus the cached shared keys of instances with a
  // managed dict (absent for subclasses of exceptions, which keep their own dict)
  t.sizeof = (self) => ((self as PyType).flags.heap ? ((self as PyType).sharedKeys ? 1672 : 904) : 408);
  // type_new's allocation: PyHeapTypeObject plus one PyMemberDef (40 bytes) per slot and a sentinel.
  t.objectSize = (self) => 880 + 40 * ((self as PyType).slotNames.length + 1);
  t.repr = (self) => {
    const c = self as PyType;
    const mod = c.module && c.module !== 'builtins' ? `${c.module}.` : '';
    return newStr(`<class '${mod}${c.qualname}'>`);
  };
  t.call = typeCall;
  t.getattro = typeGetAttr;
  t.setattro = typeSetAttr;
  t.hash = pointerHash;
  t.traverse = (self, visit: Visit) => {
    const c = self as PyType;
    if (!c.flags.heap) return;
    if (c.dict) visit(c.dict, labelSlot('__dict__'));
    const bases = classBases.get(c);
    if (bases) visit(bases.tuple, labelSlot('__bases__'));
    if (bases) visit(bases.mro, labelSlot('__mro__'));
    if (c.base) visit(c.base, labelSlot('__base__'));
  };
  t.clear = (self) => {
    const c = self as PyType;
    if (!c.flags.heap) return;
    const d = c.dict;
    if (d) {
      c.dict = null;
      rt.ev.refRemoved(c.serial, d.serial, labelSlot('__dict__'));
      decref(d);
      typeModified(c);
    }
    const bases = classBases.get(c);
    if (bases) {
      classBases.delete(c);
      rt.ev.refRemoved(c.serial, bases.tuple.serial, labelSlot('__bases__'));
      rt.ev.refRemoved(c.serial, bases.mro.serial, labelSlot('__mro__'));
      decref(bases.tuple);
      decref(bases.mro);
    }
  };
  t.dealloc = (self) => {
    const c = self as PyType;
    if (c.flags.heap) for (const b of c.bases) removeSubclass(b, c);
    t.clear!(c);
    if (c.flags.heap) releaseSubclassDict(c);
    if (c.sharedKeys !== null && c.sharedKeys.keysAddr !== 0) {
      rt.heap.allocator.free(c.sharedKeys.keysAddr);
      c.sharedKeys.keysAddr = 0;
    }
    if (c.base && c.flags.heap) {
      const b = c.base;
      decref(b);
    }
  };
}

/** The tuples a class keeps: __bases__ and __mro__ (owned). */
const classBases = new WeakMap<PyType, { tuple: PyTuple; mro: PyTuple }>();

/** A type's __bases__ and __mro__ tuples if made yet (for tests that compare with the log). */
export function madeClassTuples(cls: PyType): { tuple: PyTuple; mro: PyTuple } | null {
  return classBases.get(cls) ?? null;
}

/**
 * type_call: tp_new, then tp_init when the result is an instance of the type.
 *
 * Calling a type that has no vectorcall in 3.11 (classes, int, str, exceptions, ...)
 * goes through _PyObject_MakeTpCall, which packs the positional arguments into a tuple
 * and keyword arguments into a dict for the duration of the call: one more reference to
 * each argument inside __init__, and GC allocations that show in gc.get_count() when the
 * free lists are empty. BaseException keeps that very tuple as its args.
 */
export function typeCall(self: PyObject, args: PyObject[], kw: readonly string[] | null): PyObject {
  const t = self as PyType;
  try {
    if (t === typeType && args.length === 1 && !kw?.length) return newref(args[0]!.type);
    const make = t.newInstance;
    if (make === null) throw pyError(E.TypeError!, `cannot create '${t.name}' instances`);
    if (t.vectorcall) return newAndInit(t, make, args, kw);
    const nkw = kw ? kw.length : 0;
    const npos = args.length - nkw;
    const tuple = npos ? newTupleFrom(args.slice(0, npos)) : newEmptyTuple();
    let kwdict: PyDict | null = null;
    if (nkw) {
      kwdict = newDict();
      for (let i = 0; i < nkw; i++) dictSetSteal(kwdict, internStr(kw![i]!), newref(args[npos + i]!));
    }
    const saved = tpCallArgs;
    tpCallArgs = { args, tuple };
    try {
      return newAndInit(t, make, args, kw);
    } finally {
      tpCallArgs = saved;
      decref(tuple);
      if (kwdict) decref(kwdict);
    }
  } finally {
    for (const a of args) decref(a);
  }
}

function newAndInit(t: PyType, make: NonNullable<PyType['newInstance']>, args: PyObject[], kw: readonly string[] | null): PyObject {
  const obj = make(t, args, kw);
  if (!obj.type.isSubtypeOf(t)) return obj;
  const init = obj.type.init;
  if (init !== null) {
    try {
      init(obj, args, kw);
    } catch (e) {
      decref(obj);
      throw e;
    }
  }
  return obj;
}

let tpCallArgs: { args: PyObject[]; tuple: PyTuple } | null = null;

/** The argument tuple _PyObject_MakeTpCall built for this very call (borrowed), if any. */
export function tpCallArgsTuple(args: PyObject[]): PyTuple | null {
  return tpCallArgs !== null && tpCallArgs.args === args ? tpCallArgs.tuple : null;
}

function typeGetAttr(self: PyObject, name: string): PyObject {
  const cls = self as PyType;
  const meta = cls.type;
  const metaAttr = lookup(meta, name);
  let metaGet = null;
  if (metaAttr !== null) {
    metaGet = metaAttr.type.descrGet;
    if (metaGet !== null && metaAttr.type.descrSet !== null) return metaGet(metaAttr, cls, meta);
  }
  const attr = lookup(cls, name);
  if (attr !== null) {
    const get = attr.type.descrGet;
    if (get !== null) return get(attr, null, cls);
    return newref(attr);
  }
  if (metaGet !== null) return metaGet(metaAttr!, cls, meta);
  if (metaAttr !== null) return newref(metaAttr);
  const special = typeSpecialAttr(cls, name);
  if (special !== null) return special;
  throw pyError(E.AttributeError!, `type object '${cls.name}' has no attribute '${name}'`);
}

/** type's getset descriptors (type.__dict__['__name__'], ...): data descriptors, so they win over the class's own entries. */
export const TYPE_DATA_ATTRS = new Set([
  '__name__', '__qualname__', '__module__', '__mro__', '__bases__', '__base__', '__dict__', '__class__',
  '__basicsize__', '__itemsize__', '__dictoffset__', '__weakrefoffset__', '__flags__',
]);

/** Attributes every class has without a dict entry (__name__, __mro__, ...). */
export function typeSpecialAttr(cls: PyType, name: string): PyObject | null {
  switch (name) {
    case '__name__':
      // type_name: a static type's tp_name may carry its module ("weakref.ReferenceType").
      return newStr(cls.flags.heap ? cls.name : cls.name.slice(cls.name.lastIndexOf('.') + 1));
    case '__qualname__':
      return newStr(cls.qualname);
    case '__module__': {
      // Heap types keep it in their dict (assignable); builtins derive it from tp_name.
      const m = cls.flags.heap && cls.dict ? dictGetStr(cls.dict as PyDict, '__module__') : null;
      return m ? newref(m) : newStr(cls.module);
    }
    case '__mro__':
      return newref(classTuples(cls).mro);
    case '__bases__':
      return newref(classTuples(cls).tuple);
    case '__base__':
      return cls.base ? newref(cls.base) : newNone();
    case '__dict__':
      return newMappingProxy(cls);
    case '__doc__':
      return newNone();
    case '__class__':
      return newref(cls.type);
    case '__basicsize__':
      return newInt(cls.basicSize + (cls.flags.gc ? 0 : 0));
    case '__itemsize__':
      return newInt(cls.itemSize);
    case '__dictoffset__':
      return newInt(cls.flags.managedDict ? -48 : 0);
    case '__weakrefoffset__':
      return newInt(cls.flags.weakrefable && cls.flags.heap ? cls.basicSize - 8 : 0);
    case '__flags__':
      return newInt(0);
    default:
      return null;
  }
}

/** __bases__/__mro__ tuples; builtin types get theirs on first use. */
function classTuples(cls: PyType): { tuple: PyTuple; mro: PyTuple } {
  let entry = classBases.get(cls);
  if (!entry) {
    // A builtin type's tp_bases/tp_mro exist from start-up in CPython: made on first use
    // here, as start-up objects (no count change), held by the type.
    entry = rt.heap.asStartup(() => {
      for (const b of cls.bases) incref(b);
      for (const m of cls.mro) incref(m);
      const made = { tuple: newTuple(cls.bases.slice()), mro: newTuple(cls.mro.slice()) };
      rt.ev.refAdded(cls.serial, made.tuple.serial, labelSlot('__bases__'));
      rt.ev.refAdded(cls.serial, made.mro.serial, labelSlot('__mro__'));
      return made;
    });
    classBases.set(cls, entry);
  }
  return entry;
}

let mappingProxyFactory: (cls: PyType) => PyObject = (cls) => newref(cls.dict!);
export function bindMappingProxy(fn: (cls: PyType) => PyObject): void {
  mappingProxyFactory = fn;
}
function newMappingProxy(cls: PyType): PyObject {
  return mappingProxyFactory(cls);
}

function typeSetAttr(self: PyObject, name: string, value: PyObject | null): void {
  const cls = self as PyType;
  const metaAttr = lookup(cls.type, name);
  if (metaAttr !== null && metaAttr.type.descrSet !== null) {
    metaAttr.type.descrSet(metaAttr, cls, value);
    return;
  }
  if (!cls.flags.heap) {
    throw pyError(E.TypeError!, `cannot set '${name}' attribute of immutable type '${cls.name}'`);
  }
  if (name === '__name__' && value instanceof PyStr) {
    cls.name = value.v;
    return;
  }
  if (name === '__qualname__' && value instanceof PyStr) {
    cls.qualname = value.v;
    return;
  }
  // type.__abstractmethods__ also sets Py_TPFLAGS_IS_ABSTRACT, which object.__new__ checks.
  if (name === '__abstractmethods__') cls.abstract = value !== null && isTrue(value);
  const d = cls.dict as PyDict;
  if (value === null) {
    if (!dictDelStr(d, name)) throw pyError(E.AttributeError!, `type object '${cls.name}' has no attribute '${name}'`);
  } else {
    incref(value);
    dictSetSteal(d, internStr(name), value);
  }
  typeModified(cls);
  if (name.startsWith('__') && name.endsWith('__')) {
    for (const sub of allHeapTypes()) if (sub.isSubtypeOf(cls)) dunderChanged(sub, name);
  }
}

/** Heap types are tracked to re-dispatch slots when a dunder changes on a base class. */
const heapTypes = new Set<WeakRef<PyType>>();
function* allHeapTypes(): Generator<PyType> {
  for (const ref of heapTypes) {
    const t = ref.deref();
    if (t) yield t;
    else heapTypes.delete(ref);
  }
}

// ---------------------------------------------------------------- MRO

/** C3 linearization of a new class (mro_implementation). */
export function computeMro(t: PyType, bases: PyType[]): PyType[] {
  const seqs = [...bases.map((b) => b.mro.slice()), bases.slice()];
  const out: PyType[] = [t];
  for (;;) {
    const nonEmpty = seqs.filter((s) => s.length);
    if (!nonEmpty.length) return out;
    let candidate: PyType | null = null;
    for (const s of nonEmpty) {
      const head = s[0]!;
      if (!nonEmpty.some((other) => other.indexOf(head) > 0)) {
        candidate = head;
        break;
      }
    }
    if (candidate === null) {
      throw pyError(E.TypeError!, `Cannot create a consistent method resolution\norder (MRO) for bases ${bases.map((b) => b.name).join(', ')}`);
    }
    out.push(candidate);
    for (const s of nonEmpty) if (s[0] === candidate) s.shift();
  }
}

// ---------------------------------------------------------------- class creation

/** The builtin type whose instance layout a class extends (solid_base / best_base). */
function solidBase(t: PyType): PyType {
  let b: PyType = t;
  while (b.flags.heap && b.base) b = b.base;
  return b;
}

function bestBase(bases: PyType[]): PyType {
  let winner: PyType | null = null;
  let winnerSolid: PyType | null = null;
  for (const b of bases) {
    if (!b.flags.baseType) throw pyError(E.TypeError!, `type '${b.name}' is not an acceptable base type`);
    const solid = layoutOf(b);
    if (winner === null) {
      winner = b;
      winnerSolid = solid;
    } else if (isLayoutSubtype(winnerSolid!, solid)) {
      // keep winner
    } else if (isLayoutSubtype(solid, winnerSolid!)) {
      winner = b;
      winnerSolid = solid;
    } else {
      throw pyError(E.TypeError!, 'multiple bases have instance lay-out conflict');
    }
  }
  return winner ?? objectType;
}

/**
 * The class that decides a class's layout (solid_base): the nearest class with slots, or
 * builtin type that adds fields to its base (KeyError and IndexError share BaseException's).
 */
function layoutOf(t: PyType): PyType {
  let b: PyType = t;
  while (b.base) {
    if (b.flags.heap ? b.slotNames.some((n) => n !== '__dict__' && n !== '__weakref__') : b.basicSize !== b.base.basicSize || b.itemSize !== b.base.itemSize) break;
    b = b.base;
  }
  return b;
}

function isLayoutSubtype(a: PyType, b: PyType): boolean {
  return a.isSubtypeOf(b) || b === objectType;
}

export type ClassSpec = {
  metatype: PyType;
  name: string;
  bases: PyType[];
  namespace: PyDict;
  kwnames: string[];
  kwvalues: PyObject[];
};

/** type.__new__(metatype, name, bases, namespace, **kwargs): returns a new class. */
export function createClass(spec: ClassSpec): PyType {
  const { metatype, name, namespace } = spec;
  const bases = spec.bases.length ? spec.bases : [objectType];
  const base = bestBase(bases);
  const solid = solidBase(base);

  // __slots__
  let slotNames: string[] | null = null;
  const slotsObj = dictGetStr(namespace, '__slots__');
  if (slotsObj !== null) {
    const items = slotsObj instanceof PyStr ? [newref(slotsObj)] : iterateToArray(slotsObj);
    slotNames = [];
    for (const item of items) {
      if (!(item instanceof PyStr)) {
        const tn = typeName(item);
        items.forEach((x) => decref(x));
        throw pyError(E.TypeError!, `__slots__ items must be strings, not '${tn}'`);
      }
      slotNames.push(item.v);
    }
    items.forEach((x) => decref(x));
    for (const s of slotNames) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) throw pyError(E.TypeError!, '__slots__ must be identifiers');
      if (s !== '__dict__' && s !== '__weakref__' && dictGetStr(namespace, s) !== null) {
        throw pyError(E.ValueError!, `'${s}' in __slots__ conflicts with class variable`);
      }
    }
    const real = slotNames.filter((s) => s !== '__dict__' && s !== '__weakref__');
    if (real.length && (solid === intType || solid === tupleType || solid.isSubtypeOf(intType) || solid.name === 'bytes')) {
      throw pyError(E.TypeError!, `nonempty __slots__ not supported for subtype of '${solid.name}'`);
    }
  }

  const baseHasDict = base.flags.managedDict || hasDictStorage(base);
  const wantsDict = slotNames === null ? !baseHasDict : slotNames.includes('__dict__') && !baseHasDict;
  // Variable-size bases (int, tuple, bytes) keep the dict pointer at the end of the
  // object (tp_dictoffset) instead of a managed dict, and cannot add __weakref__.
  const varSized = solid.itemSize > 0;
  const mayAddWeak = !varSized && !base.flags.weakrefable;
  if (slotNames !== null && slotNames.includes('__weakref__') && !mayAddWeak) {
    throw pyError(E.TypeError!, '__weakref__ slot disallowed: either we already got one, or the itemsize is nonzero');
  }
  const wantsWeakref = mayAddWeak && (slotNames === null || slotNames.includes('__weakref__'));
  const ownSlots = (slotNames ?? []).filter((s) => s !== '__dict__' && s !== '__weakref__');

  const t = new PyType(metatype, name, {
    gc: true,
    heap: true,
    baseType: true,
    weakrefable: base.flags.weakrefable || wantsWeakref,
    managedDict: !varSized && (base.flags.managedDict || wantsDict),
  });
  if (wantsDict && base.itemSize !== 0) t.itemDict = true;
  t.base = base;
  t.bases = bases;
  t.slotNames = ownSlots;
  t.slotCount = base.slotCount + ownSlots.length;
  t.basicSize = base.basicSize + 8 * ownSlots.length + (wantsWeakref ? 8 : 0) + (varSized && wantsDict ? 8 : 0);
  t.itemSize = base.itemSize;
  t.module = strOf(dictGetStr(namespace, '__module__')) ?? '__main__';
  t.qualname = strOf(dictGetStr(namespace, '__qualname__')) ?? name;
  t.mro = computeMro(t, bases);
  inheritFromBases(t);
  if (t.flags.managedDict) {
    // _PyDict_NewKeysForClass: a 64-slot str-keys table (32 + 64 + 42·16 = 768 bytes), held until the class goes.
    t.sharedKeys = new SharedKeys();
    t.sharedKeys.keysAddr = rt.heap.allocator.malloc(SHARED_KEYS_TABLE_BYTES);
  }
  if (solid === objectType) {
    t.instanceGet = instanceGet;
    t.instanceSet = instanceSet;
    t.traverse = instanceTraverse;
    t.clear = instanceClear;
    t.dealloc = instanceDealloc;
    t.sizeof = () => t.basicSize;
  } else {
    installBuiltinSubclassStorage(t, solid);
  }

  incref(base); // tp_base
  rt.heap.allocate(t, true);
  heapTypes.add(new WeakRef(t));
  rt.ev.emit(EventKind.TypeNamed, t.serial, rt.ev.strings.intern(name));

  // The class dict: a copy of the namespace plus the descriptors type_new adds.
  const d = newDict();
  for (const [k, v] of dictItems(namespace)) {
    if (k instanceof PyStr && k.v === '__qualname__') continue;
    incref(k);
    incref(v);
    dictSetSteal(d, k, v);
  }
  t.dict = d;
  rt.ev.refAdded(t.serial, d.serial, labelSlot('__dict__'));
  if (dictGetStr(d, '__module__') === null) dictSetSteal(d, internStr('__module__'), newStr(t.module));
  wrapImplicitMethods(d, '__new__', staticmethodType);
  wrapImplicitMethods(d, '__init_subclass__', classmethodType);
  wrapImplicitMethods(d, '__class_getitem__', classmethodType);
  const baseSlotCount = base.slotCount;
  ownSlots.forEach((s, i) => dictSetSteal(d, internStr(s), newMemberDescriptor(s, t, baseSlotCount + i)));
  if (wantsDict && solid === objectType) {
    dictSetSteal(d, internStr('__dict__'), newGetSetDescriptor('__dict__', t, instanceDictGet, instanceDictSet));
  } else if (wantsDict && !solid.flags.ownDict) {
    dictSetSteal(d, internStr('__dict__'), newGetSetDescriptor('__dict__', t, extraDictGet, extraDictSet));
  }
  if (wantsWeakref) {
    dictSetSteal(d, internStr('__weakref__'), newGetSetDescriptor('__weakref__', t, weakrefListGet, null));
  }
  // PyType_Ready adds __doc__ after the getset descriptors (type_dict_set_doc).
  if (dictGetStr(d, '__doc__') === null) dictSetSteal(d, internStr('__doc__'), newNone());
  if (dictGetStr(d, '__eq__') !== null && dictGetStr(d, '__hash__') === null) dictSetSteal(d, internStr('__hash__'), newNone());
  // __bases__ and __mro__ tuples.
  for (const b of bases) incref(b);
  for (const m of t.mro) incref(m);
  const basesTuple = newTuple(bases.slice());
  const mroTuple = newTuple(t.mro.slice());
  classBases.set(t, { tuple: basesTuple, mro: mroTuple });
  rt.ev.refAdded(t.serial, basesTuple.serial, labelSlot('__bases__'));
  rt.ev.refAdded(t.serial, mroTuple.serial, labelSlot('__mro__'));
  rt.ev.refAdded(t.serial, base.serial, labelSlot('__base__'));
  for (const b of bases) addSubclass(b, t);

  installSlotWrappers(t);
  if (lookup(t, '__hash__') === None) t.hash = hashNotImplemented;
  // A __new__ written in Python (anywhere up the MRO before a builtin one) drives tp_new.
  const newOwner = t.mro.find((c) => c.dict !== null && dictGetStr(c.dict, '__new__') !== null);
  if (newOwner !== undefined && newOwner.flags.heap) t.newInstance = slotNew;
  typeModified(t);

  callSetName(t, d);
  callInitSubclass(t, spec.kwnames, spec.kwvalues);
  return t;
}

function strOf(o: PyObject | null): string | null {
  return o instanceof PyStr ? o.v : null;
}

function hasDictStorage(t: PyType): boolean {
  return t.mro.some((c) => c.slotNames.includes('__dict__') || c.itemDict || c.flags.ownDict === true) || t.mro.some((c) => c.name === 'BaseException' && !c.flags.heap) || t.mro.some((c) => c.name === 'function');
}

function inheritFromBases(t: PyType): void {
  for (const c of t.mro.slice(1)) inheritSlots(t, c);
}

function wrapImplicitMethods(d: PyDict, name: string, wrapperType: PyType): void {
  const f = dictGetStr(d, name);
  if (f instanceof PyFunction) {
    dictSetSteal(d, internStr(name), newWrapper(wrapperType, f));
  }
}

/** tp_new of a class with a Python __new__: call it as a static method. */
function slotNew(t: PyType, args: PyObject[], kw: readonly string[] | null): PyObject {
  const f = lookup(t, '__new__')!;
  const fn = f.type.descrGet ? f.type.descrGet(f, null, t) : newref(f);
  try {
    incref(t);
    return call(fn, [t, ...args.map((a) => newref(a))], kw);
  } finally {
    decref(fn);
  }
}

/** type_new_set_names: __set_name__ of the attributes, over a copy of the class dict. */
function callSetName(t: PyType, d: PyDict): void {
  const names = newDict();
  for (const [k, v] of dictItems(d)) dictSetSteal(names, newref(k), newref(v));
  try {
    for (const [k, v] of dictItems(names)) {
      const setName = lookup(v.type, '__set_name__');
      if (setName === null) continue;
      const bound = setName.type.descrGet ? setName.type.descrGet(setName, v, v.type) : newref(setName);
      try {
        decref(callBorrowed(bound, [t, k]));
      } finally {
        decref(bound);
      }
    }
  } finally {
    decref(names);
  }
}

function callInitSubclass(t: PyType, kwnames: string[], kwvalues: PyObject[]): void {
  // super(t, t).__init_subclass__(**kwargs)
  for (const c of t.mro.slice(1)) {
    const f = c.dict ? dictGetStr(c.dict, '__init_subclass__') : null;
    if (f === null) continue;
    if (f.type === classmethodType || f instanceof PyFunction) {
      const bound = f.type.descrGet!(f, null, t);
      try {
        decref(callBorrowed(bound, kwvalues, kwnames.length ? kwnames : null));
      } finally {
        decref(bound);
      }
      return;
    }
    break;
  }
  if (kwnames.length) throw pyError(E.TypeError!, `${t.name}.__init_subclass__() takes no keyword arguments`);
}

function weakrefListGet(o: PyObject): PyObject {
  const refs = o.weakrefs;
  if (refs && refs.length) return newref(refs[0]!);
  return newNone();
}

// ---------------------------------------------------------------- subclasses of builtins

type WithExtraDict = PyObject & { extraDict?: PyDict | null; slots?: (PyObject | null)[] };

/** Instances of `class L(list)` are lists with an attached __dict__ (and slots). */
function installBuiltinSubclassStorage(t: PyType, solid: PyType): void {
  const baseTraverse = solid.traverse;
  const baseClear = solid.clear;
  const baseDealloc = solid.dealloc;
  const baseNew = solid.newInstance;
  const baseSizeof = solid.sizeof;
  // int.__sizeof__ counts only its digits; the other bases count the subclass's basicsize.
  const extra = solid === intType || solid.isSubtypeOf(intType) ? 0 : t.basicSize - solid.basicSize;
  t.sizeof = (o) => (baseSizeof ? baseSizeof(o) : solid.basicSize) + extra;
  const baseObjectSize = solid.objectSize;
  if (baseObjectSize) t.objectSize = (o) => baseObjectSize(o) + extra;
  t.newInstance = (type, args, kw) => {
    const o = baseNew!(type, args, kw) as WithExtraDict;
    if (type.slotCount) o.slots = new Array(type.slotCount).fill(null);
    return o;
  };
  // A base that stores attributes in its own dict (SimpleNamespace, partial) keeps doing so.
  if (!solid.flags.ownDict) installExtraDict(t, solid);
  // subtype_traverse / subtype_clear: slots, the __dict__, the class, then the builtin base.
  t.traverse = (o, visit) => {
    const w = o as WithExtraDict;
    if (w.slots) visitSlots(o, w.slots, visit);
    if (w.extraDict) visit(w.extraDict, labelSlot('__dict__'));
    visit(o.type, rt.heap.classSlot);
    baseTraverse?.(o, visit);
  };
  t.clear = (o) => {
    const w = o as WithExtraDict;
    if (w.slots) clearSlots(o, w.slots);
    if (w.extraDict) {
      const d = w.extraDict;
      w.extraDict = null;
      rt.ev.refRemoved(o.serial, d.serial, labelSlot('__dict__'));
      decref(d);
    }
    baseClear?.(o);
  };
  t.dealloc = (o) => {
    const w = o as WithExtraDict;
    if (w.slots) for (const v of w.slots) xdecref(v);
    if (w.extraDict) {
      const d = w.extraDict;
      w.extraDict = null;
      decref(d);
    }
    baseDealloc?.(o);
  };
  // The instance's class reference is taken at allocation by the heap hook below.
  void listType;
  void dictType;
}

/** `obj.__dict__` of a builtin subclass's instance: its attached dict, made on demand. */
function extraDictGet(o: PyObject): PyObject {
  const w = o as WithExtraDict;
  if (!w.extraDict) {
    w.extraDict = newDict();
    rt.ev.refAdded(o.serial, w.extraDict.serial, labelSlot('__dict__'));
  }
  return newref(w.extraDict);
}

function extraDictSet(o: PyObject, v: PyObject | null): void {
  const w = o as WithExtraDict;
  if (v === null || !(v instanceof PyDict)) {
    throw pyError(E.TypeError!, `__dict__ must be set to a dictionary, not a '${v ? typeName(v) : 'NoneType'}'`);
  }
  incref(v);
  const old = w.extraDict ?? null;
  w.extraDict = v;
  if (old) rt.ev.refRemoved(o.serial, old.serial, labelSlot('__dict__'));
  rt.ev.refAdded(o.serial, v.serial, labelSlot('__dict__'));
  if (old) decref(old);
}

/** Attribute storage of `class L(list)` instances: a dict attached on first store. */
function installExtraDict(t: PyType, solid: PyType): void {
  t.instanceGet = (o, name) => {
    const d = (o as WithExtraDict).extraDict;
    return d ? dictGetStr(d, name) : null;
  };
  t.instanceSet = (o, name, v) => {
    const w = o as WithExtraDict;
    if (!t.flags.managedDict && !hasDictStorage(t) && !(solid.itemSize > 0 && t.basicSize > solid.basicSize)) return false;
    if (!w.extraDict) {
      if (v === null) return false;
      w.extraDict = newDict();
      rt.ev.refAdded(o.serial, w.extraDict.serial, labelSlot('__dict__'));
    }
    if (v === null) return dictDelStr(w.extraDict, name);
    dictSetSteal(w.extraDict, internStr(name), v);
    return true;
  };
}

/** Heap instances made by a builtin's tp_new still hold a reference to their class. */
export function noteHeapInstance(o: PyObject): void {
  if (o.type.flags.heap && !(o instanceof PyInstance)) {
    incref(o.type);
    rt.ev.refAdded(o.serial, o.type.serial, rt.heap.classSlot);
  }
}

// ---------------------------------------------------------------- super

export class PySuper extends PyObject {
  constructor(
    type: PyType,
    readonly thisType: PyType,
    readonly obj: PyObject | null,
    readonly objType: PyType | null,
  ) {
    super(type);
  }
}

export let superType: PyType;

export function initSuperType(make: (name: string) => PyType): void {
  superType = make('super');
  superType.flags.gc = true;
  superType.basicSize = 40;
  superType.traverse = (o, visit) => {
    const s = o as PySuper;
    visit(s.thisType, labelSlot('__thisclass__'));
    if (s.obj) visit(s.obj, labelSlot('__self__'));
    if (s.objType) visit(s.objType, labelSlot('__self_class__'));
  };
  superType.dealloc = (o) => {
    const s = o as PySuper;
    decref(s.thisType);
    xdecref(s.obj);
    xdecref(s.objType);
  };
  superType.getattro = (o, name) => {
    const s = o as PySuper;
    if (s.objType !== null && name !== '__class__') {
      const mro = s.objType.mro;
      let i = mro.indexOf(s.thisType) + 1;
      for (; i < mro.length && i > 0; i++) {
        const d = mro[i]!.dict;
        const v = d ? dictGetStr(d, name) : null;
        if (v !== null) {
          const get = v.type.descrGet;
          if (get === null) return newref(v);
          return get(v, s.obj === s.objType ? null : s.obj, s.objType);
        }
      }
    }
    return genericGetAttr(o, name);
  };
  superType.repr = (o) => {
    const s = o as PySuper;
    return newStr(s.objType ? `<super: <class '${s.thisType.name}'>, <${s.objType.name} object>>` : `<super: <class '${s.thisType.name}'>, NULL>`);
  };
}

/** super(type, obj) with borrowed arguments. */
export function newSuper(thisType: PyType, obj: PyObject): PySuper {
  let objType: PyType;
  if (obj instanceof PyType && obj.isSubtypeOf(thisType)) objType = obj;
  else if (obj.type.isSubtypeOf(thisType)) objType = obj.type;
  else throw pyError(E.TypeError!, 'super(type, obj): obj must be an instance or subtype of type');
  incref(thisType);
  incref(obj);
  incref(objType);
  const s = new PySuper(superType, thisType, obj, objType);
  rt.heap.allocate(s, true);
  return s;
}

export function classRepr(cls: PyType): string {
  return repr(cls);
}

export { True, False, strType, builtinTypes, addressOf, indexSlot };
