/**
 * Module objects: a name and a __dict__ (72 bytes; the dict is not counted).
 */
import { PyObject, type PyType, type Visit } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { decref, newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from './exceptions.js';
import { newDict, dictGetStr, dictSetSteal, type PyDict } from './dict.js';
import { internStr, newStr } from './str.js';
import { newNone } from './singletons.js';
import { genericGetAttr, genericSetAttr, PyRaiseOf } from '../protocols/module-helpers.js';

export class PyModule extends PyObject {
  constructor(
    type: PyType,
    readonly name: string,
    readonly dict: PyDict,
  ) {
    super(type);
  }
  /** Provided by the interpreter (sys, gc, math ...) rather than made by types.ModuleType(). */
  builtin = true;
}

export let moduleType: PyType;

export function initModuleType(): void {
  moduleType = makeBuiltinType('module', { gc: true, weakrefable: true, ownDict: true, basicSize: 56 });
  moduleType.traverse = (o, visit: Visit) => visit((o as PyModule).dict, attrSlot('__dict__'));
  moduleType.dealloc = (o) => decref((o as PyModule).dict);
  moduleType.instanceGet = (o, name) => dictGetStr((o as PyModule).dict, name);
  moduleType.instanceSet = (o, name, v) => {
    const d = (o as PyModule).dict;
    if (v === null) {
      const had = dictGetStr(d, name) !== null;
      if (had) {
        const key = internStr(name);
        try {
          return delKey(d, key);
        } finally {
          decref(key);
        }
      }
      return false;
    }
    dictSetSteal(d, internStr(name), v);
    return true;
  };
  moduleType.getattro = (o, name) => {
    try {
      return genericGetAttr(o, name);
    } catch (e) {
      const exc = PyRaiseOf(e);
      if (exc && exc.type.isSubtypeOf(E.AttributeError!)) {
        decref(exc);
        throw pyError(E.AttributeError!, `module '${(o as PyModule).name}' has no attribute '${name}'`);
      }
      throw e;
    }
  };
  moduleType.setattro = genericSetAttr;
  moduleType.repr = (o) => newStr(`<module '${(o as PyModule).name}'${(o as PyModule).name === '__main__' || !(o as PyModule).builtin ? '' : ' (built-in)'}>`);
}

import { dictDel } from './dict.js';
import { attrSlot } from './slot-labels.js';
function delKey(d: PyDict, key: PyObject): boolean {
  return dictDel(d, key);
}

/** A new module with __name__ and __doc__ set. */
export function newModule(name: string, dict: PyDict | null = null): PyModule {
  const d = dict ? newref(dict) : newDict();
  const m = new PyModule(moduleType, name, d);
  rt.heap.allocate(m, true);
  rt.ev.refAdded(m.serial, d.serial, attrSlot('__dict__'));
  if (dictGetStr(d, '__name__') === null) dictSetSteal(d, internStr('__name__'), newStr(name));
  if (dictGetStr(d, '__doc__') === null) dictSetSteal(d, internStr('__doc__'), newNone());
  return m;
}

/** Set module.name = value (stolen). */
export function moduleSet(m: PyModule, name: string, value: PyObject): void {
  dictSetSteal(m.dict, internStr(name), value);
}
