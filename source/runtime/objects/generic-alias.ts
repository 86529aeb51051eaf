/**
 * types.GenericAlias (`list[int]`) and types.UnionType (`int | None`): what annotations
 * evaluate to (genericaliasobject.c, unionobject.c). An alias forwards attribute access
 * and calls to its origin; a union can be used with isinstance().
 */
import { PyObject, PyType, EQ, NE, type Visit } from './object.js';
import { typeType } from './typeobject.js';
import { nativeType, defineGetter } from './native-type.js';
import { rt } from '../runtime.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from './exceptions.js';
import { Ellipsis, None, noneType, newNotImplemented, NotImplemented } from './singletons.js';
import { newBool } from './int.js';
import { PyStr, newStr } from './str.js';
import { PyTuple, newTuple, newEmptyTuple } from './tuple.js';
import { defineMethods, defineClassMethods } from '../builtins/args.js';
import { call, genericGetAttr, getAttr, getAttrOrNull, hashOf, repr, richCompareBool } from '../protocols/abstract.js';
import { tupleHash } from './list-methods.js';
import { listType } from './list.js';
import { dictType } from './dict.js';
import { setType, frozensetType } from './set.js';
import { tupleType } from './tuple.js';
import { labelSlot } from './slot-labels.js';

export class PyGenericAlias extends PyObject {
  constructor(
    type: PyType,
    readonly origin: PyObject,
    readonly args: PyTuple,
  ) {
    super(type);
  }
}

export class PyUnion extends PyObject {
  constructor(
    type: PyType,
    readonly args: PyTuple,
  ) {
    super(type);
  }
}

export let genericAliasType: PyType;
export let unionType: PyType;

/** GenericAlias(origin, args) with borrowed arguments; a non-tuple `args` becomes a 1-tuple. */
export function newGenericAlias(origin: PyObject, args: PyObject, type: PyType = genericAliasType): PyGenericAlias {
  incref(origin);
  const tuple = args instanceof PyTuple && args.type === tupleType ? newref(args) : newTuple([newref(args)]);
  const a = new PyGenericAlias(type, origin, tuple);
  rt.heap.allocate(a, true);
  rt.ev.refAdded(a.serial, origin.serial, labelSlot('__origin__'));
  rt.ev.refAdded(a.serial, tuple.serial, labelSlot('__args__'));
  return a;
}

/** How an alias or union shows one of its arguments (ga_repr_item / union_repr_item). */
export function typeReprForAlias(o: PyObject): string {
  if (o === Ellipsis) return '...';
  if (o instanceof PyGenericAlias || o instanceof PyUnion) return repr(o);
  const origin = getAttrOrNull(o, '__origin__');
  const args = origin === null ? null : getAttrOrNull(o, '__args__');
  if (origin) decref(origin);
  if (args) {
    decref(args);
    return repr(o);
  }
  const qualname = getAttrOrNull(o, '__qualname__');
  if (qualname === null) return repr(o);
  const module = getAttrOrNull(o, '__module__');
  try {
    if (module === null || module === None || !(qualname instanceof PyStr) || !(module instanceof PyStr)) return repr(o);
    return module.v === 'builtins' ? qualname.v : `${module.v}.${qualname.v}`;
  } finally {
    decref(qualname);
    if (module) decref(module);
  }
}

/** Names a GenericAlias answers itself; everything else is looked up on its origin. */
const OWN_ATTRIBUTES = new Set([
  '__class__', '__origin__', '__args__', '__unpacked__', '__parameters__', '__typing_unpacked_tuple_args__',
  '__mro_entries__', '__reduce_ex__', '__reduce__', '__copy__', '__deepcopy__',
]);

function isUnionable(o: PyObject): boolean {
  return o === None || o instanceof PyType || o instanceof PyGenericAlias || o instanceof PyUnion;
}

function flattenUnionArgs(o: PyObject, out: PyObject[]): void {
  if (o instanceof PyUnion) {
    for (const a of o.args.items) out.push(a);
  } else out.push(o === None ? noneType : o);
}

/** `a | b` for types, None, aliases and unions (_Py_union_type_or); NotImplemented otherwise. */
export function unionOr(a: PyObject, b: PyObject): PyObject {
  if (!isUnionable(a) || !isUnionable(b)) return newNotImplemented();
  const all: PyObject[] = [];
  flattenUnionArgs(a, all);
  flattenUnionArgs(b, all);
  const unique: PyObject[] = [];
  for (const x of all) {
    const seen = unique.some((u) => u === x || (u instanceof PyGenericAlias && x instanceof PyGenericAlias && richCompareBool(u, x, EQ)));
    if (!seen) unique.push(x);
  }
  if (unique.length === 1) return newref(unique[0]!);
  const args = newTuple(unique.map((x) => newref(x)));
  const u = new PyUnion(unionType, args);
  rt.heap.allocate(u, true);
  rt.ev.refAdded(u.serial, args.serial, labelSlot('__args__'));
  return u;
}

function checkNotParameterized(cls: PyObject, fname: string): void {
  if (cls instanceof PyGenericAlias) throw pyError(E.TypeError!, `${fname}() argument 2 cannot be a parameterized generic`);
}

/** isinstance(o, union) / issubclass(c, union): any of its arguments. */
export function unionMembers(u: PyUnion, fname: string): PyObject[] {
  for (const a of u.args.items) checkNotParameterized(a, fname);
  return u.args.items;
}

