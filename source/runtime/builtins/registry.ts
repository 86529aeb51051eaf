/**
 * The builtins module's dict, created once per runtime by bootstrap.
 */
import type { PyDict } from '../objects/dict.js';
import type { BuiltinImpl } from '../objects/function.js';
import { newBuiltinFunction } from '../objects/function.js';
import { dictSetSteal } from '../objects/dict.js';
import { internStr } from '../objects/str.js';
import type { PyObject } from '../objects/object.js';

let builtins: PyDict;

export function setBuiltinsDict(d: PyDict): void {
  builtins = d;
}

export function builtinsDict(): PyDict {
  return builtins;
}

/** builtins.<name> = a builtin function. */
export function defineBuiltin(name: string, impl: BuiltinImpl, module: PyObject | null = null): void {
  dictSetSteal(builtins, internStr(name), newBuiltinFunction(name, impl, module));
}

/** builtins.<name> = value (stolen). */
export function defineBuiltinValue(name: string, value: PyObject): void {
  dictSetSteal(builtins, internStr(name), value);
}
