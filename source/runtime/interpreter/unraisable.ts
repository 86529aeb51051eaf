/**
 * sys.unraisablehook's default output: errors in __del__, weakref callbacks and
 * generator finalizers are printed to stderr and otherwise ignored.
 */
import type { PyObject } from '../objects/object.js';
import { rt } from '../runtime.js';
import { decref } from '../heap/refcount.js';
import { PyRaise } from '../errors.js';
import { repr } from '../protocols/abstract.js';
import { formatUnraisable } from './exception-print.js';
import { sysStream, writeTo } from '../builtins/functions.js';
import { None } from '../objects/singletons.js';

/** Print "Exception ignored in: <obj>" and the traceback; consumes the reference to `exc`. */
export function reportUnraisable(exc: PyObject, obj: PyObject | null, prefix = 'Exception ignored in'): void {
  let text = '';
  if (obj !== null) {
    let r: string;
    try {
      r = repr(obj);
    } catch (e) {
      if (e instanceof PyRaise) decref(e.exc);
      r = '<object repr() failed>';
    }
    text += `${prefix}: ${r}\n`;
  }
  text += formatUnraisable(exc);
  // The default sys.unraisablehook writes to the current sys.stderr (nothing if it is None).
  const stderr = sysStream('stderr');
  try {
    if (stderr === null) rt.writeStderr(text);
    else if (stderr !== None) writeTo(stderr, text);
  } finally {
    decref(exc);
  }
}
