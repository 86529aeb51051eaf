/**
 * Calling a Python function: binding arguments to parameters with CPython 3.11's rules
 * and messages (initialize_locals), making cells, pushing the frame and running the
 * compiled body. Arguments are moved into the new frame's locals, so a call adds no
 * reference on the caller's side (sys.getrefcount(a) inside f(a) is 3 for a global).
 */
import type { PyObject } from '../objects/object.js';
import { PyFunction, PyMethod, PyBuiltinFunction, PyMethodDescriptor, newCell, functionType, methodType, builtinFunctionType, methodDescriptorType, classmethodDescriptorType, wrapperDescriptorType, methodWrapperType } from '../objects/function.js';
import { Frame, enterFrame, exitFrame, releaseLocals } from './frame.js';
import { Completion } from './code.js';
import { rt } from '../runtime.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { None, newNone } from '../objects/singletons.js';
import { PyTuple, newTuple, newEmptyTuple } from '../objects/tuple.js';
import { PyDict, newDict, dictSetSteal, dictGetStr } from '../objects/dict.js';
import { internStr, PyStr } from '../objects/str.js';
import { tracebackHere } from './traceback.js';
import { newGenerator } from '../objects/generator.js';
import { bindMethodLike, call } from '../protocols/abstract.js';
import { builtinsDict } from '../builtins/registry.js';
import { hostError } from '../limits.js';

export function initCallSlots(): void {
  functionType.call = callFunction;
  functionType.descrGet = (d, o) => {
    if (o === null || o === None) return newref(d);
    incref(d);
    incref(o);
    return newMethodObject(d, o);
  };
  methodType.call = (m, args, kw) => {
    const bm = m as PyMethod;
    incref(bm.self);
    return call(bm.func, [bm.self, ...args], kw);
  };
  builtinFunctionType.call = (o, args, kw) => {
    const f = o as PyBuiltinFunction;
    try {
      return f.impl(f.self, args, kw);
    } finally {
      for (let i = 0; i < args.length; i++) decref(args[i]!);
    }
  };
  methodDescriptorType.call = (o, args, kw) => {
    const d = o as PyMethodDescriptor;
    try {
      const self = args[0];
      if (self === undefined || !self.type.isSubtypeOf(d.objclass)) {
        throw pyError(E.TypeError!, self === undefined
          ? `unbound method ${d.objclass.name}.${d.name}() needs an argument`
          : `descriptor '${d.name}' for '${d.objclass.name}' objects doesn't apply to a '${self.type.name}' object`);
      }
      return d.impl(self, args.slice(1), kw);
    } finally {
      for (let i = 0; i < args.length; i++) decref(args[i]!);
    }
  };
  methodDescriptorType.descrGet = (d, o) => {
    if (o === null) return newref(d);
    const md = d as PyMethodDescriptor;
    return newBoundBuiltin(md, o);
  };
  classmethodDescriptorType.call = methodDescriptorType.call;
  classmethodDescriptorType.descrGet = (d, o, owner) => newBoundBuiltin(d as PyMethodDescriptor, owner ?? (o as PyObject).type);
  wrapperDescriptorType.call = methodDescriptorType.call;
  wrapperDescriptorType.descrGet = (d, o) => {
    if (o === null) return newref(d);
    const md = d as PyMethodDescriptor;
    incref(o);
    const w = new PyBuiltinFunction(methodWrapperType, md.name, md.impl, o, md.objclass.name);
    rt.heap.allocate(w, true);
    rt.ev.refAdded(w.serial, o.serial, attrSlot('__self__'));
    return w;
  };
  methodWrapperType.call = builtinFunctionType.call;
  bindMethodLike((d) => d.type === functionType || d.type === methodDescriptorType || d.type === wrapperDescriptorType);
}

import { newMethod as newMethodObject, newBuiltinFunction } from '../objects/function.js';
import { attrSlot } from '../objects/slot-labels.js';

function newBoundBuiltin(d: PyMethodDescriptor, self: PyObject): PyObject {
  return newBuiltinFunction(d.name, d.impl, self, d.objclass.name);
}

