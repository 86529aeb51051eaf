/**
 * None, NotImplemented and Ellipsis: static objects of their own types.
 */
import { PyObject, type PyType } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { incref } from '../heap/refcount.js';

export let noneType: PyType;
export let notImplementedType: PyType;
export let ellipsisType: PyType;
export let None: PyObject;
export let NotImplemented: PyObject;
export let Ellipsis: PyObject;

export function initSingletonTypes(): void {
  noneType = makeBuiltinType('NoneType', { baseType: false });
  notImplementedType = makeBuiltinType('NotImplementedType', { baseType: false });
  ellipsisType = makeBuiltinType('ellipsis', { baseType: false });
}

export function initSingletons(): void {
  None = new PyObject(noneType);
  rt.heap.allocate(None, false);
  NotImplemented = new PyObject(notImplementedType);
  rt.heap.allocate(NotImplemented, false);
  Ellipsis = new PyObject(ellipsisType);
  rt.heap.allocate(Ellipsis, false);
}

export function newNone(): PyObject {
  incref(None);
  return None;
}

export function newNotImplemented(): PyObject {
  incref(NotImplemented);
  return NotImplemented;
}
