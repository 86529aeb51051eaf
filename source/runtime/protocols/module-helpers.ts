/** Small re-exports used by modules that want the generic attribute protocol. */
import { PyRaise } from '../errors.js';
import type { PyObject } from '../objects/object.js';
export { genericGetAttr, genericSetAttr } from './abstract.js';

/** The exception object of a thrown PyRaise, or null for anything else. */
export function PyRaiseOf(e: unknown): PyObject | null {
  return e instanceof PyRaise ? e.exc : null;
}