export function initGenericAliasTypes(): void {
  genericAliasType = nativeType('GenericAlias', { module: 'types', gc: true, weakrefable: true, basicSize: 64 }, (t) => {
    t.traverse = (o, visit: Visit) => {
      const a = o as PyGenericAlias;
      visit(a.origin, labelSlot('__origin__'));
      visit(a.args, labelSlot('__args__'));
    };
    t.dealloc = (o) => {
      const a = o as PyGenericAlias;
      decref(a.origin);
      decref(a.args);
    };
    t.repr = (o) => {
      const a = o as PyGenericAlias;
      const items = a.args.items;
      const inner = items.length === 0 ? '()' : items.map(typeReprForAlias).join(', ');
      return newStr(`${typeReprForAlias(a.origin)}[${inner}]`);
    };
    t.getattro = (o, name) => {
      if (!OWN_ATTRIBUTES.has(name)) return getAttr((o as PyGenericAlias).origin, name);
      return genericGetAttr(o, name);
    };
    t.call = (o, args, kw) => {
      const a = o as PyGenericAlias;
      const r = call(a.origin, args, kw);
      try {
        const orig = getAttrOrNull(r, '__orig_class__');
        if (orig !== null) decref(orig);
      } catch (e) {
        if (!(e instanceof PyRaise)) throw e;
        decref(e.exc);
      }
      return r;
    };
    t.richcompare = (o, other, op) => {
      if ((op !== EQ && op !== NE) || !(other instanceof PyGenericAlias)) return newNotImplemented();
      const a = o as PyGenericAlias;
      const same = richCompareBool(a.origin, other.origin, EQ) && richCompareBool(a.args, other.args, EQ);
      return newBool(op === EQ ? same : !same);
    };
    t.hash = (o) => {
      const a = o as PyGenericAlias;
      return Number(BigInt.asIntN(64, BigInt(hashOf(a.origin)) ^ BigInt(tupleHash(a.args.items))));
    };
    t.getitem = (o) => {
      throw pyError(E.TypeError!, `There are no type variables left in ${repr(o)}`);
    };
    t.number.or = unionOr;
  });
  defineGetter(genericAliasType, '__origin__', (o) => newref((o as PyGenericAlias).origin));
  defineGetter(genericAliasType, '__args__', (o) => newref((o as PyGenericAlias).args));
  defineGetter(genericAliasType, '__parameters__', () => newEmptyTuple());
  defineMethods(genericAliasType, {
    __mro_entries__: (self) => newTuple([newref((self as PyGenericAlias).origin)]),
    __instancecheck__: () => {
      throw pyError(E.TypeError!, 'isinstance() argument 2 cannot be a parameterized generic');
    },
    __subclasscheck__: () => {
      throw pyError(E.TypeError!, 'issubclass() argument 2 cannot be a parameterized generic');
    },
  });
  defineClassMethods(genericAliasType, {});
  genericAliasType.newInstance = (_t, args) => {
    if (args.length !== 2) throw pyError(E.TypeError!, `GenericAlias expected 2 arguments, got ${args.length}`);
    return newGenericAlias(args[0]!, args[1]!);
  };

  unionType = nativeType('UnionType', { module: 'types', gc: true, baseType: false, basicSize: 32 }, (t) => {
    t.traverse = (o, visit: Visit) => visit((o as PyUnion).args, labelSlot('__args__'));
    t.dealloc = (o) => decref((o as PyUnion).args);
    t.repr = (o) => newStr((o as PyUnion).args.items.map((a) => (a === noneType ? 'None' : typeReprForAlias(a))).join(' | '));
    t.richcompare = (o, other, op) => {
      if ((op !== EQ && op !== NE) || !(other instanceof PyUnion)) return newNotImplemented();
      const mine = (o as PyUnion).args.items;
      const theirs = other.args.items;
      const contained = (xs: PyObject[], ys: PyObject[]) => xs.every((x) => ys.some((y) => richCompareBool(x, y, EQ)));
      const same = contained(mine, theirs) && contained(theirs, mine);
      return newBool(op === EQ ? same : !same);
    };
    t.hash = (o) => {
      let h = 0n;
      for (const a of (o as PyUnion).args.items) h ^= BigInt(hashOf(a));
      return Number(BigInt.asIntN(64, h));
    };
    t.number.or = unionOr;
  });
  defineGetter(unionType, '__args__', (o) => newref((o as PyUnion).args));
  defineGetter(unionType, '__parameters__', () => newEmptyTuple());

  // type.__or__ / __ror__, and __class_getitem__ of the builtin containers.
  typeType.number.or = unionOr;
  defineMethods(typeType, {
    __or__: (self, args) => unionOr(self!, args[0]!),
    __ror__: (self, args) => unionOr(args[0]!, self!),
  });
  for (const t of [listType, dictType, setType, frozensetType, tupleType, typeType]) addClassGetItem(t);
}

/** `T.__class_getitem__ = classmethod(GenericAlias)` for a builtin generic class. */
export function addClassGetItem(t: PyType): void {
  defineClassMethods(t, {
    __class_getitem__: (cls, args) => newGenericAlias(cls!, args[0]!),
  });
}

export { NotImplemented };
