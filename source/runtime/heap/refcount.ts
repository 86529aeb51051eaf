/**
 * Reference counting: Py_INCREF / Py_DECREF and deallocation, each reported to the event
 * log. Deallocation follows CPython's order: the finalizer (__del__) first, which may
 * resurrect the object; then weak references are cleared and their callbacks run; then
 * the type releases what the object holds. Deep chains are freed through a "trashcan"
 * (CPython's Py_TRASHCAN) so that freeing a 100000-deep nested list cannot overflow the
 * JavaScript stack.
 */
import type { PyObject } from '../objects/object.js';
import type { EventLog } from '../../events/log.js';
import { rt } from '../runtime.js';
import { EventKind } from '../../events/kinds.js';

let ev: EventLog;

/** Point the hot-path functions at the active runtime's log. */
export function bindRefcountLog(log: EventLog): void {
  ev = log;
}

export function incref(o: PyObject): void {
  o.rc++;
  ev.incref(o.serial);
}

/** Py_INCREF and return the object: `return newref(x)` hands out a new reference. */
export function newref<T extends PyObject>(o: T): T {
  o.rc++;
  ev.incref(o.serial);
  return o;
}

export function decref(o: PyObject): void {
  ev.decref(o.serial);
  if (--o.rc === 0) dealloc(o);
}

export function xdecref(o: PyObject | null | undefined): void {
  if (o) decref(o);
}

/**
 * From this many references on, taking or dropping several references to one object at once
 * is logged as one RefcountSet (the count it ends with) instead of one event per reference.
 */
const BULK_REFS = 64;

/** Add `n` references at once (e.g. `[x] * n`). */
export function increfMany(o: PyObject, n: number): void {
  o.rc += n;
  if (n >= BULK_REFS) ev.emit(EventKind.RefcountSet, o.serial, o.rc);
  else for (let i = 0; i < n; i++) ev.incref(o.serial);
}

/**
 * Drop one reference to each of `items`, last to first (a list or tuple being freed or
 * cleared); a run of the same object (`[x] * n`) is dropped at once.
 */
export function decrefItems(items: readonly PyObject[]): void {
  for (let i = items.length - 1; i >= 0; ) {
    const o = items[i]!;
    let j = i - 1;
    while (j >= 0 && items[j] === o) j--;
    const n = i - j;
    i = j;
    if (n < BULK_REFS) {
      for (let k = 0; k < n; k++) decref(o);
      continue;
    }
    o.rc -= n;
    ev.emit(EventKind.RefcountSet, o.serial, o.rc);
    if (o.rc === 0) dealloc(o);
  }
}

// CPython's trashcan: deallocations nested deeper than this are deferred and run later
// from the outermost level (_PyTrash_UNWIND_LEVEL = 50 in 3.11).
const TRASH_UNWIND_LEVEL = 50;
let deallocDepth = 0;
let trash: PyObject[] = [];

export function dealloc(o: PyObject): void {
  const t = o.type;
  // No finalizer, no weak references, nothing to free after it: no trashcan either.
  if (t.plain) return rt.heap.releasePlain(o);
  if (t.finalize !== null && !o.finalized) {
    // PEP 442: call the finalizer once; it runs with a temporary reference.
    o.finalized = true;
    o.rc = 1;
    ev.emit1(EventKind.FinalizerRun, o.serial);
    ev.incref(o.serial);
    rt.runFinalizer(o);
    ev.decref(o.serial);
    if (--o.rc !== 0) return; // resurrected
  }
  if (o.weakrefs !== null && o.weakrefs.length) {
    // subtype_dealloc untracks the object before PyObject_ClearWeakRefs: the callbacks
    // (Python code, maybe a collection) never see it in a generation.
    rt.heap.untrack(o);
    // Callbacks run after the weakrefs are cleared, so they cannot reach the object again.
    rt.clearWeakrefs(o, true);
  }
  if (deallocDepth >= TRASH_UNWIND_LEVEL) {
    trash.push(o);
    return;
  }
  deallocDepth++;
  try {
    rt.heap.release(o);
  } finally {
    deallocDepth--;
  }
  if (deallocDepth === 0 && trash.length) emptyTrash();
}

function emptyTrash(): void {
  while (trash.length) {
    const batch = trash;
    trash = [];
    for (let i = 0; i < batch.length; i++) {
      deallocDepth++;
      try {
        rt.heap.release(batch[i]!);
      } finally {
        deallocDepth--;
      }
    }
  }
}
