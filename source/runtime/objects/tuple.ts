/**
 * tuple: an immutable array of references. `()` is a static singleton; tuples of length
 * 1..20 are recycled through per-length free lists (2000 each). Tuples are GC-tracked at
 * creation and untracked by a collection once all their items are atomic (gcmodule.c's
 * untrack_tuples).
 */
import { PyObject, type PyType, type Visit } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { decrefItems, incref } from '../heap/refcount.js';
import { FreeList } from '../heap/heap.js';
import { makeSlot, SlotKind } from '../../events/kinds.js';
import { makeStatic } from './str.js';

export class PyTuple extends PyObject {
  constructor(
    type: PyType,
    readonly items: PyObject[],
  ) {
    super(type);
  }
}

export let tupleType: PyType;
let emptyTuple: PyTuple;
export const MAX_TUPLE_FREELIST_LENGTH = 20;
export let tupleFreeLists: FreeList[] = [];

export function indexSlot(i: number): number {
  return makeSlot(SlotKind.Index, i);
}

export function initTupleType(): void {
  tupleType = makeBuiltinType('tuple', { gc: true, basicSize: 24, itemSize: 8 });
  tupleType.sizeof = (o) => 24 + 8 * (o as PyTuple).items.length;
  tupleFreeLists = [new FreeList('tuple0', 0, 40, true)];
  for (let n = 1; n <= MAX_TUPLE_FREELIST_LENGTH; n++) tupleFreeLists.push(new FreeList(`tuple${n}`, 2000, 40 + 8 * n, true));
  tupleType.freeListFor = (o) => {
    const n = (o as PyTuple).items.length;
    return o.type === tupleType && n > 0 && n <= MAX_TUPLE_FREELIST_LENGTH ? tupleFreeLists[n]! : null;
  };
  // tupletraverse: last item first
  tupleType.traverse = (o, visit: Visit) => {
    const items = (o as PyTuple).items;
    for (let i = items.length - 1; i >= 0; i--) visit(items[i]!, indexSlot(i));
  };
  tupleType.dealloc = (o) => {
    // items are released last to first, as tupledealloc does
    const items = (o as PyTuple).items;
    decrefItems(items);
  };
}

export function initEmptyTuple(): void {
  emptyTuple = new PyTuple(tupleType, []);
  rt.heap.allocate(emptyTuple, false);
  makeStatic(emptyTuple);
}

export function newEmptyTuple(): PyTuple {
  incref(emptyTuple);
  return emptyTuple;
}

/** A tuple owning `items` (their references are stolen). */
export function newTuple(items: PyObject[]): PyTuple {
  if (items.length === 0) return newEmptyTuple();
  const t = new PyTuple(tupleType, items);
  rt.heap.allocate(t, true);
  const ev = rt.ev;
  for (let i = 0; i < items.length; i++) ev.refAdded(t.serial, items[i]!.serial, indexSlot(i));
  return t;
}

/** A tuple of borrowed references (each is increfed). */
export function newTupleFrom(items: readonly PyObject[]): PyTuple {
  for (let i = 0; i < items.length; i++) incref(items[i]!);
  return newTuple(items.slice());
}
