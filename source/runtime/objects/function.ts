/**
 * Callables: code objects, functions, closure cells, bound methods and builtin
 * functions/methods, with CPython 3.11's sizes (function 152, cell 40, method 64,
 * builtin bound method 72).
 */
import { PyObject, type PyType, type Visit } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { decref, incref, xdecref } from '../heap/refcount.js';
import { attrSlot, labelSlot } from './slot-labels.js';
import type { CodeBody } from '../interpreter/code.js';

// ---------------------------------------------------------------- code objects

export const CO_OPTIMIZED = 0x1, CO_NEWLOCALS = 0x2, CO_VARARGS = 0x4, CO_VARKEYWORDS = 0x8;
export const CO_NESTED = 0x10, CO_GENERATOR = 0x20, CO_COROUTINE = 0x80;

export class PyCode extends PyObject {
  /** Constants this code object keeps alive (co_consts), owned. */
  consts: PyObject[] = [];
  /** co_names: the global, attribute and import names it uses, owned. */
  names: PyObject[] = [];
  /** co_name and co_qualname (owned; functions made from the code share them). */
  nameObj: PyObject | null = null;
  qualnameObj: PyObject | null = null;
  constructor(
    type: PyType,
    readonly body: CodeBody,
  ) {
    super(type);
  }
}

// ---------------------------------------------------------------- functions

export class PyFunction extends PyObject {
  defaults: PyObject | null = null; // tuple
  kwdefaults: PyObject | null = null; // dict
  closure: PyObject | null = null; // tuple of cells
  dict: PyObject | null = null;
  doc: PyObject | null = null;
  annotations: PyObject | null = null;
  name: PyObject;
  qualname: PyObject;
  module: PyObject | null = null;
  constructor(
    type: PyType,
    public code: PyCode,
    public globals: PyObject,
    name: PyObject,
    qualname: PyObject,
  ) {
    super(type);
    this.name = name;
    this.qualname = qualname;
  }
}

export class PyCell extends PyObject {
  constructor(
    type: PyType,
    public contents: PyObject | null,
  ) {
    super(type);
  }
}

export class PyMethod extends PyObject {
  constructor(
    type: PyType,
    readonly func: PyObject,
    readonly self: PyObject,
  ) {
    super(type);
  }
}

/**
 * A builtin implementation: receives borrowed arguments (positional, with the last
 * `kwnames.length` of them passed by keyword) and returns a new reference.
 */
export type BuiltinImpl = (self: PyObject | null, args: PyObject[], kwnames: readonly string[] | null) => PyObject;

export class PyBuiltinFunction extends PyObject {
  constructor(
    type: PyType,
    readonly name: string,
    readonly impl: BuiltinImpl,
    /** The bound object (`[].append`), the module, or null. */
    readonly self: PyObject | null,
    readonly qualPrefix: string | null = null,
  ) {
    super(type);
  }
}

/** A builtin type's method as found in the type's dict (method_descriptor). */
export class PyMethodDescriptor extends PyObject {
  constructor(
    type: PyType,
    readonly name: string,
    readonly impl: BuiltinImpl,
    readonly objclass: PyType,
    /** classmethod-like descriptors (dict.fromkeys) bind the type instead of the instance. */
    readonly isClassMethod = false,
  ) {
    super(type);
  }
}

export let codeType: PyType;
export let functionType: PyType;
export let cellType: PyType;
export let methodType: PyType;
export let builtinFunctionType: PyType;
export let methodDescriptorType: PyType;
export let classmethodDescriptorType: PyType;
/** Dunder methods that stand for a type slot (int.__add__): wrapper_descriptor / method-wrapper. */
export let wrapperDescriptorType: PyType;
export let methodWrapperType: PyType;

