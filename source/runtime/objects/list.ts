/**
 * list: a growable array of references with CPython 3.11's over-allocation (list_resize),
 * so that sys.getsizeof follows the real capacity sequence 0, 4, 8, 16, 24, 32, 40, 52 ...
 * List objects (not their item arrays) are recycled through an 80-entry free list.
 */
import { PyObject, type PyType, type Visit } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { decref, decrefItems, incref } from '../heap/refcount.js';
import { FreeList } from '../heap/heap.js';
import { EventKind } from '../../events/kinds.js';
import { indexSlot } from './tuple.js';

export class PyList extends PyObject {
  /** Allocated slots (CPython's `allocated`); `items.length` is ob_size. */
  allocated = 0;
  /** Address of the item array (ob_item), a separate PyMem block of 8·allocated bytes; 0 for none. */
  itemsAddr = 0;
  constructor(
    type: PyType,
    public items: PyObject[],
  ) {
    super(type);
  }
}

export let listType: PyType;
export let listFreeList: FreeList;

export function initListType(): void {
  listType = makeBuiltinType('list', { gc: true, basicSize: 40 });
  listFreeList = new FreeList('list', 80, 56, true);
  listType.sizeof = (o) => 40 + 8 * (o as PyList).allocated;
  listType.objectSize = () => 40;
  listType.freeListFor = (o) => (o.type === listType ? listFreeList : null);
  // list_traverse: last item first
  listType.traverse = (o, visit: Visit) => {
    const items = (o as PyList).items;
    for (let i = items.length - 1; i >= 0; i--) visit(items[i]!, indexSlot(i));
  };
  listType.clear = (o) => listClear(o as PyList);
  listType.dealloc = (o) => {
    const l = o as PyList;
    const items = l.items;
    l.items = [];
    freeItems(l);
    decrefItems(items);
  };
}

/**
 * A new list owning `items` (stolen), with capacity `capacity` (default: exactly n);
 * `fresh` skips the free list (tp_alloc, as `list()` allocates).
 */
export function newList(items: PyObject[], capacity = items.length, type: PyType = listType, fresh = false): PyList {
  const l = new PyList(type, items);
  // The Allocated event reports sys.getsizeof, which counts the item array to come.
  l.allocated = Math.max(capacity, items.length);
  rt.heap.allocate(l, true, fresh);
  allocateItems(l, Math.max(capacity, items.length));
  const ev = rt.ev;
  for (let i = 0; i < items.length; i++) ev.refAdded(l.serial, items[i]!.serial, indexSlot(i));
  return l;
}

/**
 * list_resize: make room for `newLength` items, over-allocating like CPython 3.11, and
 * report the new size when the capacity changes.
 */
export function listResize(l: PyList, newLength: number): void {
  const allocated = l.allocated;
  if (allocated >= newLength && newLength >= allocated >> 1) return;
  let capacity = (newLength + (newLength >> 3) + 6) & ~3;
  if (newLength - l.items.length > capacity - newLength) capacity = (newLength + 3) & ~3;
  if (newLength === 0) capacity = 0;
  l.allocated = capacity;
  // PyMem_Realloc(ob_item, 8·capacity), also for 0 bytes (a 1-byte malloc, as CPython does).
  l.itemsAddr = rt.heap.allocator.realloc(l.itemsAddr, 8 * capacity);
  rt.heap.resized(l);
}

/**
 * A fresh item array of `capacity` slots for a list that has none (PyList_New,
 * list_new_prealloc, list_preallocate_exact): one PyMem block of 8·capacity bytes.
 */
export function allocateItems(l: PyList, capacity: number): void {
  l.allocated = capacity;
  if (capacity > 0) l.itemsAddr = rt.heap.allocator.malloc(8 * capacity);
}

/** PyMem_Free(ob_item): the list keeps no item array (clear, tp_clear, dealloc). */
export function freeItems(l: PyList): void {
  l.allocated = 0;
  const addr = l.itemsAddr;
  if (addr !== 0) {
    l.itemsAddr = 0;
    rt.heap.allocator.free(addr);
  }
}

/** Append, stealing the reference to `item` (PyList_Append minus the incref). */
export function listAppendSteal(l: PyList, item: PyObject): void {
  const n = l.items.length;
  if (n === l.allocated) listResize(l, n + 1);
  l.items.push(item);
  rt.ev.refAdded(l.serial, item.serial, indexSlot(n));
}

export function listAppend(l: PyList, item: PyObject): void {
  incref(item);
  listAppendSteal(l, item);
}

/** Replace item i (stealing `value`), releasing the old one after the store. */
export function listSetItem(l: PyList, i: number, value: PyObject): void {
  const old = l.items[i]!;
  l.items[i] = value;
  rt.ev.refRemoved(l.serial, old.serial, indexSlot(i));
  rt.ev.refAdded(l.serial, value.serial, indexSlot(i));
  decref(old);
}

/** Insert (stealing `value`) before index i, shifting the rest. */
export function listInsertSteal(l: PyList, i: number, value: PyObject): void {
  const n = l.items.length;
  listResize(l, n + 1);
  if (i < n) rt.ev.emit(EventKind.ItemsShifted, l.serial, i, 1);
  l.items.splice(i, 0, value);
  rt.ev.refAdded(l.serial, value.serial, indexSlot(i));
}

/** Remove and return (owned) item i. */
export function listPop(l: PyList, i: number): PyObject {
  const item = l.items[i]!;
  rt.ev.refRemoved(l.serial, item.serial, indexSlot(i));
  l.items.splice(i, 1);
  if (i < l.items.length) rt.ev.emit(EventKind.ItemsShifted, l.serial, i + 1, -1 >>> 0);
  listResize(l, l.items.length);
  return item;
}

/**
 * Replace items [lo, hi) with `values` (stolen), like list_ass_slice; the removed items
 * are released after the list is consistent again.
 */
export function listReplaceSlice(l: PyList, lo: number, hi: number, values: PyObject[]): void {
  const ev = rt.ev;
  const removed = l.items.slice(lo, hi);
  for (let i = 0; i < removed.length; i++) ev.refRemoved(l.serial, removed[i]!.serial, indexSlot(lo + i));
  const delta = values.length - removed.length;
  const newLength = l.items.length + delta;
  if (delta !== 0 && hi < l.items.length) ev.emit(EventKind.ItemsShifted, l.serial, hi, delta >>> 0);
  if (delta > 0) listResize(l, newLength);
  l.items.splice(lo, hi - lo, ...values);
  for (let i = 0; i < values.length; i++) ev.refAdded(l.serial, values[i]!.serial, indexSlot(lo + i));
  if (delta < 0) listResize(l, newLength);
  for (let i = removed.length - 1; i >= 0; i--) decref(removed[i]!);
}

/** list.clear(): drop every item (also the collector's tp_clear). */
export function listClear(l: PyList): void {
  const items = l.items;
  if (!items.length && !l.allocated) return;
  const ev = rt.ev;
  for (let i = 0; i < items.length; i++) ev.refRemoved(l.serial, items[i]!.serial, indexSlot(i));
  l.items = [];
  freeItems(l);
  rt.heap.resized(l);
  decrefItems(items);
}

/** Capacity CPython gives a list built from an iterable with a length hint (list_extend). */
export function evenCapacity(n: number): number {
  return (n + 1) & ~1;
}
