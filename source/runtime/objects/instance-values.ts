/**
 * Attribute storage of class instances in CPython 3.11: "inline values" keyed by the
 * class's shared keys, with no dict object until something asks for `__dict__`
 * (materialization), and __slots__ storage.
 *
 * The shared-keys budget (section 1.6 of the reference): it starts at 30; each instance
 * created while it is above 1 consumes one, each new attribute name consumes one. A
 * materialized dict reports 64 + 8·(names + remaining budget) bytes.
 */
import { PyObject, type PyType, type Visit } from './object.js';
import { rt } from '../runtime.js';
import { decref, incref, newref, xdecref } from '../heap/refcount.js';
import { attrSlot, labelSlot } from './slot-labels.js';
import { dictSetSteal, dictGetStr, dictDelStr, newDict, PyDict, dictType, setSharedKeys } from './dict.js';
import { internStr } from './str.js';

export const SHARED_KEYS_MAX = 30;

export class SharedKeys {
  readonly names: string[] = [];
  /** The event log's slot label of each name, made once (references are labelled by it). */
  readonly slots: number[] = [];
  readonly index = new Map<string, number>();
  /** Remaining budget (CPython's dk_usable of the shared keys). */
  usable = SHARED_KEYS_MAX;
  /** Materialized split dicts using these keys (their sizes follow `usable`). */
  readonly dicts = new Set<PyDict>();
  /** The class's keys table as a memory block (0 once released). */
  keysAddr = 0;

  /** A new name (the caller checked the budget); its position. */
  add(name: string): number {
    const i = this.names.length;
    this.names.push(name);
    this.slots.push(attrSlot(name));
    this.index.set(name, i);
    this.usable--;
    return i;
  }
}

/** Bytes of a class's shared keys table: new_keys_object(log2 6, str keys). */
export const SHARED_KEYS_TABLE_BYTES = 32 + 64 + 42 * 16;

/** An instance of a Python class deriving (directly or not) from object. */
export class PyInstance extends PyObject {
  /** Inline values by shared-key index (null = unset), or null once materialized. */
  values: (PyObject | null)[] | null = null;
  /** Insertion order of the set values (indices), when it differs from index order. */
  order: number[] | null = null;
  /** The materialized (or assigned) __dict__. */
  dict: PyDict | null = null;
  /** __slots__ storage. */
  slots: (PyObject | null)[];
  /** The values array as a memory block (a PyMem allocation beside the object), 0 when there is none. */
  valuesAddr = 0;
  constructor(type: PyType) {
    super(type);
    this.slots = type.slotCount ? new Array(type.slotCount).fill(null) : EMPTY;
  }
}
const EMPTY: (PyObject | null)[] = [];

/** Allocate an instance of heap type `t` (its class gains a reference). */
export function newInstance(t: PyType): PyInstance {
  const o = new PyInstance(t);
  rt.heap.allocate(o, true);
  const keys = t.sharedKeys;
  if (t.flags.managedDict && keys) {
    // init_inline_values: the budget shrinks, then the array is sized to names + budget.
    o.values = [];
    if (keys.usable > 1) {
      keys.usable--;
      // Every materialized split dict of the class reports its size from the budget.
      for (const d of keys.dicts) rt.heap.resized(d);
    }
    o.valuesAddr = rt.heap.allocator.malloc(valuesArrayBytes(keys.names.length + keys.usable));
  }
  return o;
}

/** new_values(size): a prefix of size+2 bytes rounded up to 8, then one pointer per slot. */
export function valuesArrayBytes(size: number): number {
  return ((size + 2 + 7) & ~7) + 8 * size;
}

/**
 * tp_traverse of instances (subtype_traverse): the __slots__ values (most derived class
 * first), the inline values in shared-key order, the materialized dict, and last the
 * class, which every instance of a heap type references.
 */
export function instanceTraverse(o: PyObject, visit: Visit): void {
  const inst = o as PyInstance;
  visitSlots(o, inst.slots, visit);
  const slots = o.type.sharedKeys?.slots;
  if (inst.values && slots) {
    for (let i = 0; i < inst.values.length; i++) {
      const v = inst.values[i];
      if (v) visit(v, slots[i]!);
    }
  }
  if (inst.dict) visit(inst.dict, labelSlot('__dict__'));
  visit(o.type, rt.heap.classSlot);
}

/** traverse_slots for every class of the MRO, most derived first (storage: base classes first). */
export function visitSlots(o: PyObject, slots: (PyObject | null)[], visit: Visit): void {
  if (!slots.length) return;
  const { index, label } = slotLayoutOf(o.type);
  for (let j = 0; j < index.length; j++) {
    const v = slots[index[j]!];
    if (v) visit(v, label[j]!);
  }
}

