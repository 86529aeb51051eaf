/**
 * set and frozenset behaviour: constructors, the set algebra (methods and operators),
 * comparison, hashing of frozensets, repr.
 */
import { PyObject, type PyType, EQ, NE, LT, LE, GE } from './object.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from './exceptions.js';
import { newNone, newNotImplemented, None } from './singletons.js';
import { PySet, setType, frozensetType, newSet, setAdd, setContains, setDiscard, setClear, setKeys, setMerge, tableResize } from './set.js';
import { PyDict, dictItems } from './dict.js';
import { newStr } from './str.js';
import { newBool, newInt } from './int.js';
import { defineMethods, exactlyOne, noArgs, positional, bindArgs } from '../builtins/args.js';
import { getIter, hashOf, iterNext, repr, reprEnter, reprLeave, typeName } from '../protocols/abstract.js';
import { newSetIter } from './iterators.js';
import { rt } from '../runtime.js';

const isSet = (o: PyObject): o is PySet => o instanceof PySet;

/** set.update(iterable) / set |= ...: bulk merge for sets and dicts, else one by one. */
export function setUpdateFrom(s: PySet, other: PyObject): void {
  if (isSet(other)) {
    setMerge(s, other);
    return;
  }
  if (other instanceof PyDict) {
    const n = other.used;
    if ((s.fill + n) * 5 >= s.mask * 3) tableResize(s, (s.used + n) * 2);
    for (const [k] of dictItems(other)) setAdd(s, k);
    return;
  }
  const it = getIter(other);
  try {
    for (let x = iterNext(it); x !== null; x = iterNext(it)) {
      try {
        setAdd(s, x);
      } finally {
        decref(x);
      }
    }
  } finally {
    decref(it);
  }
}

function newOfType(t: PyType, base: PySet | null): PySet {
  const s = newSet(t === frozensetType || t === setType ? t : t);
  if (base) setMerge(s, base);
  return s;
}

function toSet(o: PyObject): PySet {
  if (isSet(o)) return newref(o);
  const s = newSet();
  try {
    setUpdateFrom(s, o);
  } catch (e) {
    decref(s);
    throw e;
  }
  return s;
}

function resultType(self: PyObject): PyType {
  return self.type === frozensetType || self.type.isSubtypeOf(frozensetType) ? frozensetType : setType;
}

function union(self: PySet, others: readonly PyObject[]): PySet {
  const r = newOfType(resultType(self), self);
  for (const o of others) setUpdateFrom(r, o);
  return r;
}

function intersection(self: PySet, other: PyObject): PySet {
  const o = toSet(other);
  try {
    const r = newSet(resultType(self));
    const [small, big] = o.used < self.used ? [o, self] : [self, o];
    for (const k of setKeys(small)) if (setContains(big, k)) setAdd(r, k);
    return r;
  } finally {
    decref(o);
  }
}

function difference(self: PySet, other: PyObject): PySet {
  const o = toSet(other);
  try {
    const r = newSet(resultType(self));
    for (const k of setKeys(self)) if (!setContains(o, k)) setAdd(r, k);
    return r;
  } finally {
    decref(o);
  }
}

function symmetricDifference(self: PySet, other: PyObject): PySet {
  const o = toSet(other);
  try {
    const r = newOfType(resultType(self), self);
    for (const k of setKeys(o)) {
      const removed = setDiscard(r, k);
      if (removed) decref(removed);
      else setAdd(r, k);
    }
    return r;
  } finally {
    decref(o);
  }
}

function isSubset(a: PySet, b: PySet): boolean {
  if (a.used > b.used) return false;
  return setKeys(a).every((k) => setContains(b, k));
}

/** Replace the contents of `self` with `r` (in-place operators). */
function assignFrom(self: PySet, r: PySet): void {
  setClear(self);
  setMerge(self, r);
  decref(r);
}

function setRepr(o: PyObject): string {
  const s = o as PySet;
  const name = o.type.name;
  if (!s.used) return `${name}()`;
  if (!reprEnter(o)) return `${name}(...)`;
  try {
    const body = '{' + setKeys(s).map(repr).join(', ') + '}';
    return o.type === setType ? body : `${name}(${body})`;
  } finally {
    reprLeave(o);
  }
}