/** The function type's call slot. `args` are stolen (moved into the callee's frame). */
export function callFunction(fnObj: PyObject, args: PyObject[], kwnames: readonly string[] | null): PyObject {
  const func = fnObj as PyFunction;
  const code = func.code.body;
  if (rt.depth >= rt.recursionLimit) {
    for (const a of args) decref(a);
    throw pyError(E.RecursionError!, 'maximum recursion depth exceeded');
  }
  const f = new Frame(code, func.code, func.globals as PyDict, builtinsDict(), func);
  bindArguments(f, func, args, kwnames);
  makeCells(f, func);
  if (code.isGenerator) return newGenerator(f, func);
  enterFrame(f);
  try {
    code.run!(f);
    const r = f.retval;
    f.retval = null;
    return r ?? newNone();
  } catch (e) {
    const err = hostError(e);
    if (err instanceof PyRaise) tracebackHere(err, f);
    throw err;
  } finally {
    exitFrame(f);
  }
}

/** MAKE_CELL / COPY_FREE_VARS at the start of a function. */
export function makeCells(f: Frame, func: PyFunction | null): void {
  const code = f.code;
  const ev = rt.ev;
  for (let k = 0; k < code.cellvars.length; k++) {
    const argIndex = code.cellFromArg[k]!;
    let contents: PyObject | null = null;
    if (argIndex >= 0) {
      contents = f.locals[argIndex] ?? null;
      if (contents) {
        f.locals[argIndex] = null;
        ev.refRemoved(f.serial, contents.serial, code.localSlots[argIndex]!);
      }
    }
    const cell = newCell(contents);
    f.cells.push(cell);
    ev.refAdded(f.serial, cell.serial, code.cellSlots[k]!);
  }
  if (code.freevars.length) {
    const closure = func?.closure as PyTuple | null;
    for (let k = 0; k < code.freevars.length; k++) {
      const cell = closure!.items[k]!;
      incref(cell);
      f.cells.push(cell as never);
      ev.refAdded(f.serial, cell.serial, code.freeSlots[k]!);
    }
  }
}

function setLocalFresh(f: Frame, i: number, v: PyObject): void {
  f.locals[i] = v;
  rt.ev.refAdded(f.serial, v.serial, f.code.localSlots[i]!);
}

