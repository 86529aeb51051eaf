/**
 * Running a finalizer (__del__, a generator's close): errors are printed as
 * "Exception ignored in: <function C.__del__ ...>" and otherwise ignored.
 */
import type { PyObject } from '../objects/object.js';
import { PyRaise } from '../errors.js';
import { lookup } from '../objects/typeobject.js';
import { reportUnraisable } from './unraisable.js';
import { rt } from '../runtime.js';
import { decref, incref } from '../heap/refcount.js';

export function runFinalizerSafely(o: PyObject): void {
  const f = o.type.finalize;
  if (f === null) return;
  // The finalizer runs with the current exception state saved (like PyErr_Fetch/Restore).
  const frame = rt.frame;
  try {
    f(o);
  } catch (e) {
    if (!(e instanceof PyRaise)) throw e;
    const del = lookup(o.type, '__del__');
    if (del) incref(del);
    reportUnraisable(e.exc, del ?? o);
    if (del) decref(del);
  } finally {
    rt.frame = frame;
  }
}