/**
 * The class's slot layout, made at the first use (the MRO and __slots__ never change
 * after): each __slots__ entry, most derived class first, with its storage index (base
 * classes first) and the log's label.
 */
function slotLayoutOf(t: PyType): NonNullable<PyType['slotLayout']> {
  if (t.slotLayout === null) {
    const mro = t.mro;
    const starts: number[] = new Array(mro.length);
    let at = 0;
    for (let c = mro.length - 1; c >= 0; c--) {
      starts[c] = at;
      at += mro[c]!.slotNames.length;
    }
    const index: number[] = [];
    const label: number[] = [];
    for (let c = 0; c < mro.length; c++) {
      const names = mro[c]!.slotNames;
      for (let j = 0; j < names.length; j++) {
        index.push(starts[c]! + j);
        label.push(attrSlot(names[j]!));
      }
    }
    t.slotLayout = { index, label };
  }
  return t.slotLayout;
}

/**
 * clear_slots for every class of the MRO, most derived first (subtype_clear's loop), each
 * Py_CLEAR releasing its value at once.
 */
export function clearSlots(o: PyObject, slots: (PyObject | null)[]): void {
  if (!slots.length) return;
  const { index, label } = slotLayoutOf(o.type);
  for (let j = 0; j < index.length; j++) {
    const i = index[j]!;
    const v = slots[i];
    if (!v) continue;
    slots[i] = null;
    rt.ev.refRemoved(o.serial, v.serial, label[j]!);
    decref(v);
  }
}

/** Names of all slots of a class, by storage index (base classes first). */
export function allSlotNames(t: PyType): string[] {
  const out: string[] = [];
  for (let i = t.mro.length - 1; i >= 0; i--) out.push(...t.mro[i]!.slotNames);
  return out;
}

/**
 * tp_clear (subtype_clear): slots first, then the inline values in shared-key order
 * (_PyObject_ClearInstanceAttributes), then the dict; each Py_CLEAR releases at once.
 * The class reference stays until dealloc.
 */
export function instanceClear(o: PyObject): void {
  const inst = o as PyInstance;
  clearSlots(o, inst.slots);
  const slots = o.type.sharedKeys?.slots;
  const values = inst.values;
  if (values) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v) {
        values[i] = null;
        rt.ev.refRemoved(o.serial, v.serial, slots![i]!);
        decref(v);
      }
    }
    if (inst.values === values) {
      inst.values = [];
      inst.order = null;
    }
  }
  if (inst.dict) {
    const d = inst.dict;
    inst.dict = null;
    rt.ev.refRemoved(o.serial, d.serial, labelSlot('__dict__'));
    decref(d);
  }
}

/**
 * subtype_dealloc's release order: slots first (clear_slots), then the values/dict. The
 * class itself is released by the heap after the memory is freed.
 */
export function instanceDealloc(o: PyObject): void {
  const inst = o as PyInstance;
  const slots = inst.slots;
  for (let i = 0; i < slots.length; i++) {
    const v = slots[i];
    if (v) {
      slots[i] = null;
      decref(v);
    }
  }
  if (inst.values) {
    const values = inst.values;
    const order = inst.order ?? values.map((_, i) => i);
    inst.values = null;
    for (const i of order) {
      const v = values[i];
      if (v) decref(v);
    }
  }
  if (inst.valuesAddr !== 0) {
    rt.heap.allocator.free(inst.valuesAddr);
    inst.valuesAddr = 0;
  }
  if (inst.dict) {
    const d = inst.dict;
    inst.dict = null;
    decref(d);
  }
}

/** Borrowed attribute from the instance's own storage. */
export function instanceGet(o: PyObject, name: string): PyObject | null {
  const inst = o as PyInstance;
  if (inst.values !== null) {
    const keys = o.type.sharedKeys;
    if (keys === null) return null;
    const i = keys.index.get(name);
    return i === undefined ? null : (inst.values[i] ?? null);
  }
  if (inst.dict !== null) return dictGetStr(inst.dict, name);
  return null;
}

