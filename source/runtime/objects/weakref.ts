/**
 * Weak references (Objects/weakrefobject.c): weakref.ref and the proxies (80 bytes,
 * GC-tracked), which do not count as references. An object's weak references form a
 * list (tp_weaklist): the shared callback-less ref first, then the shared callback-less
 * proxy, then the others, a new one inserted right after those two (so callbacks of
 * later weakrefs run first). Refcount death clears them all and calls the callbacks
 * (PyObject_ClearWeakRefs, after __del__); the collector clears them before any
 * finalizer of the garbage runs (gcmodule.c handle_weakrefs).
 */
import { PyObject, type PyType, type Visit, EQ, NE, BINARY_SLOT_NAMES } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from './exceptions.js';
import { None, newNone, newNotImplemented } from './singletons.js';
import { newStr, PyStr } from './str.js';
import { newBool } from './int.js';
import { newTuple } from './tuple.js';
import { EventKind } from '../../events/kinds.js';
import {
  addressOf, binaryOp, call, callMethod, contains, delItem, genericGetAttr, getAttr, getAttrOrNull, getItem, getIter,
  hashNotImplemented, hashOf, indexValue, inplaceOp, isTrue, iterNext, length, richCompare, setAttr, setItem, str,
  typeName, unaryOp,
} from '../protocols/abstract.js';
import { reportUnraisable } from '../interpreter/unraisable.js';

export class PyWeakref extends PyObject {
  /** The referent (not a counted reference), or null once dead (wr_object == Py_None). */
  referent: PyObject | null;
  hash: number | bigint | null = null;
  constructor(
    type: PyType,
    referent: PyObject,
    public callback: PyObject | null,
  ) {
    super(type);
    this.referent = referent;
  }
}

export let weakrefType: PyType;
export let proxyType: PyType;
export let callableProxyType: PyType;

/** The label of a weakref's edge to its referent: shown in the graph, not a counted reference. */
export const WEAK_REFERENT_LABEL = 'weak referent';
const weakSlot = () => labelSlot(WEAK_REFERENT_LABEL);
const callbackSlot = () => labelSlot('__callback__');

export function isWeakref(o: PyObject): o is PyWeakref {
  return o instanceof PyWeakref;
}

function isProxy(o: PyObject): boolean {
  return o.type === proxyType || o.type === callableProxyType;
}

export function initWeakrefTypes(): void {
  weakrefType = makeBuiltinType('weakref.ReferenceType', { gc: true, basicSize: 64, qualname: 'ReferenceType', module: 'weakref' });
  proxyType = makeBuiltinType('weakref.ProxyType', { baseType: false, gc: true, basicSize: 64, qualname: 'ProxyType', module: 'weakref' });
  callableProxyType = makeBuiltinType('weakref.CallableProxyType', { baseType: false, gc: true, basicSize: 64, qualname: 'CallableProxyType', module: 'weakref' });
  for (const t of [weakrefType, proxyType, callableProxyType]) {
    t.traverse = (o, visit: Visit) => {
      const w = o as PyWeakref;
      if (w.callback) visit(w.callback, callbackSlot());
    };
    t.clear = (o) => clearWeakrefAndCallback(o as PyWeakref);
    t.dealloc = (o) => clearWeakrefAndCallback(o as PyWeakref);
  }
  initRefType();
  initProxyTypes();
  rt.clearWeakrefs = clearWeakRefs;
}

