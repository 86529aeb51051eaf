/**
 * Which objects the collector cares about (Include/internal/pycore_object.h).
 *
 * PyObject_IS_GC: the type has the GC flag, and for type objects only heap types count
 * (type_is_gc): builtin types are static, never tracked and never part of a cycle, so a
 * tuple `(int, str)` can be untracked like a tuple of ints.
 *
 * _PyObject_GC_MAY_BE_TRACKED: a GC object that is, or may later be, tracked; a tuple only
 * while it is tracked (untracked tuples stay untracked, their items being atomic). Storing
 * such an object in a dict makes the dict tracked (MAINTAIN_TRACKING); a tuple or dict
 * holding none of them can be untracked by a collection.
 */
import { PyObject, PyType, UNTRACKED } from '../objects/object.js';
import { tupleType } from '../objects/tuple.js';

export function isGc(o: PyObject): boolean {
  return o.type.flags.gc && (!(o instanceof PyType) || o.flags.heap);
}

export function mayBeTracked(o: PyObject): boolean {
  if (!isGc(o)) return false;
  if (o.type === tupleType) return o.gcGen !== UNTRACKED;
  return true;
}