/** Store (stolen) or delete an attribute in the instance's own storage. */
export function instanceSet(o: PyObject, name: string, value: PyObject | null): boolean {
  const inst = o as PyInstance;
  const t = o.type;
  if (!t.flags.managedDict && inst.dict === null && !hasDictSlot(t)) return false;
  if (inst.values !== null && t.sharedKeys !== null) {
    const keys = t.sharedKeys;
    let i = keys.index.get(name);
    if (i === undefined && value !== null) {
      if (keys.usable > 0 && keys.names.length < SHARED_KEYS_MAX) {
        i = keys.add(name);
      } else {
        // The shared keys are full: the instance's dict is materialized and, on this
        // insert, converted to an ordinary dict sized for used*3 (insertion_resize).
        materializeDict(inst, true);
        return instanceSet(o, name, value);
      }
    }
    if (i === undefined) return false;
    const old = inst.values[i] ?? null;
    if (value === null && old === null) return false;
    while (inst.values.length <= i) inst.values.push(null);
    inst.values[i] = value;
    const slot = keys.slots[i]!;
    if (old) rt.ev.refRemoved(o.serial, old.serial, slot);
    if (value) rt.ev.refAdded(o.serial, value.serial, slot);
    updateOrder(inst, i, old, value);
    xdecref(old);
    return true;
  }
  let d = inst.dict;
  if (d === null) {
    if (value === null) return false;
    d = materializeDict(inst, false);
  }
  if (value === null) return dictDelStr(d, name);
  dictSetSteal(d, internStr(name), value);
  return true;
}

function hasDictSlot(t: PyType): boolean {
  return t.flags.managedDict || t.mro.some((c) => c.slotNames.includes('__dict__'));
}

/** Keep per-instance insertion order when it departs from shared-key order. */
function updateOrder(inst: PyInstance, i: number, old: PyObject | null, value: PyObject | null): void {
  const values = inst.values!;
  if (value !== null && old === null) {
    if (inst.order !== null) inst.order.push(i);
    else {
      // Insertion in index order keeps `order` implicit; otherwise make it explicit.
      for (let j = i + 1; j < values.length; j++) {
        if (values[j]) {
          inst.order = values.map((v, k) => (v && k !== i ? k : -1)).filter((k) => k >= 0);
          inst.order.push(i);
          break;
        }
      }
    }
  } else if (value === null && old !== null) {
    const order = inst.order ?? values.map((v, k) => (v || k === i ? k : -1)).filter((k) => k >= 0);
    inst.order = order.filter((k) => k !== i);
  }
}

/** The instance's attribute names and values in insertion order (borrowed). */
export function instanceItems(inst: PyInstance): [string, PyObject][] {
  const names = inst.type.sharedKeys?.names ?? [];
  const values = inst.values ?? [];
  const order = inst.order ?? values.map((_, i) => i);
  const out: [string, PyObject][] = [];
  for (const i of order) {
    const v = values[i];
    if (v) out.push([names[i]!, v]);
  }
  return out;
}

/**
 * Create the instance's __dict__ object from its inline values (3.11's
 * make_dict_from_instance_attributes); the dict takes over the values.
 */
export function materializeDict(inst: PyInstance, split = true): PyDict {
  if (inst.dict !== null) return inst.dict;
  const items = inst.values ? instanceItems(inst) : [];
  const keys = inst.type.sharedKeys;
  const d = newDict(dictType);
  if (split && keys) {
    setSharedKeys(d, keys);
    rt.heap.resized(d);
  }
  // A split dict takes over the values array; an ordinary one gets its own keys table.
  if (split && keys) d.valuesAddr = inst.valuesAddr;
  else if (inst.valuesAddr !== 0) rt.heap.allocator.free(inst.valuesAddr);
  inst.valuesAddr = 0;
  // Move each value: the instance's edge goes away, the dict's appears.
  if (inst.values) {
    for (let i = 0; i < inst.values.length; i++) {
      const v = inst.values[i];
      if (v) rt.ev.refRemoved(inst.serial, v.serial, keys!.slots[i]!);
    }
  }
  inst.values = null;
  inst.order = null;
  for (const [name, v] of items) dictSetSteal(d, internStr(name), v);
  inst.dict = d;
  rt.ev.refAdded(inst.serial, d.serial, labelSlot('__dict__'));
  return d;
}

/** obj.__dict__ (new reference). */
export function instanceDictGet(o: PyObject): PyObject {
  return newref(materializeDict(o as PyInstance));
}

/** obj.__dict__ = d (borrowed). */
export function instanceDictSet(o: PyObject, d: PyObject | null): void {
  const inst = o as PyInstance;
  materializeDict(inst);
  const old = inst.dict!;
  if (d === null) throw new Error('cannot delete __dict__');
  incref(d);
  inst.dict = d as PyDict;
  rt.ev.refRemoved(inst.serial, old.serial, labelSlot('__dict__'));
  rt.ev.refAdded(inst.serial, d.serial, labelSlot('__dict__'));
  decref(old);
}