function initRefType(): void {
  const t = weakrefType;
  t.call = (o, args, kw) => {
    for (const a of args) decref(a);
    if (kw && kw.length) throw pyError(E.TypeError!, 'weakref() takes no keyword arguments');
    if (args.length) throw pyError(E.TypeError!, `weakref expected 0 arguments, got ${args.length}`);
    const r = (o as PyWeakref).referent;
    return r ? newref(r) : newNone();
  };
  t.hash = (o) => {
    const w = o as PyWeakref;
    if (w.hash !== null) return w.hash;
    if (w.referent === null) throw pyError(E.TypeError!, 'weak object has gone away');
    w.hash = hashOf(w.referent);
    return w.hash;
  };
  // Equal when the referents are equal; once either is dead, only when identical.
  t.richcompare = (a, b, op) => {
    if ((op !== EQ && op !== NE) || !(a instanceof PyWeakref) || !(b instanceof PyWeakref)) return newNotImplemented();
    if (a.referent === null || b.referent === null) return newBool((a === b) === (op === EQ));
    return richCompare(a.referent, b.referent, op);
  };
  t.repr = (o) => {
    const w = o as PyWeakref;
    const r = w.referent;
    if (r === null) return newStr(`<weakref at ${addressOf(o)}; dead>`);
    incref(r);
    try {
      const name = getAttrOrNull(r, '__name__');
      const suffix = name instanceof PyStr ? ` (${name.v})` : '';
      if (name) decref(name);
      return newStr(`<weakref at ${addressOf(o)}; to '${r.type.name}' at ${addressOf(r)}${suffix}>`);
    } finally {
      decref(r);
    }
  };
  t.getattro = (o, name) => {
    if (name === '__callback__') {
      const cb = (o as PyWeakref).callback;
      return cb ? newref(cb) : newNone();
    }
    return genericGetAttr(o, name);
  };
  // weakref___new__ does the work; weakref___init__ only checks the arguments.
  t.newInstance = (type, args, kw) => {
    const [referent, callback] = refArgs('__new__', args, kw);
    return newWeakref(referent, callback, type);
  };
  t.init = (_o, args, kw) => {
    refArgs('__init__', args, kw);
  };
}

function refArgs(fname: string, args: PyObject[], kw: readonly string[] | null): [PyObject, PyObject | null] {
  if (kw && kw.length) throw pyError(E.TypeError!, `ref() takes no keyword arguments`);
  if (args.length < 1) throw pyError(E.TypeError!, `${fname} expected at least 1 argument, got 0`);
  if (args.length > 2) throw pyError(E.TypeError!, `${fname} expected at most 2 arguments, got ${args.length}`);
  const cb = args[1];
  return [args[0]!, cb === undefined || cb === None ? null : cb];
}

/** The referent of a live proxy (borrowed), or ReferenceError. */
function target(o: PyObject): PyObject {
  const r = (o as PyWeakref).referent;
  if (r === null) throw pyError(E.ReferenceError!, 'weakly-referenced object no longer exists');
  return r;
}
/** A proxy operand is replaced by its referent (UNWRAP). */
function unwrap(o: PyObject): PyObject {
  return isProxy(o) ? target(o) : o;
}

function initProxyTypes(): void {
  for (const t of [proxyType, callableProxyType]) {
    t.getattro = (o, name) => getAttr(target(o), name);
    t.setattro = (o, name, v) => setAttr(target(o), name, v);
    t.repr = (o) => {
      const r = (o as PyWeakref).referent ?? None;
      return newStr(`<weakproxy at ${addressOf(o)} to ${r.type.name} at ${addressOf(r)}>`);
    };
    t.str = (o) => newStr(str(target(o)));
    t.hash = hashNotImplemented;
    t.richcompare = (a, b, op) => richCompare(unwrap(a), unwrap(b), op);
    t.length = (o) => length(target(o));
    t.contains = (o, v) => contains(target(o), v);
    t.iter = (o) => getIter(target(o));
    t.iternext = (o) => {
      const r = target(o);
      if (r.type.iternext === null) throw pyError(E.TypeError!, `Weakref proxy referenced a non-iterator '${r.type.name}' object`);
      return iterNext(r);
    };
    t.getitem = (o, k) => getItem(target(o), k);
    t.setitem = (o, k, v) => (v === null ? delItem(target(o), k) : setItem(target(o), k, v));
    const n = t.number;
    for (const s of BINARY_SLOT_NAMES) n[s] = (a, b) => binaryOp(unwrap(a), unwrap(b), s);
    for (const s of ['add', 'sub', 'mul', 'matmul', 'truediv', 'floordiv', 'mod', 'pow', 'lshift', 'rshift', 'and', 'or', 'xor'] as const) {
      (n as unknown as Record<string, (a: PyObject, b: PyObject) => PyObject>)[`i${s}`] = (a, b) => inplaceOp(unwrap(a), unwrap(b), s);
    }
    for (const s of ['neg', 'pos', 'invert', 'abs'] as const) n[s] = (o) => unaryOp(target(o), s);
    n.index = (o) => {
      const v = indexValue(target(o));
      return typeof v === 'bigint' ? newIntOf(v) : newIntOf(BigInt(v));
    };
    n.int = (o) => callMethod(target(o), '__int__');
    n.float = (o) => callMethod(target(o), '__float__');
    n.bool = (o) => isTrue(target(o));
  }
  callableProxyType.call = (o, args, kw) => {
    const r = (o as PyWeakref).referent;
    if (r === null) {
      for (const a of args) decref(a);
      throw pyError(E.ReferenceError!, 'weakly-referenced object no longer exists');
    }
    return call(r, args, kw);
  };
}

