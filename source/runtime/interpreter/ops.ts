/**
 * Operations the compiled closures call: name errors, sequence unpacking, building
 * strings from f-strings, importing, raising with exception context. Kept out of the
 * compiler so that the closures stay small.
 */
import type { PyObject, PyType } from '../objects/object.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E, PyBaseException, exceptionSetField, exceptionSetMember, newException } from '../objects/exceptions.js';
import { PyList, listType, newList } from '../objects/list.js';
import { PyTuple, tupleType, indexSlot } from '../objects/tuple.js';
import { listExtend } from '../objects/list-methods.js';
import { getIter, iterNext, call, typeName, getAttr } from '../protocols/abstract.js';
import { None } from '../objects/singletons.js';
import { PyStr, internStr, newStr } from '../objects/str.js';
import type { Frame } from './frame.js';
import { rt } from '../runtime.js';

/** NameError with its `name` set, as the eval loop's format_exc_check_arg() does. */
export function nameError(name: string): PyRaise {
  const e = pyError(E.NameError!, `name '${name}' is not defined`);
  if (e.exc instanceof PyBaseException) exceptionSetMember(e.exc, 'name', internStr(name));
  return e;
}

export function unboundLocal(name: string): PyRaise {
  return pyError(E.UnboundLocalError!, `cannot access local variable '${name}' where it is not associated with a value`);
}

export function unboundFree(name: string): PyRaise {
  return pyError(E.NameError!, `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`);
}

/**
 * Unpack `value` (borrowed) into exactly `count` items, or `before` + starred list +
 * `after` items when `star` is set. Returns new references.
 */
export function unpack(value: PyObject, count: number, starIndex: number): PyObject[] {
  if (starIndex < 0 && (value.type === tupleType || value.type === listType)) {
    const items = (value as PyTuple | PyList).items;
    if (items.length !== count) {
      if (items.length < count) throw pyError(E.ValueError!, `not enough values to unpack (expected ${count}, got ${items.length})`);
      throw pyError(E.ValueError!, `too many values to unpack (expected ${count})`);
    }
    return items.map((x) => newref(x));
  }
  let it: PyObject;
  try {
    it = getIter(value);
  } catch (e) {
    if (e instanceof PyRaise && e.exc.type === E.TypeError) {
      decref(e.exc);
      throw pyError(E.TypeError!, `cannot unpack non-iterable ${typeName(value)} object`);
    }
    throw e;
  }
  const out: PyObject[] = [];
  try {
    if (starIndex < 0) {
      for (let i = 0; i < count; i++) {
        const x = iterNext(it);
        if (x === null) throw pyError(E.ValueError!, `not enough values to unpack (expected ${count}, got ${i})`);
        out.push(x);
      }
      const extra = iterNext(it);
      if (extra !== null) {
        decref(extra);
        throw pyError(E.ValueError!, `too many values to unpack (expected ${count})`);
      }
      return out;
    }
    const after = count - starIndex - 1;
    for (let i = 0; i < starIndex; i++) {
      const x = iterNext(it);
      if (x === null) throw pyError(E.ValueError!, `not enough values to unpack (expected at least ${count - 1}, got ${i})`);
      out.push(x);
    }
    // unpack_iterable: l = PySequence_List(it), then the items after the star are moved
    // off its end without resizing it.
    const rest = newList([], 0);
    try {
      listExtend(rest, it);
    } catch (e) {
      decref(rest);
      throw e;
    }
    const ll = rest.items.length;
    if (ll < after) {
      decref(rest);
      throw pyError(E.ValueError!, `not enough values to unpack (expected at least ${count - 1}, got ${starIndex + ll})`);
    }
    const tail = rest.items.splice(ll - after, after);
    tail.forEach((x, i) => rt.ev.refRemoved(rest.serial, x.serial, indexSlot(ll - after + i)));
    out.push(rest);
    out.push(...tail);
    return out;
  } catch (e) {
    for (const x of out) decref(x);
    throw e;
  } finally {
    decref(it);
  }
}

/** The exception being handled in this frame or an outer one (for __context__). */
export function currentlyHandled(f: Frame | null): PyObject | null {
  for (let fr = f; fr; fr = fr.back) if (fr.handled) return fr.handled;
  return null;
}

/** Attach __context__ to a newly raised exception (from the handled one), avoiding cycles. */
export function setContext(exc: PyObject, f: Frame | null): void {
  if (!(exc instanceof PyBaseException) || exc.context !== null) return;
  const handled = currentlyHandled(f);
  if (handled === null || handled === exc) return;
  // Break a cycle: if exc is already in handled's context chain, cut it there.
  let o: PyObject | null = handled;
  while (o instanceof PyBaseException) {
    if (o.context === exc) {
      exceptionSetField(o, 'context', null);
      break;
    }
    o = o.context;
  }
  incref(handled);
  exceptionSetField(exc, 'context', handled);
}

/**
 * `raise X` / `raise X from Y`: turn X (a class or instance, borrowed) into an exception
 * instance, attach the cause, and return it as an owned reference to throw.
 */
export function makeRaise(x: PyObject, cause: PyObject | null | undefined): PyObject {
  let exc: PyObject;
  if (x.type.isSubtypeOf(rtTypeType()) && (x as PyType).isSubtypeOf(E.BaseException!)) {
    exc = call(x, []);
    if (!(exc instanceof PyBaseException)) {
      const tn = typeName(exc);
      decref(exc);
      throw pyError(E.TypeError!, `calling ${(x as PyType).name} should have returned an instance of BaseException, not ${tn}`);
    }
  } else if (x instanceof PyBaseException) {
    exc = newref(x);
  } else {
    throw pyError(E.TypeError!, 'exceptions must derive from BaseException');
  }
  if (cause !== undefined) {
    let c: PyObject | null = null;
    if (cause !== null && cause !== None) {
      if (cause.type.isSubtypeOf(rtTypeType()) && (cause as PyType).isSubtypeOf(E.BaseException!)) c = call(cause, []);
      else if (cause instanceof PyBaseException) c = newref(cause);
      else {
        decref(exc);
        throw pyError(E.TypeError!, 'exception causes must derive from BaseException');
      }
    }
    exceptionSetField(exc as PyBaseException, 'cause', c);
    (exc as PyBaseException).suppressContext = true;
  }
  return exc;
}

let typeTypeRef: PyType;
export function bindTypeType(t: PyType): void {
  typeTypeRef = t;
}
function rtTypeType(): PyType {
  return typeTypeRef;
}

/** Concatenate f-string parts (owned str objects) into one str. */
export function joinStrings(parts: PyObject[]): PyObject {
  let s = '';
  for (const p of parts) {
    s += (p as PyStr).v;
    decref(p);
  }
  return newStr(s);
}

/** An exception instance of `type` with a message (owned). */
export function makeException(type: PyType, message: string): PyBaseException {
  return newException(type, [newStr(message)]);
}

/** getattr helper used for `import a.b` (the top package is bound). */
export function getAttrChain(o: PyObject, names: string[]): PyObject {
  let cur = newref(o);
  for (const n of names) {
    const next = getAttr(cur, n);
    decref(cur);
    cur = next;
  }
  return cur;
}

export function currentFrame(): Frame | null {
  return rt.frame;
}