const MASK64 = (1n << 64n) - 1n;
function shuffleBits(h: bigint): bigint {
  return (((h ^ 89869747n) ^ ((h << 16n) & MASK64)) * 3644798167n) & MASK64;
}

function frozensetHash(o: PyObject): PyHash {
  const s = o as PySet;
  let hash = 0n;
  for (let i = 0; i < s.keys.length; i++) {
    const k = s.keys[i];
    if (k !== null && k !== undefined && s.hashes[i] !== -1) hash ^= shuffleBits(BigInt.asUintN(64, BigInt(s.hashes[i]!)));
  }
  hash ^= ((BigInt(s.used) + 1n) * 1927868237n) & MASK64;
  hash ^= (hash >> 11n) ^ (hash >> 25n);
  hash = (hash * 69069n + 907133923n) & MASK64;
  if (hash === MASK64) hash = 590923713n;
  return toPyHash(BigInt.asIntN(64, hash));
}

export function initSetSlots(): void {
  for (const t of [setType, frozensetType]) {
    t.length = (o) => (o as PySet).used;
    t.contains = (o, k) => {
      try {
        return setContains(o as PySet, k);
      } catch (e) {
        // `[1] in s`: an unhashable key is looked up as a frozenset if it is a set
        if (e instanceof PyRaise && isSet(k) && e.exc.type === E.TypeError) {
          decref(e.exc);
          const f = newOfType(frozensetType, k);
          try {
            return setContains(o as PySet, f);
          } finally {
            decref(f);
          }
        }
        throw e;
      }
    };
    t.iter = (o) => newSetIter(o as PySet);
    t.repr = (o) => newStr(setRepr(o));
    t.richcompare = (a, b, op) => {
      if (!isSet(a) || !isSet(b)) return newNotImplemented();
      switch (op) {
        case EQ:
          return newBool(a.used === b.used && isSubset(a, b));
        case NE:
          return newBool(!(a.used === b.used && isSubset(a, b)));
        case LE:
          return newBool(isSubset(a, b));
        case GE:
          return newBool(isSubset(b, a));
        case LT:
          return newBool(a.used < b.used && isSubset(a, b));
        default:
          return newBool(a.used > b.used && isSubset(b, a));
      }
    };
    const binary = (fn: (a: PySet, b: PyObject) => PySet) => (a: PyObject, b: PyObject) => (isSet(a) && isSet(b) ? fn(a, b) : newNotImplemented());
    t.number.or = binary((a, b) => union(a, [b]));
    t.number.and = binary(intersection);
    t.number.sub = binary(difference);
    t.number.xor = binary(symmetricDifference);
  }
  frozensetType.hash = frozensetHash;
  setType.number.ior = (a, b) => {
    if (!isSet(b)) return newNotImplemented();
    setUpdateFrom(a as PySet, b);
    return newref(a);
  };
  setType.number.iand = (a, b) => {
    if (!isSet(b)) return newNotImplemented();
    assignFrom(a as PySet, intersection(a as PySet, b));
    return newref(a);
  };
  setType.number.isub = (a, b) => {
    if (!isSet(b)) return newNotImplemented();
    assignFrom(a as PySet, difference(a as PySet, b));
    return newref(a);
  };
  setType.number.ixor = (a, b) => {
    if (!isSet(b)) return newNotImplemented();
    assignFrom(a as PySet, symmetricDifference(a as PySet, b));
    return newref(a);
  };
  setType.newInstance = (t) => newSet(t);
  setType.init = (o, args, kw) => {
    const [iterable] = positional('set', args, kw, 0, 1);
    if ((o as PySet).used) setClear(o as PySet);
    if (iterable !== undefined) setUpdateFrom(o as PySet, iterable);
  };
  frozensetType.newInstance = (t, args, kw) => {
    const [iterable] = positional('frozenset', args, kw, 0, 1);
    if (iterable !== undefined && iterable.type === frozensetType && t === frozensetType) return newref(iterable);
    const s = newSet(t);
    if (iterable !== undefined) setUpdateFrom(s, iterable);
    return s;
  };

  const common = {
    union: (self: PyObject | null, args: PyObject[]) => union(self as PySet, args),
    intersection: (self: PyObject | null, args: PyObject[]) => {
      let r = newOfType(resultType(self!), self as PySet);
      for (const o of args) {
        const next = intersection(r, o);
        decref(r);
        r = next;
      }
      return r;
    },
    difference: (self: PyObject | null, args: PyObject[]) => {
      let r = newOfType(resultType(self!), self as PySet);
      for (const o of args) {
        const next = difference(r, o);
        decref(r);
        r = next;
      }
      return r;
    },
    symmetric_difference: (self: PyObject | null, args: PyObject[], kw: readonly string[] | null) => symmetricDifference(self as PySet, exactlyOne('symmetric_difference', args, kw)),
    issubset: (self: PyObject | null, args: PyObject[], kw: readonly string[] | null) => {
      const o = toSet(exactlyOne('issubset', args, kw));
      try {
        return newBool(isSubset(self as PySet, o));
      } finally {
        decref(o);
      }
    },
    issuperset: (self: PyObject | null, args: PyObject[], kw: readonly string[] | null) => {
      const o = toSet(exactlyOne('issuperset', args, kw));
      try {
        return newBool(isSubset(o, self as PySet));
      } finally {
        decref(o);
      }
    },
    isdisjoint: (self: PyObject | null, args: PyObject[], kw: readonly string[] | null) => {
      const o = toSet(exactlyOne('isdisjoint', args, kw));
      try {
        return newBool(!setKeys(self as PySet).some((k) => setContains(o, k)));
      } finally {
        decref(o);
      }
    },
    copy: (self: PyObject | null, args: PyObject[], kw: readonly string[] | null) => {
      noArgs('copy', args, kw);
      if (self!.type === frozensetType) return newref(self!);
      return newOfType(self!.type === setType ? setType : setType, self as PySet);
    },
    __contains__: (self: PyObject | null, args: PyObject[]) => newBool(setType.contains!(self!, args[0]!)),
    __len__: (self: PyObject | null) => newInt((self as PySet).used),
    __sizeof__: (self: PyObject | null) => newInt(setType.sizeof!(self!)),
  };
  defineMethods(frozensetType, common);
  defineMethods(setType, {
    ...common,
    add: (self, args, kw) => {
      setAdd(self as PySet, exactlyOne('set.add', args, kw));
      return newNone();
    },
    remove: (self, args, kw) => {
      const k = exactlyOne('set.remove', args, kw);
      const removed = setDiscard(self as PySet, k);
      if (!removed) throw new PyRaise(newKeyErrorException(k));
      decref(removed);
      return newNone();
    },
    discard: (self, args, kw) => {
      const removed = setDiscard(self as PySet, exactlyOne('set.discard', args, kw));
      if (removed) decref(removed);
      return newNone();
    },
    pop: (self, args, kw) => {
      noArgs('set.pop', args, kw);
      const s = self as PySet;
      const keys = setKeys(s);
      if (!keys.length) throw pyError(E.KeyError!, 'pop from an empty set');
      return setDiscard(s, keys[0]!)!;
    },
    clear: (self, args, kw) => {
      noArgs('set.clear', args, kw);
      setClear(self as PySet);
      return newNone();
    },
    update: (self, args, kw) => {
      if (kw?.length) throw pyError(E.TypeError!, 'set.update() takes no keyword arguments');
      for (const o of args) setUpdateFrom(self as PySet, o);
      return newNone();
    },
    intersection_update: (self, args) => {
      const r = common.intersection(self, args);
      assignFrom(self as PySet, r);
      return newNone();
    },
    difference_update: (self, args) => {
      const r = common.difference(self, args);
      assignFrom(self as PySet, r);
      return newNone();
    },
    symmetric_difference_update: (self, args, kw) => {
      assignFrom(self as PySet, symmetricDifference(self as PySet, exactlyOne('symmetric_difference_update', args, kw)));
      return newNone();
    },
  });
}

import { newException } from './exceptions.js';
import { toPyHash, type PyHash } from './object.js';
function newKeyErrorException(k: PyObject): PyObject {
  incref(k);
  return newException(E.KeyError!, [k]);
}

export { hashOf, typeName, bindArgs, None, rt };