import { newIntValue } from './int.js';
import { labelSlot } from './slot-labels.js';
function newIntOf(v: bigint): PyObject {
  return newIntValue(v);
}

/** Can `o` be weakly referenced (tp_weaklistoffset != 0)? */
export function checkWeakrefable(o: PyObject): void {
  if (!o.type.flags.weakrefable) throw pyError(E.TypeError!, `cannot create weak reference to '${o.type.name}' object`);
}

/** get_basic_refs: the shared callback-less ref (head of the list) and proxy (right after it). */
function basicRefs(list: PyObject[]): { ref: PyWeakref | null; proxy: PyWeakref | null } {
  let i = 0;
  let ref: PyWeakref | null = null;
  let proxy: PyWeakref | null = null;
  const head = list[0] as PyWeakref | undefined;
  if (head && head.type === weakrefType && head.callback === null) {
    ref = head;
    i = 1;
  }
  const next = list[i] as PyWeakref | undefined;
  if (next && isProxy(next) && next.callback === null) proxy = next;
  return { ref, proxy };
}

/** insert_after(self, prev) / insert_head. */
function insert(list: PyObject[], w: PyWeakref, prev: PyWeakref | null): void {
  if (prev === null) list.unshift(w);
  else list.splice(list.indexOf(prev) + 1, 0, w);
}

/**
 * weakref.ref(o[, callback]) or a subclass (weakref___new__): the callback-less exact
 * ref is shared; any other goes after the basic ref and proxy.
 */
export function newWeakref(referent: PyObject, callback: PyObject | null, type: PyType = weakrefType): PyWeakref {
  checkWeakrefable(referent);
  const list = referent.weakrefs ?? (referent.weakrefs = []);
  const basic = callback === null && type === weakrefType;
  if (basic) {
    const { ref } = basicRefs(list);
    if (ref !== null) return newref(ref);
  }
  const w = allocWeakref(type, referent, callback);
  if (basic) list.unshift(w);
  else {
    const { ref, proxy } = basicRefs(list);
    insert(list, w, proxy ?? ref);
  }
  return w;
}

/** weakref.proxy(o[, callback]) (PyWeakref_NewProxy): the callback-less proxy is shared. */
export function newProxy(referent: PyObject, callback: PyObject | null): PyWeakref {
  checkWeakrefable(referent);
  const list = referent.weakrefs ?? (referent.weakrefs = []);
  if (callback === null) {
    const { proxy } = basicRefs(list);
    if (proxy !== null) return newref(proxy);
  }
  const type = referent.type.call !== null ? callableProxyType : proxyType;
  const w = allocWeakref(type, referent, callback);
  const { ref, proxy } = basicRefs(list);
  insert(list, w, callback === null ? ref : (proxy ?? ref));
  return w;
}