function listNames(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0]!;
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}`;
}

/** initialize_locals: positional, *args, keywords, **kwargs, defaults. Steals `args`. */
function bindArguments(f: Frame, func: PyFunction, args: PyObject[], kwnames: readonly string[] | null): void {
  const code = f.code;
  if (kwnames === null && args.length === code.argcount && code.kwonlyargcount === 0 && !code.hasVarargs && !code.hasVarkw) {
    // The common call: exactly the positional parameters, nothing else to bind or check.
    for (let k = 0; k < args.length; k++) setLocalFresh(f, k, args[k]!);
    return;
  }
  const qualname = (func.qualname as PyStr).v;
  const argcount = code.argcount;
  const kwonly = code.kwonlyargcount;
  const totalArgs = argcount + kwonly;
  const nkw = kwnames ? kwnames.length : 0;
  const npos = args.length - nkw;
  let i = 0;
  try {
    let kwdict: PyDict | null = null;
    if (code.hasVarkw) {
      kwdict = newDict();
      setLocalFresh(f, totalArgs + (code.hasVarargs ? 1 : 0), kwdict);
    }
    const n = Math.min(npos, argcount);
    for (; i < n; i++) setLocalFresh(f, i, args[i]!);
    if (code.hasVarargs) {
      const extra = npos > argcount ? args.slice(argcount, npos) : [];
      i = Math.max(i, npos);
      setLocalFresh(f, totalArgs, extra.length ? newTuple(extra) : newEmptyTuple());
    }
    // keyword arguments
    let posonlyAsKeyword: string[] = [];
    for (let k = 0; k < nkw; k++) {
      const name = kwnames![k]!;
      const value = args[npos + k]!;
      let j = -1;
      for (let p = code.posonlyargcount; p < totalArgs; p++) {
        if (code.varnames[p] === name) {
          j = p;
          break;
        }
      }
      if (j < 0) {
        if (kwdict !== null) {
          dictSetSteal(kwdict, internStr(name), value);
          args[npos + k] = null as unknown as PyObject;
          continue;
        }
        if (code.varnames.slice(0, code.posonlyargcount).includes(name)) {
          posonlyAsKeyword.push(name);
          continue;
        }
        throw pyError(E.TypeError!, `${qualname}() got an unexpected keyword argument '${name}'`);
      }
      if (f.locals[j] !== null) throw pyError(E.TypeError!, `${qualname}() got multiple values for argument '${name}'`);
      setLocalFresh(f, j, value);
      args[npos + k] = null as unknown as PyObject;
    }
    if (posonlyAsKeyword.length) {
      throw pyError(E.TypeError!, `${qualname}() got some positional-only arguments passed as keyword arguments: '${posonlyAsKeyword.join(', ')}'`);
    }
    if (npos > argcount && !code.hasVarargs) {
      const defaults = func.defaults as PyTuple | null;
      const defcount = defaults ? defaults.items.length : 0;
      let kwonlyGiven = 0;
      for (let p = argcount; p < totalArgs; p++) if (f.locals[p] !== null) kwonlyGiven++;
      const plural = defcount ? true : argcount !== 1;
      const sig = defcount ? `from ${argcount - defcount} to ${argcount}` : `${argcount}`;
      const kwonlySig = kwonlyGiven ? ` positional argument${npos !== 1 ? 's' : ''} (and ${kwonlyGiven} keyword-only argument${kwonlyGiven !== 1 ? 's' : ''})` : '';
      throw pyError(E.TypeError!, `${qualname}() takes ${sig} positional argument${plural ? 's' : ''} but ${npos}${kwonlySig} ${npos === 1 && !kwonlyGiven ? 'was' : 'were'} given`);
    }
    // defaults for missing positionals
    if (npos < argcount) {
      const defaults = func.defaults as PyTuple | null;
      const defcount = defaults ? defaults.items.length : 0;
      const m = argcount - defcount;
      const missing: string[] = [];
      for (let p = npos; p < m; p++) if (f.locals[p] === null) missing.push(code.varnames[p]!);
      if (missing.length) {
        throw pyError(E.TypeError!, `${qualname}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${listNames(missing)}`);
      }
      for (let p = Math.max(npos, m); p < argcount; p++) {
        if (f.locals[p] === null) setLocalFresh(f, p, newref(defaults!.items[p - m]!));
      }
    }
    if (kwonly) {
      const kwdefaults = func.kwdefaults as PyDict | null;
      const missing: string[] = [];
      for (let p = argcount; p < totalArgs; p++) {
        if (f.locals[p] !== null) continue;
        const name = code.varnames[p]!;
        const d = kwdefaults ? dictGetStr(kwdefaults, name) : null;
        if (d !== null) setLocalFresh(f, p, newref(d));
        else missing.push(name);
      }
      if (missing.length) {
        throw pyError(E.TypeError!, `${qualname}() missing ${missing.length} required keyword-only argument${missing.length > 1 ? 's' : ''}: ${listNames(missing)}`);
      }
    }
  } catch (err) {
    // Release what was not moved into the frame, then the frame's locals.
    for (let k = i; k < args.length; k++) if (args[k] && !f.locals.includes(args[k]!)) decref(args[k]!);
    releaseLocals(f);
    throw err;
  }
}

/** Run a code object as a module or class body: `ns` is the namespace (borrowed). */
export function runBody(f: Frame): Completion {
  enterFrame(f);
  try {
    return f.code.run!(f);
  } catch (e) {
    const err = hostError(e);
    if (err instanceof PyRaise) tracebackHere(err, f);
    throw err;
  } finally {
    exitFrame(f);
  }
}

export { PyMethod, PyMethodDescriptor };
