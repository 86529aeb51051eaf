/**
 * locals() / vars(): the namespace dict of module and class frames, or a snapshot dict
 * of a function frame's fast locals and cells.
 */
import type { PyObject } from '../objects/object.js';
import type { Frame } from './frame.js';
import { newref } from '../heap/refcount.js';
import { newDict, dictSetSteal } from '../objects/dict.js';
import { internStr } from '../objects/str.js';
import type { PyCell } from '../objects/function.js';

export function frameLocalsDict(f: Frame): PyObject {
  if (f.ns !== null) return newref(f.ns);
  const d = newDict();
  f.code.varnames.forEach((name, i) => {
    const v = f.locals[i];
    if (v) dictSetSteal(d, internStr(name), newref(v));
  });
  [...f.code.cellvars, ...f.code.freevars].forEach((name, i) => {
    const v = (f.cells[i] as PyCell | undefined)?.contents;
    if (v) dictSetSteal(d, internStr(name), newref(v));
  });
  return d;
}
