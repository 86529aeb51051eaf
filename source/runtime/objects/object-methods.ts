/**
 * Python-visible attributes and methods of the core types: object, type, exceptions,
 * functions and methods, code, cells, generators, frames, tracebacks, descriptors.
 */
import { PyObject, PyType } from './object.js';
import { objectType, typeType, lookup, typeModified } from './typeobject.js';
import { decref, incref, newref, xdecref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from './exceptions.js';
import { None, newNone, NotImplemented } from './singletons.js';
import { newInt, newBool } from './int.js';
import { PyStr, newStr, internStr } from './str.js';
import { PyTuple, newTuple } from './tuple.js';
import { newList } from './list.js';
import { newDict, dictSetSteal, dictGetStr, dictDelStr, PyDict } from './dict.js';
import { PyFunction, PyMethod, PyCode, PyCell, PyBuiltinFunction, functionType, methodType, codeType, cellType, builtinFunctionType, functionSetField, methodDescriptorType, PyMethodDescriptor, cellSet, classmethodDescriptorType, wrapperDescriptorType, methodWrapperType, newMethod } from './function.js';
import { PyGenerator, generatorType, generatorSend, closeGenerator, resume, stopIteration } from './generator.js';
import { PyModule, moduleType } from './module.js';
import { PyProperty, PyWrapper, propertyType, classmethodType, staticmethodType, newProperty, PyGetSetDescriptor, getsetDescriptorType, memberDescriptorType, PyMemberDescriptor } from './descriptors.js';
import { liveSubclasses } from './subclasses.js';
import { PyFrameObject, PyTraceback, frameType, tracebackType, frameObjectOf } from '../interpreter/traceback.js';
import { defineMethods, defineClassMethods, defineNew, defineAttribute, exactlyOne, positional, noArgs, bindArgs } from '../builtins/args.js';
import { newGetSetDescriptor } from './descriptors.js';
import { isTrue as isTrueValue, call, defaultRepr, genericGetAttr, genericSetAttr, repr, str as strOf, typeName, addressOf, getAttr, getAttrOrNull, richCompare } from '../protocols/abstract.js';
import { createClass, pointerHash, computeMro, TYPE_DATA_ATTRS, typeSpecialAttr } from './classes.js';
import { PyInstance, materializeDict } from './instance-values.js';
import { rt } from '../runtime.js';
import { frameLocalsDict } from '../interpreter/frame-locals.js';
import { formatObject } from './format.js';
import { getsizeof } from '../modules/sys.js';
import { installExceptionMethods } from './exception-methods.js';
import { PyList } from './list.js';

type Getter = (o: PyObject) => PyObject;

/** A read-only (or settable) attribute backed by a getset descriptor in the type's dict. */
function attr(t: PyType, name: string, get: Getter, set: ((o: PyObject, v: PyObject | null) => void) | null = null): void {
  defineAttribute(t, name, newGetSetDescriptor(name, t, get, set));
}

const orNone = (o: PyObject | null | undefined) => (o ? newref(o) : newNone());

export function installObjectMethods(): void {
  // ---- object
  defineMethods(objectType, {
    __init__: (self, args, kw) => {
      objectType.init!(self!, args, kw);
      return newNone();
    },
    __repr__: (self) => newStr(defaultRepr(self!)),
    __str__: (self) => newStr(repr(self!)),
    __hash__: (self) => newInt(pointerHash(self!)),
    __eq__: (self, args) => objectType.richcompare!(self!, args[0]!, 2),
    __ne__: (self, args) => objectType.richcompare!(self!, args[0]!, 3),
    __lt__: () => newref(NotImplemented),
    __le__: () => newref(NotImplemented),
    __gt__: () => newref(NotImplemented),
    __ge__: () => newref(NotImplemented),
    __getattribute__: (self, args) => genericGetAttr(self!, (args[0] as PyStr).v),
    __setattr__: (self, args) => {
      genericSetAttr(self!, (args[0] as PyStr).v, args[1]!);
      return newNone();
    },
    __delattr__: (self, args) => {
      genericSetAttr(self!, (args[0] as PyStr).v, null);
      return newNone();
    },
    __format__: (self, args) => {
      const spec = (args[0] as PyStr).v;
      if (spec) throw pyError(E.TypeError!, `unsupported format string passed to ${typeName(self!)}.__format__`);
      return newStr(strOf(self!));
    },
    __sizeof__: (self) => newInt(self!.type.sizeof ? self!.type.sizeof(self!) : self!.type.basicSize),
    __dir__: (self) => {
      const names = new Set<string>();
      for (const c of self!.type.mro) if (c.dict) for (const k of (c.dict as PyDict).keys) if (k instanceof PyStr) names.add(k.v);
      return newList([...names].map((n) => newStr(n)));
    },
    __reduce_ex__: () => {
      throw pyError(E.TypeError!, 'heapscope does not support pickling yet');
    },
    __reduce__: () => {
      throw pyError(E.TypeError!, 'heapscope does not support pickling yet');
    },
    __getstate__: (self, args, kw) => {
      noArgs('__getstate__', args, kw);
      return objectGetState(self!);
    },
  });
  defineNew(objectType, (_s, args, kw) => {
    const t = args[0];
    if (!(t instanceof PyType)) throw pyError(E.TypeError!, 'object.__new__(X): X is not a type object');
    return objectType.newInstance!(t, args.slice(1), kw);
  });
  defineClassMethods(objectType, {
    __init_subclass__: () => newNone(),
    __subclasshook__: () => newref(NotImplemented),
  });
  attr(objectType, '__class__', (o) => newref(o.type), (o, v) => {
    if (!(v instanceof PyType)) throw pyError(E.TypeError!, `__class__ must be set to a class, not '${v ? typeName(v) : 'NULL'}' object`);
    if (!v.flags.heap || !o.type.flags.heap || v.basicSize !== o.type.basicSize || v.slotCount !== o.type.slotCount) {
      throw pyError(E.TypeError!, `__class__ assignment: '${v.name}' object layout differs from '${o.type.name}'`);
    }
    if (o instanceof PyInstance) materializeDict(o);
    incref(v);
    const old = o.type;
    o.type = v;
    decref(old);
  });
  defineAttribute(objectType, '__doc__', newNone()); // a plain value: instance dicts (modules) can override it

  // ---- type
  defineNew(typeType, (_s, args, kw) => {
    const meta = args[0];
    if (!(meta instanceof PyType)) throw pyError(E.TypeError!, 'type.__new__(X): X is not a type object');
    return typeNew(meta, args.slice(1), kw);
  });
  typeType.newInstance = (meta, args, kw) => typeNew(meta, args, kw);
  typeType.init = () => {};
  for (const name of TYPE_DATA_ATTRS) {
    if (name === '__class__') continue;
    attr(typeType, name, (o) => typeSpecialAttr(o as PyType, name)!, WRITABLE_TYPE_ATTRS.has(name) ? (o, v) => setTypeAttr(o as PyType, name, v) : null);
  }
  defineMethods(typeType, {
    mro: (self) => newList((self as PyType).mro.map((c) => newref(c))),
    // type_setattro: type.__setattr__(cls, name, value) bypasses a metaclass's override.
    __setattr__: (self, args) => {
      const [name, value] = positional('__setattr__', args, null, 2, 2);
      if (!(name instanceof PyStr)) throw pyError(E.TypeError!, `attribute name must be string, not '${typeName(name!)}'`);
      typeType.setattro!(self!, name.v, value!);
      return newNone();
    },
    __delattr__: (self, args) => {
      const [name] = positional('__delattr__', args, null, 1, 1);
      if (!(name instanceof PyStr)) throw pyError(E.TypeError!, `attribute name must be string, not '${typeName(name!)}'`);
      typeType.setattro!(self!, name.v, null);
      return newNone();
    },
    __subclasses__: (self) => newList(liveSubclasses(self as PyType)),
    __instancecheck__: (self, args) => newBool(args[0]!.type.isSubtypeOf(self as PyType)),
    __subclasscheck__: (self, args) => newBool(args[0] instanceof PyType && (args[0] as PyType).isSubtypeOf(self as PyType)),
    __repr__: (self) => typeType.repr!(self!),
    __call__: (self, args, kw) => typeType.call!(self!, args.map((a) => newref(a)), kw),
    __sizeof__: (self) => newInt(typeType.sizeof!(self!)),
    __init__: () => newNone(),
  });
  defineClassMethods(typeType, {
    __prepare__: () => newDict(),
  });

  installExceptionMethods();
  installCallableMethods();
}

/** type(name, bases, dict, **kw) → a new class (type_new). */
const WRITABLE_TYPE_ATTRS = new Set(['__name__', '__qualname__', '__module__']);

/** C.__name__ = ..., C.__qualname__ = ..., C.__module__ = ... (heap types only). */
function setTypeAttr(t: PyType, name: string, v: PyObject | null): void {
  if (!t.flags.heap) throw pyError(E.TypeError!, `cannot set '${name}' attribute of immutable type '${t.name}'`);
  if (v === null) throw pyError(E.TypeError!, `cannot delete '${name}' attribute of immutable type '${t.name}'`);
  if (name === '__module__') {
    dictSetSteal(t.dict as PyDict, internStr('__module__'), newref(v));
    if (v instanceof PyStr) t.module = v.v;
    typeModified(t);
    return;
  }
  if (!(v instanceof PyStr)) throw pyError(E.TypeError!, `can only assign string to ${t.name}.${name}, not '${typeName(v)}'`);
  if (name === '__name__') t.name = v.v;
  else t.qualname = v.v;
}

function typeNew(meta: PyType, args: PyObject[], kw: readonly string[] | null): PyObject {
  const nkw = kw ? kw.length : 0;
  const pos = args.slice(0, args.length - nkw);
  if (pos.length === 1 && meta === typeType && !nkw) return newref(pos[0]!.type);
  if (pos.length !== 3) throw pyError(E.TypeError!, 'type() takes 1 or 3 arguments');
  const [name, bases, ns] = pos as [PyObject, PyObject, PyObject];
  if (!(name instanceof PyStr)) throw pyError(E.TypeError!, `type.__new__() argument 1 must be str, not ${typeName(name)}`);
  if (!(bases instanceof PyTuple)) throw pyError(E.TypeError!, `type.__new__() argument 2 must be tuple, not ${typeName(bases)}`);
  if (!(ns.type.isSubtypeOf(rtDictType()))) throw pyError(E.TypeError!, `type.__new__() argument 3 must be dict, not ${typeName(ns)}`);
  const baseTypes = bases.items.map((b) => {
    if (!(b instanceof PyType)) throw pyError(E.TypeError!, 'bases must be types');
    return b;
  });
  return createClass({
    metatype: meta,
    name: name.v,
    bases: baseTypes,
    namespace: ns as PyDict,
    kwnames: kw ? kw.slice() : [],
    kwvalues: args.slice(pos.length),
  });
}

import { dictType } from './dict.js';
function rtDictType(): PyType {
  return dictType;
}

// ---------------------------------------------------------------- object.__getstate__

/** Is the instance's own attribute storage empty (_PyObject_IsInstanceDictEmpty)? */
function instanceDictEmpty(o: PyObject): boolean {
  if (o instanceof PyInstance) {
    if (o.dict !== null) return o.dict.used === 0;
    return o.values === null || o.values.every((v) => v === null);
  }
  const extra = (o as PyObject & { extraDict?: PyDict | null }).extraDict;
  if (extra !== undefined) return extra === null || extra.used === 0;
  return true;
}

/** copyreg._slotnames: __slots__ names along the MRO, cached as cls.__slotnames__. */
function slotNamesOf(t: PyType): string[] {
  const names: string[] = [];
  for (const c of t.mro) names.push(...c.slotNames);
  if (t.flags.heap && t.dict && dictGetStr(t.dict, '__slotnames__') === null) {
    dictSetSteal(t.dict, internStr('__slotnames__'), newList(names.map((n) => newStr(n))));
    typeModified(t);
  }
  return names;
}

/** object.__getstate__() of 3.11 (object_getstate_default, not required). */
function objectGetState(o: PyObject): PyObject {
  let state: PyObject = instanceDictEmpty(o) ? newNone() : getAttr(o, '__dict__');
  const names = slotNamesOf(o.type);
  if (names.length) {
    const slots = newDict();
    for (const name of names) {
      const v = getAttrOrNull(o, name);
      if (v !== null) dictSetSteal(slots, newStr(name), v);
    }
    if (slots.used > 0) state = newTuple([state, slots]);
    else decref(slots);
  }
  return state;
}

// ---------------------------------------------------------------- callables

function installCallableMethods(): void {
  // function
  const fnField = (name: string, field: 'defaults' | 'kwdefaults' | 'closure' | 'doc' | 'annotations' | 'module') =>
    attr(functionType, name, (o) => orNone((o as PyFunction)[field]), (o, v) => functionSetField(o as PyFunction, field, v === null || v === None ? null : newref(v)));
  fnField('__defaults__', 'defaults');
  fnField('__kwdefaults__', 'kwdefaults');
  fnField('__doc__', 'doc');
  fnField('__module__', 'module');
  attr(functionType, '__closure__', (o) => orNone((o as PyFunction).closure));
  attr(
    functionType,
    '__annotations__',
    (o) => {
      const f = o as PyFunction;
      if (!f.annotations) functionSetField(f, 'annotations', newDict());
      return newref(f.annotations!);
    },
    (o, v) => {
      if (v !== null && v !== None && !(v instanceof PyDict)) throw pyError(E.TypeError!, '__annotations__ must be set to a dict object');
      functionSetField(o as PyFunction, 'annotations', v === null || v === None ? null : newref(v));
    },
  );
  attr(functionType, '__name__', (o) => newref((o as PyFunction).name), (o, v) => {
    const f = o as PyFunction;
    if (!(v instanceof PyStr)) throw pyError(E.TypeError!, '__name__ must be set to a string object');
    incref(v);
    const old = f.name;
    f.name = v;
    const slot = attrSlot('__name__');
    rt.ev.refRemoved(f.serial, old.serial, slot);
    rt.ev.refAdded(f.serial, v.serial, slot);
    decref(old);
  });
  attr(functionType, '__qualname__', (o) => newref((o as PyFunction).qualname), (o, v) => {
    const f = o as PyFunction;
    if (!(v instanceof PyStr)) throw pyError(E.TypeError!, '__qualname__ must be set to a string object');
    incref(v);
    const old = f.qualname;
    f.qualname = v;
    const slot = attrSlot('__qualname__');
    rt.ev.refRemoved(f.serial, old.serial, slot);
    rt.ev.refAdded(f.serial, v.serial, slot);
    decref(old);
  });
  attr(functionType, '__code__', (o) => newref((o as PyFunction).code));
  attr(functionType, '__globals__', (o) => newref((o as PyFunction).globals));
  attr(functionType, '__dict__', (o) => {
    const f = o as PyFunction;
    if (!f.dict) functionSetField(f, 'dict', newDict());
    return newref(f.dict!);
  });
  functionType.instanceGet = (o, name) => {
    const d = (o as PyFunction).dict;
    return d ? dictGetStr(d as PyDict, name) : null;
  };
  functionType.instanceSet = (o, name, v) => {
    const f = o as PyFunction;
    if (!f.dict) {
      if (v === null) return false;
      functionSetField(f, 'dict', newDict());
    }
    if (v === null) {
      if (dictGetStr(f.dict as PyDict, name) === null) return false;
      dictDelStr(f.dict as PyDict, name);
      return true;
    }
    dictSetSteal(f.dict as PyDict, internStr(name), v);
    return true;
  };
  functionType.repr = (o) => newStr(`<function ${(o as PyFunction).qualname instanceof PyStr ? ((o as PyFunction).qualname as PyStr).v : '?'} at ${addressOf(o)}>`);
  defineMethods(functionType, {
    __get__: (self, args) => functionType.descrGet!(self!, args[0] === None ? null : args[0]!, (args[1] as PyType) ?? null),
  });

  // bound method
  attr(methodType, '__func__', (o) => newref((o as PyMethod).func));
  attr(methodType, '__self__', (o) => newref((o as PyMethod).self));
  methodType.getattro = (o, name) => {
    try {
      return genericGetAttr(o, name);
    } catch (e) {
      if (e instanceof PyRaise && e.exc.type.isSubtypeOf(E.AttributeError!)) {
        decref(e.exc);
        return getAttr((o as PyMethod).func, name);
      }
      throw e;
    }
  };
  methodType.repr = (o) => {
    const m = o as PyMethod;
    const fn = m.func as PyFunction;
    const qual = fn.qualname instanceof PyStr ? fn.qualname.v : '?';
    return newStr(`<bound method ${qual} of ${repr(m.self)}>`);
  };
  methodType.richcompare = (a, b, op) => {
    if (!(b instanceof PyMethod) || (op !== 2 && op !== 3)) return newref(NotImplemented);
    const eq = (a as PyMethod).func === b.func && (a as PyMethod).self === b.self;
    return newBool(op === 2 ? eq : !eq);
  };
  methodType.hash = (o) => pointerHash((o as PyMethod).self) ^ pointerHash((o as PyMethod).func);
  // method(function, instance), as types.MethodType and weakref.WeakMethod call it
  // (classobject.c's method_new).
  methodType.newInstance = (_t, args, kw) => {
    const [func, self] = positional('method', args, kw, 2, 2) as [PyObject, PyObject];
    if (func.type.call === null) throw pyError(E.TypeError!, 'first argument must be callable');
    if (self === None) throw pyError(E.TypeError!, 'instance must not be None');
    incref(func);
    incref(self);
    return newMethod(func, self);
  };

  // builtin functions and method descriptors
  builtinFunctionType.repr = (o) => {
    const f = o as PyBuiltinFunction;
    if (f.self && !(f.self instanceof PyModule)) return newStr(`<built-in method ${f.name} of ${f.self.type.name} object at ${addressOf(f.self)}>`);
    return newStr(`<built-in function ${f.name}>`);
  };
  attr(builtinFunctionType, '__name__', (o) => newStr((o as PyBuiltinFunction).name));
  attr(builtinFunctionType, '__qualname__', (o) => newStr((o as PyBuiltinFunction).qualPrefix ? `${(o as PyBuiltinFunction).qualPrefix}.${(o as PyBuiltinFunction).name}` : (o as PyBuiltinFunction).name));
  attr(builtinFunctionType, '__self__', (o) => orNone((o as PyBuiltinFunction).self));
  const descrRepr = (what: string) => (o: PyObject) => newStr(`<${what} '${(o as PyMethodDescriptor).name}' of '${(o as PyMethodDescriptor).objclass.name}' objects>`);
  methodDescriptorType.repr = descrRepr('method');
  classmethodDescriptorType.repr = descrRepr('method');
  wrapperDescriptorType.repr = descrRepr('slot wrapper');
  for (const t of [methodDescriptorType, classmethodDescriptorType, wrapperDescriptorType]) {
    attr(t, '__name__', (o) => newStr((o as PyMethodDescriptor).name));
    attr(t, '__qualname__', (o) => newStr(`${(o as PyMethodDescriptor).objclass.name}.${(o as PyMethodDescriptor).name}`));
    attr(t, '__objclass__', (o) => newref((o as PyMethodDescriptor).objclass));
  }
  methodWrapperType.repr = (o) => {
    const f = o as PyBuiltinFunction;
    return newStr(`<method-wrapper '${f.name}' of ${f.self!.type.name} object at ${addressOf(f.self!)}>`);
  };
  attr(methodWrapperType, '__name__', (o) => newStr((o as PyBuiltinFunction).name));
  attr(methodWrapperType, '__self__', (o) => newref((o as PyBuiltinFunction).self!));
  attr(methodWrapperType, '__qualname__', (o) => newStr(`${(o as PyBuiltinFunction).qualPrefix}.${(o as PyBuiltinFunction).name}`));

  // code objects
  const code = (o: PyObject) => (o as PyCode).body;
  attr(codeType, 'co_name', (o) => newStr(code(o).name));
  attr(codeType, 'co_qualname', (o) => newStr(code(o).qualname));
  attr(codeType, 'co_filename', (o) => newStr(code(o).filename));
  attr(codeType, 'co_firstlineno', (o) => newInt(code(o).firstLineno));
  attr(codeType, 'co_argcount', (o) => newInt(code(o).argcount));
  attr(codeType, 'co_posonlyargcount', (o) => newInt(code(o).posonlyargcount));
  attr(codeType, 'co_kwonlyargcount', (o) => newInt(code(o).kwonlyargcount));
  attr(codeType, 'co_varnames', (o) => newTuple(code(o).varnames.map((n) => newStr(n))));
  attr(codeType, 'co_cellvars', (o) => newTuple(code(o).cellvars.map((n) => newStr(n))));
  attr(codeType, 'co_freevars', (o) => newTuple(code(o).freevars.map((n) => newStr(n))));
  attr(codeType, 'co_nlocals', (o) => newInt(code(o).varnames.length));
  attr(codeType, 'co_stacksize', (o) => newInt(code(o).stacksize));
  attr(codeType, 'co_consts', (o) => newTuple((o as PyCode).consts.map((c) => newref(c))));
  attr(codeType, 'co_names', (o) => newTuple((o as PyCode).names.map((c) => newref(c))));
  codeType.repr = (o) => newStr(`<code object ${code(o).name} at ${addressOf(o)}, file "${code(o).filename}", line ${code(o).firstLineno}>`);

  // cells
  attr(cellType, 'cell_contents', (o) => {
    const v = (o as PyCell).contents;
    if (v === null) throw pyError(E.ValueError!, 'Cell is empty');
    return newref(v);
  }, (o, v) => cellSet(o as PyCell, v === null ? null : newref(v)));
  cellType.repr = (o) => {
    const v = (o as PyCell).contents;
    return newStr(v ? `<cell at ${addressOf(o)}: ${v.type.name} object at ${addressOf(v)}>` : `<cell at ${addressOf(o)}: empty>`);
  };

  // generators
  defineMethods(generatorType, {
    send: (self, args, kw) => generatorSend(self as PyGenerator, exactlyOne('send', args, kw)),
    throw: (self, args, kw) => {
      const [typ, val] = positional('throw', args, kw, 1, 3);
      let exc: PyObject;
      // throw(type, value): an instance of the type is thrown as it is (gen_throw).
      if (typ instanceof PyType && val && val !== None && val.type.isSubtypeOf(typ)) exc = newref(val);
      else if (typ instanceof PyType) exc = call(typ, val && val !== None ? (val instanceof PyTuple ? val.items.map((x) => newref(x)) : [newref(val)]) : []);
      else exc = newref(typ!);
      const r = resume(self as PyGenerator, newNone(), exc);
      if (!r.done) return r.value;
      throw stopIteration(r.value);
    },
    close: (self) => closeGenerator(self as PyGenerator),
    __next__: (self) => {
      const v = generatorType.iternext!(self!);
      if (v === null) throw new PyRaise(newStopIteration());
      return v;
    },
    __iter__: (self) => newref(self!),
  });
  attr(generatorType, '__name__', (o) => newStr((o as PyGenerator).name));
  attr(generatorType, '__qualname__', (o) => newStr((o as PyGenerator).qualname));
  attr(generatorType, 'gi_running', (o) => newBool((o as PyGenerator).running));
  attr(generatorType, 'gi_frame', (o) => ((o as PyGenerator).finished ? newNone() : frameObjectOf((o as PyGenerator).frame)));
  attr(generatorType, 'gi_code', (o) => orNone((o as PyGenerator).frame.codeObject));

  // modules
  attr(moduleType, '__dict__', (o) => newref((o as PyModule).dict));

  // frames and tracebacks
  attr(frameType, 'f_lineno', (o) => newInt((o as PyFrameObject).frame.lineno));
  attr(frameType, 'f_code', (o) => orNone((o as PyFrameObject).frame.codeObject));
  attr(frameType, 'f_globals', (o) => newref((o as PyFrameObject).frame.globals));
  attr(frameType, 'f_locals', (o) => frameLocalsDict((o as PyFrameObject).frame));
  attr(frameType, 'f_back', (o) => {
    const back = (o as PyFrameObject).frame.back;
    return back && !(o as PyFrameObject).frame.exited ? frameObjectOf(back) : newNone();
  });
  frameType.repr = (o) => {
    const f = (o as PyFrameObject).frame;
    return newStr(`<frame at ${addressOf(o)}, file '${f.code.filename}', line ${f.lineno}, code ${f.code.name}>`);
  };
  defineMethods(frameType, {
    clear: (self) => {
      frameType.clear!(self!);
      return newNone();
    },
  });
  attr(tracebackType, 'tb_next', (o) => orNone((o as PyTraceback).next));
  attr(tracebackType, 'tb_frame', (o) => newref((o as PyTraceback).frame));
  attr(tracebackType, 'tb_lineno', (o) => newInt((o as PyTraceback).lineno));

  // property, classmethod, staticmethod
  attr(propertyType, 'fget', (o) => orNone((o as PyProperty).fget));
  attr(propertyType, 'fset', (o) => orNone((o as PyProperty).fset));
  attr(propertyType, 'fdel', (o) => orNone((o as PyProperty).fdel));
  attr(propertyType, '__doc__', (o) => orNone((o as PyProperty).doc ?? docOf((o as PyProperty).fget)));
  const withAccessor = (which: 'fget' | 'fset' | 'fdel') => (self: PyObject | null, args: PyObject[], kw: readonly string[] | null) => {
    const fn = exactlyOne(which === 'fget' ? 'getter' : which === 'fset' ? 'setter' : 'deleter', args, kw);
    const p = self as PyProperty;
    return newProperty(which === 'fget' ? fn : p.fget, which === 'fset' ? fn : p.fset, which === 'fdel' ? fn : p.fdel, p.doc);
  };
  defineMethods(propertyType, {
    getter: withAccessor('fget'),
    setter: withAccessor('fset'),
    deleter: withAccessor('fdel'),
    __get__: (self, args) => propertyType.descrGet!(self!, args[0] === None ? null : args[0]!, (args[1] as PyType) ?? null),
    __set__: (self, args) => {
      propertyType.descrSet!(self!, args[0]!, args[1]!);
      return newNone();
    },
  });
  // abc.abstractmethod marks functions; the descriptors that wrap them report it.
  const abstractOf = (f: PyObject | null) => {
    if (f === null) return false;
    const v = getAttrOrNull(f, '__isabstractmethod__');
    if (v === null) return false;
    try {
      return isTrueValue(v);
    } finally {
      decref(v);
    }
  };
  attr(propertyType, '__isabstractmethod__', (o) => {
    const p = o as PyProperty;
    return newBool(abstractOf(p.fget) || abstractOf(p.fset) || abstractOf(p.fdel));
  });
  for (const t of [classmethodType, staticmethodType]) {
    attr(t, '__isabstractmethod__', (o) => newBool(abstractOf((o as PyWrapper).callable)));
    attr(t, '__func__', (o) => newref((o as PyWrapper).callable));
    attr(t, '__wrapped__', (o) => newref((o as PyWrapper).callable));
    defineMethods(t, {
      __get__: (self, args) => t.descrGet!(self!, args[0] === None ? null : args[0]!, (args[1] as PyType) ?? null),
    });
  }
  staticmethodType.call = (o, args, kw) => call((o as PyWrapper).callable, args, kw);
  getsetDescriptorType.repr = (o) => newStr(`<attribute '${(o as PyGetSetDescriptor).name}' of '${(o as PyGetSetDescriptor).owner.name}' objects>`);
  memberDescriptorType.repr = (o) => newStr(`<member '${(o as PyMemberDescriptor).name}' of '${(o as PyMemberDescriptor).owner.name}' objects>`);
}

function docOf(f: PyObject | null): PyObject | null {
  return f instanceof PyFunction ? f.doc : null;
}

import { newException } from './exceptions.js';
import { attrSlot } from './slot-labels.js';
function newStopIteration(): PyObject {
  return newException(E.StopIteration!, []);
}

export { xdecref, typeModified, computeMro, lookup, formatObject, getsizeof, bindArgs, noArgs, richCompare, PyList };
