/**
 * type.__subclasses__() bookkeeping (typeobject.c add_subclass / remove_subclass): every
 * type keeps a dict tp_subclasses {id(subclass): weakref(subclass)}. Creating a class
 * therefore creates a weak reference to it (weakref.getweakrefcount(K) == 1, and one more
 * GC object in gc.get_count()); the entry goes when the subclass is deallocated.
 */
import type { PyType } from './object.js';
import { PyDict, newDict, dictSetSteal, dictDel, dictItems } from './dict.js';
import { newIntValue } from './int.js';
import { newWeakref, type PyWeakref } from './weakref.js';
import { decref, newref } from '../heap/refcount.js';
import { makeStatic } from './str.js';
import { rt } from '../runtime.js';
import { labelSlot } from './slot-labels.js';

/**
 * Builtin types that can be subclassed already have their dict when a program starts
 * (a 3.11 interpreter has created subclasses of all of them by then).
 */
export function initSubclassDicts(types: readonly PyType[]): void {
  for (const t of types) {
    if (!t.flags.baseType || t.subclasses !== null) continue;
    t.subclasses = newDict();
    makeStatic(t.subclasses);
    rt.ev.refAdded(t.serial, t.subclasses.serial, labelSlot('__subclasses__'));
  }
}

/** add_subclass: called by type_new for each of the new class's bases. */
export function addSubclass(base: PyType, t: PyType): void {
  if (base.subclasses === null) {
    base.subclasses = newDict();
    rt.ev.refAdded(base.serial, base.subclasses.serial, labelSlot('__subclasses__'));
  }
  dictSetSteal(base.subclasses, newIntValue(BigInt(t.addr)), newWeakref(t, null));
}

/** remove_subclass: the subclass is being deallocated. */
export function removeSubclass(base: PyType, t: PyType): void {
  const d = base.subclasses;
  if (d === null) return;
  const key = newIntValue(BigInt(t.addr));
  dictDel(d, key);
  decref(key);
}

/** type_dealloc: a heap type releases its own subclass dict. */
export function releaseSubclassDict(t: PyType): void {
  const d = t.subclasses;
  if (d === null) return;
  t.subclasses = null;
  decref(d);
}

/** type.__subclasses__(): the live subclasses, in the order they were created. */
export function liveSubclasses(t: PyType): PyType[] {
  const d: PyDict | null = t.subclasses;
  if (d === null) return [];
  const out: PyType[] = [];
  for (const [, wr] of dictItems(d)) {
    const r = (wr as PyWeakref).referent;
    if (r !== null) out.push(newref(r as PyType));
  }
  return out;
}
