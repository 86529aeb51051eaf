/**
 * The run-time side of pattern matching: CPython 3.11's ceval.c MATCH_KEYS (match_keys)
 * and MATCH_CLASS (match_class), GET_LEN, UNPACK_SEQUENCE of the tuples they push, and
 * POP_JUMP_IF_FALSE on a comparison result, with the temporaries they allocate.
 */
import type { PyObject } from '../objects/object.js';
import { PyType } from '../objects/object.js';
import type { Frame } from './frame.js';
import type { ExprFn } from './code.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { None } from '../objects/singletons.js';
import { True, False, newInt } from '../objects/int.js';
import { PyStr, strType } from '../objects/str.js';
import { newTuple, newTupleFrom, PyTuple, tupleType } from '../objects/tuple.js';
import { newList, listAppend, type PyList } from '../objects/list.js';
import { newSet, setAdd, setContains } from '../objects/set.js';
import { objectType } from '../objects/typeobject.js';
import { matchesSelf } from '../objects/collection-flags.js';
import { call, getAttr, isTrue, length, loadMethod, repr, typeName } from '../protocols/abstract.js';
import { isInstanceOf } from '../builtins/functions.js';
import type { Matcher, CaptureLog } from './compile-pattern.js';

/** POP_JUMP_IF_FALSE on a comparison result (owned). */
export function popJumpIfFalse(r: PyObject): boolean {
  if (r === True || r === False) {
    decref(r);
    return r === True;
  }
  try {
    return isTrue(r);
  } finally {
    decref(r);
  }
}

/** GET_LEN: len(subject), as the int object the instruction pushes. */
export function getLen(s: PyObject): number {
  const n = length(s);
  decref(newInt(n));
  return n;
}

/**
 * Match unpacked items (owned) against sub-patterns in order (null: a wildcard, popped);
 * after a failure the items not reached yet are popped, nearest first.
 */
export function matchItems(f: Frame, items: PyObject[], subs: readonly (Matcher | null)[], log: CaptureLog): boolean {
  let i = 0;
  try {
    for (; i < items.length; i++) {
      const sub = subs[i];
      const item = items[i]!;
      if (sub === null || sub === undefined) {
        decref(item);
        continue;
      }
      if (!sub(f, item, log)) {
        i++;
        return false;
      }
    }
    return true;
  } catch (e) {
    i++;
    throw e;
  } finally {
    for (; i < items.length; i++) decref(items[i]!);
  }
}

export function buildTuple(f: Frame, parts: ExprFn[]): PyObject {
  const items: PyObject[] = [];
  try {
    for (const p of parts) items.push(p(f));
  } catch (e) {
    for (const x of items) decref(x);
    throw e;
  }
  return newTuple(items);
}

/**
 * MATCH_KEYS (ceval.c match_keys): `map.get(key, dummy)` for each key, with a set of the
 * keys seen (a duplicate is a ValueError) and a fresh `object()` as the default. Returns
 * the tuple of values, or None when a key is missing.
 */
export function matchKeys(map: PyObject, keys: PyTuple): PyObject {
  const nkeys = keys.items.length;
  if (nkeys === 0) return newTuple([]);
  const get = loadMethod(map, 'get');
  const seen = newSet();
  let dummy: PyObject | null = null;
  const values: PyObject[] = [];
  try {
    dummy = call(objectType, []);
    for (const key of keys.items) {
      if (setContains(seen, key)) throw pyError(E.ValueError!, `mapping pattern checks duplicate key (${repr(key)})`);
      setAdd(seen, key);
      const args = get.self !== null ? [newref(get.self), newref(key), newref(dummy)] : [newref(key), newref(dummy)];
      const value = call(get.func, args);
      if (value === dummy) {
        decref(value);
        for (const v of values) decref(v);
        incref(None);
        return None;
      }
      values.push(value);
    }
    return newTuple(values);
  } catch (e) {
    for (const v of values) decref(v);
    throw e;
  } finally {
    decref(get.func);
    if (get.self !== null) decref(get.self);
    decref(seen);
    if (dummy !== null) decref(dummy);
  }
}

/**
 * MATCH_CLASS (ceval.c match_class): isinstance, then the positional sub-patterns'
 * attributes named by __match_args__ (or the subject itself for the builtins that match
 * themselves), then the keyword ones. A missing attribute is no match (null).
 */
export function matchClass(subject: PyObject, type: PyObject, nargs: number, kwargs: PyTuple): PyTuple | null {
  if (!(type instanceof PyType)) throw pyError(E.TypeError!, 'called match pattern must be a type');
  if (!isInstanceOf(subject, type)) return null;
  const seen = newSet();
  const attrs = newList([]) as PyList;
  let matchArgs: PyObject | null = null;
  try {
    const attr = (name: PyObject): PyObject | null => {
      if (setContains(seen, name)) throw pyError(E.TypeError!, `${type.name}() got multiple sub-patterns for attribute ${repr(name)}`);
      setAdd(seen, name);
      try {
        return getAttr(subject, (name as PyStr).v);
      } catch (e) {
        if (e instanceof PyRaise && e.exc.type.isSubtypeOf(E.AttributeError!)) {
          decref(e.exc);
          return null;
        }
        throw e;
      }
    };
    if (nargs) {
      let matchSelf = false;
      try {
        matchArgs = getAttr(type, '__match_args__');
      } catch (e) {
        if (!(e instanceof PyRaise && e.exc.type.isSubtypeOf(E.AttributeError!))) throw e;
        decref(e.exc);
        // _Py_TPFLAGS_MATCH_SELF only counts when the type has no __match_args__.
        matchArgs = newTuple([]);
        matchSelf = matchesSelf(type);
      }
      if (matchArgs.type !== tupleType) {
        throw pyError(E.TypeError!, `${type.name}.__match_args__ must be a tuple (got ${typeName(matchArgs)})`);
      }
      const allowed = matchSelf ? 1 : (matchArgs as PyTuple).items.length;
      if (allowed < nargs) {
        throw pyError(E.TypeError!, `${type.name}() accepts ${allowed} positional sub-pattern${allowed === 1 ? '' : 's'} (${nargs} given)`);
      }
      if (matchSelf) listAppend(attrs, subject);
      else {
        for (let i = 0; i < nargs; i++) {
          const name = (matchArgs as PyTuple).items[i]!;
          if (name.type !== strType) throw pyError(E.TypeError!, `__match_args__ elements must be strings (got ${typeName(name)})`);
          const a = attr(name);
          if (a === null) return null;
          listAppend(attrs, a);
          decref(a);
        }
      }
      decref(matchArgs);
      matchArgs = null;
    }
    for (const name of kwargs.items) {
      const a = attr(name);
      if (a === null) return null;
      listAppend(attrs, a);
      decref(a);
    }
    return newTupleFrom(attrs.items);
  } finally {
    if (matchArgs !== null) decref(matchArgs);
    decref(seen);
    decref(attrs);
  }
}
