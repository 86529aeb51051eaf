/**
 * Weak references (Objects/weakrefobject.c): weakref.ref and weakref.proxy objects (80
 * bytes, GC-tracked), which do not count as references. When the referent dies, the
 * weakrefs are cleared and their callbacks called; refcount death calls them right
 * after __del__, the collector before any finalizer.
 */
import { PyObject, type PyType, type Visit, EQ, NE } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { decref, incref, newref, xdecref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from './exceptions.js';
import { None, newNone, newNotImplemented } from './singletons.js';
import { newStr } from './str.js';
import { newBool } from './int.js';
import { makeSlot, SlotKind, EventKind } from '../../events/kinds.js';
import { addressOf, call, genericGetAttr, getAttr, hashOf, richCompare, setAttr, typeName, hashNotImplemented } from '../protocols/abstract.js';
import { reportUnraisable } from '../interpreter/unraisable.js';

export class PyWeakref extends PyObject {
  /** The referent (not a counted reference), or null once dead. */
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

const callbackSlot = () => makeSlot(SlotKind.Label, rt.ev.strings.intern('__callback__'));
const weakSlot = () => makeSlot(SlotKind.Label, rt.ev.strings.intern('weak referent'));

export function isWeakref(o: PyObject): o is PyWeakref {
  return o instanceof PyWeakref;
}

export function initWeakrefTypes(): void {
  weakrefType = makeBuiltinType('weakref.ReferenceType', { gc: true, basicSize: 64, qualname: 'ReferenceType' });
  weakrefType.name = 'weakref.ReferenceType';
  weakrefType.qualname = 'ReferenceType';
  proxyType = makeBuiltinType('weakref.ProxyType', { baseType: false, gc: true, basicSize: 64 });
  proxyType.qualname = 'ProxyType';
  callableProxyType = makeBuiltinType('weakref.CallableProxyType', { baseType: false, gc: true, basicSize: 64 });
  for (const t of [weakrefType, proxyType, callableProxyType]) {
    t.traverse = (o, visit: Visit) => {
      const w = o as PyWeakref;
      if (w.callback) visit(w.callback, callbackSlot());
    };
    t.clear = (o) => clearCallback(o as PyWeakref);
    t.dealloc = (o) => {
      const w = o as PyWeakref;
      unlink(w);
      xdecref(w.callback);
      w.callback = null;
    };
  }
  weakrefType.call = (o, args) => {
    for (const a of args) decref(a);
    if (args.length) throw pyError(E.TypeError!, `weakref() takes no arguments (${args.length} given)`);
    const r = (o as PyWeakref).referent;
    return r ? newref(r) : newNone();
  };
  weakrefType.hash = (o) => {
    const w = o as PyWeakref;
    if (w.hash !== null) return w.hash;
    if (w.referent === null) throw pyError(E.TypeError!, 'weak object has gone away');
    w.hash = hashOf(w.referent);
    return w.hash;
  };
  weakrefType.richcompare = (a, b, op) => {
    if ((op !== EQ && op !== NE) || !(a instanceof PyWeakref) || !(b instanceof PyWeakref)) return newNotImplemented();
    if (a.referent === null || b.referent === null) return newBool((a === b) === (op === EQ));
    return richCompare(a.referent, b.referent, op);
  };
  weakrefType.repr = (o) => {
    const w = o as PyWeakref;
    if (w.referent === null) return newStr(`<weakref at ${addressOf(o)}; dead>`);
    return newStr(`<weakref at ${addressOf(o)}; to '${w.referent.type.qualname}' at ${addressOf(w.referent)}>`);
  };
  weakrefType.getattro = (o, name) => {
    if (name === '__callback__') {
      const cb = (o as PyWeakref).callback;
      return cb ? newref(cb) : newNone();
    }
    return genericGetAttr(o, name);
  };
  weakrefType.newInstance = (t, args) => {
    const [referent, callback] = args;
    if (!referent) throw pyError(E.TypeError!, '__new__ expected at least 1 argument, got 0');
    return newWeakref(referent, callback && callback !== None ? callback : null, t);
  };

  for (const t of [proxyType, callableProxyType]) {
    const target = (o: PyObject) => {
      const r = (o as PyWeakref).referent;
      if (r === null) throw pyError(E.ReferenceError!, 'weakly-referenced object no longer exists');
      return r;
    };
    t.getattro = (o, name) => getAttr(target(o), name);
    t.setattro = (o, name, v) => setAttr(target(o), name, v);
    t.repr = (o) => {
      const r = (o as PyWeakref).referent;
      return newStr(`<weakproxy at ${addressOf(o)}; to '${r ? r.type.qualname : 'NoneType'}' at ${r ? addressOf(r) : '0x0'}>`);
    };
    t.str = (o) => {
      const r = target(o);
      return newStr(strOfProxy(r));
    };
    t.hash = hashNotImplemented;
    t.richcompare = (a, b, op) => richCompare(a instanceof PyWeakref ? target(a) : a, b instanceof PyWeakref ? target(b) : b, op);
    t.length = (o) => lengthOfProxy(target(o));
    t.iter = (o) => iterOfProxy(target(o));
    t.getitem = (o, k) => getItemOfProxy(target(o), k);
    t.number.bool = (o) => truthOfProxy(target(o));
  }
  callableProxyType.call = (o, args, kw) => {
    const r = (o as PyWeakref).referent;
    if (r === null) {
      for (const a of args) decref(a);
      throw pyError(E.ReferenceError!, 'weakly-referenced object no longer exists');
    }
    return call(r, args, kw);
  };

  rt.clearWeakrefs = clearWeakrefsOnDeath;
}

import { str as strOfProxy, length as lengthOfProxy, getIter as iterOfProxy, getItem as getItemOfProxy, isTrue as truthOfProxy } from '../protocols/abstract.js';

/** Can `o` be weakly referenced (tp_weaklistoffset != 0)? */
export function checkWeakrefable(o: PyObject): void {
  if (!o.type.flags.weakrefable) throw pyError(E.TypeError!, `cannot create weak reference to '${o.type.name}' object`);
}

/**
 * weakref.ref(o[, callback]) / proxy: a weakref without callback is shared (the basic
 * ref); weakrefs with callbacks are inserted right after the basic ref/proxy.
 */
export function newWeakref(referent: PyObject, callback: PyObject | null, type: PyType = weakrefType): PyWeakref {
  checkWeakrefable(referent);
  const list = referent.weakrefs ?? (referent.weakrefs = []);
  const isProxy = type === proxyType || type === callableProxyType;
  if (callback === null) {
    const basic = list.find((w) => w.type === type && (w as PyWeakref).callback === null);
    if (basic && (type === weakrefType || isProxy)) return newref(basic as PyWeakref);
  }
  if (callback) incref(callback);
  const w = new PyWeakref(type, referent, callback);
  rt.heap.allocate(w, true);
  if (callback) rt.ev.refAdded(w.serial, callback.serial, callbackSlot());
  rt.ev.refAdded(w.serial, referent.serial, weakSlot());
  if (callback === null && type === weakrefType) list.unshift(w);
  else {
    // after the basic ref and basic proxy (insert_after(self, prev))
    let at = 0;
    while (at < list.length && (list[at] as PyWeakref).callback === null) at++;
    list.splice(at, 0, w);
  }
  return w;
}

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

/** _PyWeakref_ClearRef: the weakref goes dead (its callback stays for now). */
export function clearWeakref(w: PyObject): void {
  unlink(w as PyWeakref);
}

function clearCallback(w: PyWeakref): void {
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
 * PyObject_ClearWeakRefs at refcount death: clear every weakref, then call the callbacks
 * in list order (callback(ref) with ref already dead). Errors are reported, not raised.
 */
function clearWeakrefsOnDeath(o: PyObject, callCallbacks: boolean): void {
  const list = o.weakrefs;
  if (!list || !list.length) return;
  const refs = list.slice();
  const pending: [PyWeakref, PyObject][] = [];
  for (const w of refs as PyWeakref[]) {
    unlink(w);
    rt.ev.emit(EventKind.WeakrefCleared, w.serial, o.serial);
    if (w.callback && callCallbacks) {
      incref(w);
      const cb = w.callback;
      incref(cb);
      pending.push([w, cb]);
    }
  }
  o.weakrefs = null;
  for (const [w, cb] of pending) {
    rt.ev.emit1(EventKind.CallbackRun, w.serial);
    try {
      decref(call(cb, [w]));
    } catch (e) {
      if (e instanceof PyRaise) reportUnraisable(e.exc, cb);
      else throw e;
    } finally {
      decref(cb);
    }
  }
}

export function weakrefCount(o: PyObject): number {
  return o.weakrefs ? o.weakrefs.length : 0;
}

export { typeName };
