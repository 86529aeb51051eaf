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

/** Add `n` references at once (e.g. `[x] * n`), as one event per reference would be waste. */
export function increfMany(o: PyObject, n: number): void {
  o.rc += n;
  for (let i = 0; i < n; i++) ev.incref(o.serial);
}

// CPython's trashcan: deallocations nested deeper than this are deferred and run later
// from the outermost level (_PyTrash_UNWIND_LEVEL = 50 in 3.11).
const TRASH_UNWIND_LEVEL = 50;
let deallocDepth = 0;
let trash: PyObject[] = [];

export function dealloc(o: PyObject): void {
  const t = o.type;
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
