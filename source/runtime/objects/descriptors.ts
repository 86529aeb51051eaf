/**
 * Descriptors: property, classmethod, staticmethod, the member descriptors that give
 * __slots__ their storage, and the getset descriptors of __dict__ and __weakref__.
 */
import { PyObject, type PyType, type Visit } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { decref, incref, newref, xdecref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from './exceptions.js';
import { None } from './singletons.js';
import { attrSlot, labelSlot } from './slot-labels.js';
import { callBorrowed } from '../protocols/abstract.js';
import { newMethod } from './function.js';

export class PyProperty extends PyObject {
  constructor(
    type: PyType,
    public fget: PyObject | null,
    public fset: PyObject | null,
    public fdel: PyObject | null,
    public doc: PyObject | null,
  ) {
    super(type);
  }
}

/** classmethod and staticmethod wrap one callable. */
export class PyWrapper extends PyObject {
  dict: PyObject | null = null;
  constructor(
    type: PyType,
    public callable: PyObject,
  ) {
    super(type);
  }
}

/** A __slots__ entry: reads and writes instance slot `index` of `owner` instances. */
export class PyMemberDescriptor extends PyObject {
  constructor(
    type: PyType,
    readonly name: string,
    readonly owner: PyType,
    readonly index: number,
  ) {
    super(type);
  }
}

/** __dict__ / __weakref__ of a class's instances (getset_descriptor). */
export class PyGetSetDescriptor extends PyObject {
  constructor(
    type: PyType,
    readonly name: string,
    readonly owner: PyType,
    readonly get: (o: PyObject) => PyObject,
    readonly set: ((o: PyObject, v: PyObject | null) => void) | null,
  ) {
    super(type);
  }
}

export let propertyType: PyType;
export let classmethodType: PyType;
export let staticmethodType: PyType;
export let memberDescriptorType: PyType;
export let getsetDescriptorType: PyType;

/** Slot storage of instances, provided by objects/instance.ts. */
export type SlotStorage = { slots: (PyObject | null)[] };

export function initDescriptorTypes(): void {
  propertyType = makeBuiltinType('property', { gc: true, basicSize: 64 });
  propertyType.traverse = (o, visit: Visit) => {
    const p = o as PyProperty;
    if (p.fget) visit(p.fget, attrSlot('fget'));
    if (p.fset) visit(p.fset, attrSlot('fset'));
    if (p.fdel) visit(p.fdel, attrSlot('fdel'));
    if (p.doc) visit(p.doc, attrSlot('__doc__'));
  };
  propertyType.dealloc = (o) => {
    const p = o as PyProperty;
    xdecref(p.fget);
    xdecref(p.fset);
    xdecref(p.fdel);
    xdecref(p.doc);
  };
  propertyType.descrGet = (d, o) => {
    const p = d as PyProperty;
    if (o === null) return newref(d);
    if (p.fget === null) throw pyError(E.AttributeError!, `property${propertyName(p)} of '${o.type.name}' object has no getter`);
    return callBorrowed(p.fget, [o]);
  };
  propertyType.descrSet = (d, o, v) => {
    const p = d as PyProperty;
    const f = v === null ? p.fdel : p.fset;
    if (f === null) {
      throw pyError(E.AttributeError!, v === null ? `property${propertyName(p)} of '${o.type.name}' object has no deleter` : `property${propertyName(p)} of '${o.type.name}' object has no setter`);
    }
    decref(callBorrowed(f, v === null ? [o] : [o, v]));
  };

  for (const name of ['classmethod', 'staticmethod'] as const) {
    const t = makeBuiltinType(name, { gc: true, basicSize: 32 });
    t.traverse = (o, visit: Visit) => {
      const w = o as PyWrapper;
      visit(w.callable, attrSlot('__func__'));
      if (w.dict) visit(w.dict, attrSlot('__dict__'));
    };
    t.dealloc = (o) => {
      decref((o as PyWrapper).callable);
      xdecref((o as PyWrapper).dict);
    };
    if (name === 'classmethod') {
      classmethodType = t;
      t.descrGet = (d, o, owner) => {
        const cls = owner ?? (o as PyObject).type;
        incref((d as PyWrapper).callable);
        incref(cls);
        return newMethod((d as PyWrapper).callable, cls);
      };
    } else {
      staticmethodType = t;
      t.descrGet = (d) => newref((d as PyWrapper).callable);
    }
  }

  memberDescriptorType = makeBuiltinType('member_descriptor', { baseType: false, gc: true, basicSize: 48 });
  memberDescriptorType.descrGet = (d, o) => {
    const m = d as PyMemberDescriptor;
    if (o === null) return newref(d);
    checkOwner(m.owner, m.name, o);
    const v = (o as unknown as SlotStorage).slots?.[m.index];
    if (v === null || v === undefined) throw pyError(E.AttributeError!, `'${o.type.name}' object has no attribute '${m.name}'`);
    return newref(v);
  };
  memberDescriptorType.descrSet = (d, o, v) => {
    const m = d as PyMemberDescriptor;
    checkOwner(m.owner, m.name, o);
    const holder = o as unknown as SlotStorage;
    if (!holder.slots) holder.slots = new Array(o.type.slotCount).fill(null);
    const storage = holder.slots;
    const old = storage[m.index] ?? null;
    if (v === null && old === null) throw pyError(E.AttributeError!, m.name);
    if (v !== null) incref(v);
    storage[m.index] = v;
    const slot = attrSlot(m.name);
    if (old) rt.ev.refRemoved(o.serial, old.serial, slot);
    if (v) rt.ev.refAdded(o.serial, v.serial, slot);
    xdecref(old);
  };

  getsetDescriptorType = makeBuiltinType('getset_descriptor', { baseType: false, gc: true, basicSize: 48 });
  getsetDescriptorType.traverse = (o, visit: Visit) => visit((o as PyGetSetDescriptor).owner, labelSlot('__objclass__'));
  getsetDescriptorType.dealloc = (o) => decref((o as PyGetSetDescriptor).owner);
  getsetDescriptorType.descrGet = (d, o) => {
    const g = d as PyGetSetDescriptor;
    if (o === null) return newref(d);
    checkOwner(g.owner, g.name, o);
    return g.get(o);
  };
  getsetDescriptorType.descrSet = (d, o, v) => {
    const g = d as PyGetSetDescriptor;
    if (g.set === null) throw pyError(E.AttributeError!, `attribute '${g.name}' of '${g.owner.name}' objects is not writable`);
    checkOwner(g.owner, g.name, o);
    g.set(o, v);
  };
}

function propertyName(p: PyProperty): string {
  const f = p.fget;
  const name = f && 'name' in f ? (f as unknown as { name: PyObject }).name : null;
  return name && 'v' in name ? ` '${(name as unknown as { v: string }).v}'` : '';
}

function checkOwner(owner: PyType, name: string, o: PyObject): void {
  if (!o.type.isSubtypeOf(owner)) {
    throw pyError(E.TypeError!, `descriptor '${name}' for '${owner.name}' objects doesn't apply to a '${o.type.name}' object`);
  }
}

/** A member descriptor (for one __slots__ name) or a getset descriptor, allocated now. */
export function newMemberDescriptor(name: string, owner: PyType, index: number): PyMemberDescriptor {
  const d = new PyMemberDescriptor(memberDescriptorType, name, owner, index);
  rt.heap.allocate(d, true);
  return d;
}

export function newGetSetDescriptor(
  name: string,
  owner: PyType,
  get: (o: PyObject) => PyObject,
  set: ((o: PyObject, v: PyObject | null) => void) | null,
): PyGetSetDescriptor {
  incref(owner);
  const d = new PyGetSetDescriptor(getsetDescriptorType, name, owner, get, set);
  rt.heap.allocate(d, true);
  rt.ev.refAdded(d.serial, owner.serial, labelSlot('__objclass__'));
  return d;
}

/** property(fget, fset, fdel, doc) with borrowed arguments. */
export function newProperty(fget: PyObject | null, fset: PyObject | null, fdel: PyObject | null, doc: PyObject | null): PyProperty {
  const norm = (x: PyObject | null) => (x === null || x === None ? null : newref(x));
  const p = new PyProperty(propertyType, norm(fget), norm(fset), norm(fdel), norm(doc));
  rt.heap.allocate(p, true);
  for (const [name, v] of [['fget', p.fget], ['fset', p.fset], ['fdel', p.fdel], ['__doc__', p.doc]] as const) {
    if (v) rt.ev.refAdded(p.serial, v.serial, attrSlot(name));
  }
  return p;
}

export function newWrapper(type: PyType, callable: PyObject): PyWrapper {
  incref(callable);
  const w = new PyWrapper(type, callable);
  rt.heap.allocate(w, true);
  rt.ev.refAdded(w.serial, callable.serial, attrSlot('__func__'));
  return w;
}