function allocWeakref(type: PyType, referent: PyObject, callback: PyObject | null): PyWeakref {
  if (callback) incref(callback);
  const w = new PyWeakref(type, referent, callback);
  rt.heap.allocate(w, true);
  if (callback) rt.ev.refAdded(w.serial, callback.serial, callbackSlot());
  rt.ev.refAdded(w.serial, referent.serial, weakSlot());
  return w;
}

/** Unlink from the referent's list; the weakref is dead from now on. */
function unlink(w: PyWeakref): void {
  const r = w.referent;
  if (r === null) return;
  w.referent = null;
  rt.ev.refRemoved(w.serial, r.serial, weakSlot());
  const list = r.weakrefs;
  if (list) {
    const i = list.indexOf(w);
    if (i >= 0) list.splice(i, 1);
  }
}

/** _PyWeakref_ClearRef (the collector's): the weakref goes dead, its callback stays. */
export function clearWeakref(w: PyObject): void {
  unlink(w as PyWeakref);
}

/** clear_weakref: dead, and the callback dropped too (tp_clear, tp_dealloc). */
function clearWeakrefAndCallback(w: PyWeakref): void {
  unlink(w);
  const cb = w.callback;
  if (cb) {
    w.callback = null;
    rt.ev.refRemoved(w.serial, cb.serial, callbackSlot());
    decref(cb);
  }
}

/** The weakref's callback (borrowed) or null. */
export function weakrefCallback(w: PyObject): PyObject | null {
  return (w as PyWeakref).callback;
}

/**
 * PyObject_ClearWeakRefs at refcount death (after __del__): the basic ref and proxy are
 * cleared silently; every other weakref is cleared and loses its callback (so
 * `__callback__` reads None inside it), then the callbacks run in list order with the
 * dead weakref as argument — through a tuple holding (weakref, callback) pairs when
 * there is more than one. Errors are reported, not raised.
 */
function clearWeakRefs(o: PyObject): void {
  const list = o.weakrefs;
  if (!list || !list.length) return;
  const ev = rt.ev;
  for (let k = 0; k < 2 && list.length; k++) {
    const head = list[0] as PyWeakref;
    if (head.callback !== null) break;
    ev.emit(EventKind.WeakrefCleared, head.serial, o.serial);
    clearWeakrefAndCallback(head);
  }
  const count = list.length;
  if (count === 1) {
    const w = list[0] as PyWeakref;
    const cb = w.callback;
    w.callback = null;
    if (cb) ev.refRemoved(w.serial, cb.serial, callbackSlot());
    ev.emit(EventKind.WeakrefCleared, w.serial, o.serial);
    unlink(w);
    if (cb !== null) {
      if (w.rc > 0) handleCallback(w, cb);
      decref(cb);
    }
  } else if (count > 1) {
    const pairs: PyObject[] = [];
    for (const w of list.slice() as PyWeakref[]) {
      const cb = w.callback;
      w.callback = null;
      if (cb) ev.refRemoved(w.serial, cb.serial, callbackSlot());
      ev.emit(EventKind.WeakrefCleared, w.serial, o.serial);
      unlink(w);
      if (cb === null) continue;
      if (w.rc > 0) {
        pairs.push(newref(w), cb);
      } else {
        decref(cb);
      }
    }
    const tuple = newTuple(pairs);
    try {
      for (let i = 0; i < pairs.length; i += 2) handleCallback(pairs[i] as PyWeakref, pairs[i + 1]!);
    } finally {
      decref(tuple);
    }
  }
  o.weakrefs = null;
}

/** handle_callback: callback(ref); an error is printed as unraisable. */
function handleCallback(w: PyWeakref, callback: PyObject): void {
  rt.ev.emit1(EventKind.CallbackRun, w.serial);
  try {
    incref(w);
    decref(call(callback, [w]));
  } catch (e) {
    if (!(e instanceof PyRaise)) throw e;
    reportUnraisable(e.exc, callback);
  }
}

export function weakrefCount(o: PyObject): number {
  return o.weakrefs ? o.weakrefs.length : 0;
}

export { typeName };