export function initFunctionTypes(): void {
  codeType = makeBuiltinType('code', { baseType: false, weakrefable: true, basicSize: 192 });
  codeType.dealloc = (o) => {
    const c = o as PyCode;
    const held = [...c.consts, ...c.names];
    c.consts = [];
    c.names = [];
    for (let i = held.length - 1; i >= 0; i--) decref(held[i]!);
    if (c.nameObj) decref(c.nameObj);
    if (c.qualnameObj) decref(c.qualnameObj);
  };

  functionType = makeBuiltinType('function', { baseType: false, gc: true, weakrefable: true, basicSize: 136 });
  functionType.traverse = (o, visit: Visit) => {
    const f = o as PyFunction;
    // func_traverse's order (the builtins dict is not modelled as a reference)
    visit(f.code, attrSlot('__code__'));
    visit(f.globals, attrSlot('__globals__'));
    if (f.module) visit(f.module, attrSlot('__module__'));
    if (f.defaults) visit(f.defaults, attrSlot('__defaults__'));
    if (f.kwdefaults) visit(f.kwdefaults, attrSlot('__kwdefaults__'));
    if (f.doc) visit(f.doc, attrSlot('__doc__'));
    visit(f.name, attrSlot('__name__'));
    if (f.dict) visit(f.dict, attrSlot('__dict__'));
    if (f.closure) visit(f.closure, attrSlot('__closure__'));
    if (f.annotations) visit(f.annotations, attrSlot('__annotations__'));
    visit(f.qualname, attrSlot('__qualname__'));
  };
  functionType.clear = (o) => functionClear(o as PyFunction);
  functionType.dealloc = (o) => {
    const f = o as PyFunction;
    functionClear(f);
    decref(f.code);
    decref(f.globals);
    decref(f.name);
    decref(f.qualname);
  };

  cellType = makeBuiltinType('cell', { baseType: false, gc: true, basicSize: 24 });
  cellType.traverse = (o, visit: Visit) => {
    const c = o as PyCell;
    if (c.contents) visit(c.contents, labelSlot('cell_contents'));
  };
  cellType.clear = (o) => cellSet(o as PyCell, null);
  cellType.dealloc = (o) => xdecref((o as PyCell).contents);

  methodType = makeBuiltinType('method', { baseType: false, gc: true, weakrefable: true, basicSize: 48 });
  methodType.traverse = (o, visit: Visit) => {
    const m = o as PyMethod;
    visit(m.func, attrSlot('__func__'));
    visit(m.self, attrSlot('__self__'));
  };
  methodType.dealloc = (o) => {
    const m = o as PyMethod;
    decref(m.func);
    decref(m.self);
  };

  builtinFunctionType = makeBuiltinType('builtin_function_or_method', { baseType: false, gc: true, weakrefable: true, basicSize: 56 });
  builtinFunctionType.traverse = (o, visit: Visit) => {
    const f = o as PyBuiltinFunction;
    if (f.self) visit(f.self, attrSlot('__self__'));
  };
  builtinFunctionType.dealloc = (o) => xdecref((o as PyBuiltinFunction).self);

  methodDescriptorType = makeBuiltinType('method_descriptor', { baseType: false, gc: true, basicSize: 56 });
  classmethodDescriptorType = makeBuiltinType('classmethod_descriptor', { baseType: false, gc: true, basicSize: 56 });
  wrapperDescriptorType = makeBuiltinType('wrapper_descriptor', { baseType: false, gc: true, basicSize: 56 });
  methodWrapperType = makeBuiltinType('method-wrapper', { baseType: false, gc: true, basicSize: 32 });
  methodWrapperType.traverse = builtinFunctionType.traverse;
  methodWrapperType.dealloc = builtinFunctionType.dealloc;
}

function functionClear(f: PyFunction): void {
  const fields = ['defaults', 'kwdefaults', 'closure', 'doc', 'dict', 'annotations', 'module'] as const;
  for (const field of fields) {
    const v = f[field];
    if (v) {
      f[field] = null;
      rt.ev.refRemoved(f.serial, v.serial, attrSlot(`__${field}__`));
      decref(v);
    }
  }
}

/** Store into a function field (steals `value`), reporting the reference change. */
export function functionSetField(
  f: PyFunction,
  field: 'defaults' | 'kwdefaults' | 'closure' | 'doc' | 'dict' | 'annotations' | 'module',
  value: PyObject | null,
): void {
  const old = f[field];
  f[field] = value;
  const slot = attrSlot(`__${field}__`);
  if (old) rt.ev.refRemoved(f.serial, old.serial, slot);
  if (value) rt.ev.refAdded(f.serial, value.serial, slot);
  xdecref(old);
}

export function newCell(contents: PyObject | null): PyCell {
  const c = new PyCell(cellType, contents);
  rt.heap.allocate(c, true);
  if (contents) rt.ev.refAdded(c.serial, contents.serial, labelSlot('cell_contents'));
  return c;
}

/** cell.cell_contents = value (steals `value`). */
export function cellSet(c: PyCell, value: PyObject | null): void {
  const old = c.contents;
  c.contents = value;
  const slot = labelSlot('cell_contents');
  if (old) rt.ev.refRemoved(c.serial, old.serial, slot);
  if (value) rt.ev.refAdded(c.serial, value.serial, slot);
  xdecref(old);
}

/** A bound method (steals both references). */
export function newMethod(func: PyObject, self: PyObject): PyMethod {
  const m = new PyMethod(methodType, func, self);
  rt.heap.allocate(m, true);
  rt.ev.refAdded(m.serial, func.serial, attrSlot('__func__'));
  rt.ev.refAdded(m.serial, self.serial, attrSlot('__self__'));
  return m;
}

/** A builtin function object; `self` (borrowed) is the bound object or module. */
export function newBuiltinFunction(name: string, impl: BuiltinImpl, self: PyObject | null = null, qualPrefix: string | null = null): PyBuiltinFunction {
  if (self) incref(self);
  const f = new PyBuiltinFunction(builtinFunctionType, name, impl, self, qualPrefix);
  rt.heap.allocate(f, true);
  if (self) rt.ev.refAdded(f.serial, self.serial, attrSlot('__self__'));
  return f;
}

export type DescriptorKind = 'method' | 'classmethod' | 'slot';

export function newMethodDescriptor(name: string, impl: BuiltinImpl, objclass: PyType, kind: DescriptorKind = 'method'): PyMethodDescriptor {
  const type = kind === 'classmethod' ? classmethodDescriptorType : kind === 'slot' ? wrapperDescriptorType : methodDescriptorType;
  const d = new PyMethodDescriptor(type, name, impl, objclass, kind === 'classmethod');
  rt.heap.allocate(d, true);
  return d;
}
