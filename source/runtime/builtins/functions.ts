/**
 * The builtin functions (Python/bltinmodule.c) that memory scenarios use, with
 * CPython's argument errors. Functions that would reach the host (open, input,
 * __import__ of unknown modules) stay inside the sandbox.
 */
import { noneTuple } from '../objects/iterators.js';
import { fileWrite } from '../modules/textio.js';
import { PyObject, PyType, LT, GT, EQ } from '../objects/object.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise, ProgramExit } from '../errors.js';
import { E, PyBaseException, newException } from '../objects/exceptions.js';
import { None, newNone, NotImplemented, Ellipsis } from '../objects/singletons.js';
import { PyInt, intType, boolType, True, False, newInt, newIntValue, newBool, addValues, big, normalize, type IntValue } from '../objects/int.js';
import { PyFloat, floatType, newFloat } from '../objects/float.js';
import { PyStr, strType, newStr, internStr } from '../objects/str.js';
import { listType, newList } from '../objects/list.js';
import { PyTuple, tupleType, newTuple, newTupleFrom } from '../objects/tuple.js';
import { PyDict, dictType, newDict, dictSetSteal, dictItems, dictGetStr } from '../objects/dict.js';
import { setType, frozensetType } from '../objects/set.js';
import { rangeType, sliceType, newRange, newSlice, PyRange } from '../objects/range.js';
import { bytesType } from '../objects/bytes.js';
import { complexType } from '../objects/complex.js';
import { typeType, objectType, lookup } from '../objects/typeobject.js';
import { propertyType, classmethodType, staticmethodType, newProperty, newWrapper, PyProperty } from '../objects/descriptors.js';
import { superType, newSuper } from '../objects/classes.js';
import { PyFunction, PyCell } from '../objects/function.js';
import { PyGenerator } from '../objects/generator.js';
import { E as Exceptions, EXCEPTION_NAMES } from '../objects/exceptions.js';
import { rt } from '../runtime.js';
import { bindArgs, exactlyOne, positional, noKeywords } from './args.js';
import { defineBuiltin, defineBuiltinValue } from './registry.js';
import { sandboxError } from '../modules/sandbox.js';
import {
  call, callBorrowed, getAttr, getAttrOrNull, setAttr, hasAttr, getIter, iterNext, isTrue, hashOf, str as strOf,
  reprObject, richCompareBool, binaryOp, unaryOp, typeName, indexValue, length as lengthOf, iterateToArray, callMethod,
} from '../protocols/abstract.js';
import { formatObject } from '../objects/format.js';
import { powWithModulus } from '../objects/number-methods.js';
import { asciiOf } from './text.js';
import { listFromIterable } from '../objects/list-methods.js';
import { newIterTool, enumerateType, zipType, mapType, filterType, reversedType } from '../objects/iterators.js';
import { importModule } from '../modules/importer.js';
import { frameLocalsDict } from '../interpreter/frame-locals.js';
import { materializeDict, PyInstance } from '../objects/instance-values.js';
import { PyModule } from '../objects/module.js';
import { bytearrayType } from '../objects/bytearray.js';
import { compileBuiltin, evalSource } from '../interpreter/eval.js';
import { PyUnion, unionMembers } from '../objects/generic-alias.js';
import { callDunder } from '../objects/slot-wrappers.js';

function nameArg(o: PyObject, fname: string): string {
  if (!(o instanceof PyStr)) throw pyError(E.TypeError!, `attribute name must be string, not '${typeName(o)}'`);
  return o.v;
}

/** isinstance(obj, cls) with tuples, unions and __instancecheck__ (PyObject_IsInstance). */
export function isInstanceOf(o: PyObject, cls: PyObject): boolean {
  if (o.type === cls) return true;
  if (cls instanceof PyType && cls.type === typeType) return o.type.isSubtypeOf(cls);
  if (cls instanceof PyTuple) return cls.items.some((c) => isInstanceOf(o, c));
  if (cls instanceof PyUnion) return unionMembers(cls, 'isinstance').some((c) => isInstanceOf(o, c));
  if (lookup(cls.type, '__instancecheck__') !== null && (cls.type.flags.heap || !(cls instanceof PyType))) {
    const r = callDunder(cls, '__instancecheck__', [o])!;
    try {
      return isTrue(r);
    } finally {
      decref(r);
    }
  }
  if (cls instanceof PyType) return o.type.isSubtypeOf(cls);
  throw pyError(E.TypeError!, 'isinstance() arg 2 must be a type, a tuple of types, or a union');
}

function isSubclassOf(c: PyObject, cls: PyObject): boolean {
  if (cls instanceof PyTuple) return cls.items.some((x) => isSubclassOf(c, x));
  if (cls instanceof PyUnion) return unionMembers(cls, 'issubclass').some((x) => isSubclassOf(c, x));
  if (!(cls instanceof PyType && cls.type === typeType) && lookup(cls.type, '__subclasscheck__') !== null && (cls.type.flags.heap || !(cls instanceof PyType))) {
    const r = callDunder(cls, '__subclasscheck__', [c])!;
    try {
      return isTrue(r);
    } finally {
      decref(r);
    }
  }
  if (!(c instanceof PyType)) throw pyError(E.TypeError!, 'issubclass() arg 1 must be a class');
  if (cls instanceof PyType) return c.isSubtypeOf(cls);
  throw pyError(E.TypeError!, 'issubclass() arg 2 must be a class, a tuple of classes, or a union');
}

/** min()/max() over an iterable or several arguments, with key= and default=. */
function minmax(fname: 'min' | 'max', args: PyObject[], kw: readonly string[] | null): PyObject {
  const nkw = kw ? kw.length : 0;
  const pos = args.slice(0, args.length - nkw);
  let key: PyObject | null = null;
  let dflt: PyObject | null = null;
  for (let k = 0; k < nkw; k++) {
    const name = kw![k]!;
    const v = args[pos.length + k]!;
    if (name === 'key') key = v === None ? null : v;
    else if (name === 'default') dflt = v;
    else throw pyError(E.TypeError!, `${fname}() got an unexpected keyword argument '${name}'`);
  }
  if (!pos.length) throw pyError(E.TypeError!, `${fname} expected at least 1 argument, got 0`);
  if (pos.length > 1 && dflt) throw pyError(E.TypeError!, `Cannot specify a default for ${fname}() with multiple positional arguments`);
  const items = pos.length === 1 ? iterateToArray(pos[0]!) : pos.map((x) => newref(x));
  try {
    if (!items.length) {
      if (dflt) return newref(dflt);
      throw pyError(E.ValueError!, `${fname}() arg is an empty sequence`);
    }
    let best = items[0]!;
    let bestKey = key ? callBorrowed(key, [best]) : newref(best);
    try {
      for (let i = 1; i < items.length; i++) {
        const k = key ? callBorrowed(key, [items[i]!]) : newref(items[i]!);
        if (richCompareBool(k, bestKey, fname === 'min' ? LT : GT)) {
          decref(bestKey);
          bestKey = k;
          best = items[i]!;
        } else decref(k);
      }
    } finally {
      decref(bestKey);
    }
    return newref(best);
  } finally {
    for (const x of items) decref(x);
  }
}

function sumBuiltin(args: PyObject[], kw: readonly string[] | null): PyObject {
  if (!args.length || (kw && args.length - kw.length < 1)) throw pyError(E.TypeError!, `sum() takes at least 1 positional argument (${args.length - (kw?.length ?? 0)} given)`);
  const [iterable, start] = bindArgs('sum', args, kw, ['iterable', 'start'], 1, 2);
  if (start instanceof PyStr) throw pyError(E.TypeError!, "sum() can't sum strings [use ''.join(seq) instead]");
  if (start && start.type === bytesType) throw pyError(E.TypeError!, "sum() can't sum bytes [use b''.join(seq) instead]");
  let acc: PyObject = start ? newref(start) : newInt(0);
  const it = getIter(iterable!);
  try {
    // int fast path (as builtin_sum_impl): accumulate while every item is an exact int
    if (acc.type === intType) {
      let total: IntValue = (acc as PyInt).v;
      let x: PyObject | null;
      for (x = iterNext(it); x !== null; x = iterNext(it)) {
        if (x.type === intType || x.type === boolType) {
          total = addValues(total, (x as PyInt).v);
          decref(x);
          continue;
        }
        break;
      }
      decref(acc);
      acc = newIntValue(total);
      if (x === null) return acc;
      const r = binaryOp(acc, x, 'add');
      decref(acc);
      decref(x);
      acc = r;
    }
    if (acc.type === floatType) {
      let total = (acc as PyFloat).v;
      let x: PyObject | null;
      for (x = iterNext(it); x !== null; x = iterNext(it)) {
        if (x.type === floatType || x.type === intType) {
          total += x.type === floatType ? (x as PyFloat).v : Number((x as PyInt).v);
          decref(x);
          continue;
        }
        break;
      }
      decref(acc);
      acc = newFloat(total);
      if (x === null) return acc;
      const r = binaryOp(acc, x, 'add');
      decref(acc);
      decref(x);
      acc = r;
    }
    for (let x = iterNext(it); x !== null; x = iterNext(it)) {
      try {
        const r = binaryOp(acc, x, 'add');
        decref(acc);
        acc = r;
      } finally {
        decref(x);
      }
    }
    return acc;
  } catch (e) {
    decref(acc);
    throw e;
  } finally {
    decref(it);
  }
}

function printBuiltin(args: PyObject[], kw: readonly string[] | null): PyObject {
  const nkw = kw ? kw.length : 0;
  const objects = args.slice(0, args.length - nkw);
  let sep = ' ';
  let end = '\n';
  let file: PyObject | null = null;
  let flush: PyObject | null = null;
  for (let k = 0; k < nkw; k++) {
    const name = kw![k]!;
    const v = args[objects.length + k]!;
    if (name === 'sep') {
      if (v !== None && !(v instanceof PyStr)) throw pyError(E.TypeError!, `sep must be None or a string, not ${typeName(v)}`);
      if (v instanceof PyStr) sep = v.v;
    } else if (name === 'end') {
      if (v !== None && !(v instanceof PyStr)) throw pyError(E.TypeError!, `end must be None or a string, not ${typeName(v)}`);
      if (v instanceof PyStr) end = v.v;
    } else if (name === 'file') file = v === None ? null : v;
    else if (name === 'flush') flush = v;
    else throw pyError(E.TypeError!, `print() got an unexpected keyword argument '${name}'`);
  }
  if (file === null) {
    const stdout = sysStream('stdout');
    if (stdout === null) throw pyError(E.RuntimeError!, 'lost sys.stdout');
    if (stdout === None) return newNone();
    file = stdout;
  }
  // builtin_print_impl gets its positional arguments as a tuple (the clinic wrapper), and
  // writes each piece with PyFile_WriteObject.
  const argsTuple = newTupleFrom(objects);
  try {
    for (let i = 0; i < objects.length; i++) {
      if (i > 0) fileWrite(file, sep);
      fileWrite(file, strOf(objects[i]!));
    }
    fileWrite(file, end);
    if (flush && isTrue(flush)) decref(callMethod(file, 'flush', []));
  } finally {
    decref(argsTuple);
  }
  return newNone();
}

/** The current sys.stdout / sys.stderr object (borrowed), or null. */
export function sysStream(name: 'stdout' | 'stderr'): PyObject | null {
  const sys = rt.state.get('sys') as PyModule | undefined;
  if (!sys) return null;
  return dictGetStr(sys.dict, name);
}

/** file.write(text) as PyFile_WriteString does it (runtime streams modelled in textio.ts). */
export function writeTo(file: PyObject, text: string): void {
  fileWrite(file, text);
}

function roundBuiltin(args: PyObject[], kw: readonly string[] | null): PyObject {
  const [number, ndigits] = bindArgs('round', args, kw, ['number', 'ndigits'], 1, 2);
  const m = lookup(number!.type, '__round__');
  if (m === null) throw pyError(E.TypeError!, `type ${typeName(number!)} doesn't define __round__ method`);
  return callMethod(number!, '__round__', ndigits === undefined || ndigits === None ? [] : [ndigits]);
}

function iterBuiltin(args: PyObject[], kw: readonly string[] | null): PyObject {
  const [o, sentinel] = positional('iter', args, kw, 1, 2);
  if (sentinel === undefined) return getIter(o!);
  return newCallableIter(o!, sentinel);
}

function nextBuiltin(args: PyObject[], kw: readonly string[] | null): PyObject {
  const [it, dflt] = positional('next', args, kw, 1, 2);
  if (it!.type.iternext === null) throw pyError(E.TypeError!, `'${typeName(it!)}' object is not an iterator`);
  const v = iterNext(it!);
  if (v !== null) return v;
  // a generator's return value travels in StopIteration(value)
  const returned = it instanceof PyGenerator ? it.returnValue : null;
  if (returned !== null) (it as PyGenerator).returnValue = null;
  if (dflt !== undefined) {
    if (returned) decref(returned);
    return newref(dflt);
  }
  throw new PyRaise(newException(E.StopIteration!, returned ? [returned] : []));
}

function ordBuiltin(args: PyObject[], kw: readonly string[] | null): PyObject {
  const c = exactlyOne('ord', args, kw);
  if (c instanceof PyStr) {
    const cps = Array.from(c.v);
    if (cps.length !== 1) throw pyError(E.TypeError!, `ord() expected a character, but string of length ${cps.length} found`);
    return newInt(cps[0]!.codePointAt(0)!);
  }
  if (c.type === bytesType) {
    const b = (c as unknown as { v: Uint8Array }).v;
    if (b.length !== 1) throw pyError(E.TypeError!, `ord() expected a character, but string of length ${b.length} found`);
    return newInt(b[0]!);
  }
  throw pyError(E.TypeError!, `ord() expected string of length 1, but ${typeName(c)} found`);
}

function radix(fname: string, base: number, prefix: string) {
  return (_self: PyObject | null, args: PyObject[], kw: readonly string[] | null) => {
    const v = indexValue(exactlyOne(fname, args, kw));
    const neg = v < 0;
    const a = typeof v === 'bigint' ? (neg ? -v : v) : Math.abs(v);
    return newStr(`${neg ? '-' : ''}${prefix}${a.toString(base)}`);
  };
}

function dirBuiltin(args: PyObject[], kw: readonly string[] | null): PyObject {
  const [o] = positional('dir', args, kw, 0, 1);
  const names = new Set<string>();
  if (o === undefined) {
    const f = rt.frame!;
    const d = f.ns ?? f.globals;
    for (const [k] of dictItems(d)) if (k instanceof PyStr) names.add(k.v);
  } else {
    if (o instanceof PyInstance) {
      const d = materializeDict(o);
      for (const [k] of dictItems(d)) if (k instanceof PyStr) names.add(k.v);
    } else if (o instanceof PyModule) {
      for (const [k] of dictItems(o.dict)) if (k instanceof PyStr) names.add(k.v);
    }
    const mro = o instanceof PyType ? o.mro : o.type.mro;
    for (const c of mro) if (c.dict) for (const [k] of dictItems(c.dict as PyDict)) if (k instanceof PyStr) names.add(k.v);
  }
  const sorted = [...names].sort();
  return newList(sorted.map((n) => newStr(n)));
}

function varsBuiltin(args: PyObject[], kw: readonly string[] | null): PyObject {
  const [o] = positional('vars', args, kw, 0, 1);
  if (o === undefined) return frameLocalsDict(rt.frame!);
  const d = getAttrOrNull(o, '__dict__');
  if (d === null) throw pyError(E.TypeError!, 'vars() argument must have __dict__ attribute');
  return d;
}

function sortedBuiltin(args: PyObject[], kw: readonly string[] | null): PyObject {
  const nkw = kw ? kw.length : 0;
  const pos = args.slice(0, args.length - nkw);
  if (pos.length !== 1) throw pyError(E.TypeError!, `sorted expected 1 argument, got ${pos.length}`);
  const l = listFromIterable(pos[0]!);
  try {
    const sort = getAttr(l, 'sort');
    try {
      decref(callBorrowed(sort, args.slice(pos.length), kw));
    } finally {
      decref(sort);
    }
  } catch (e) {
    decref(l);
    throw e;
  }
  return l;
}

function reversedBuiltin(t: PyType, args: PyObject[], kw: readonly string[] | null): PyObject {
  const [seq] = positional('reversed', args, kw, 1, 1);
  const r = lookup(seq!.type, '__reversed__');
  if (r !== null) return callMethod(seq!, '__reversed__');
  if (seq!.type.getitem === null || seq!.type.length === null || seq! instanceof PyDict) {
    throw pyError(E.TypeError!, `'${typeName(seq!)}' object is not reversible`);
  }
  const n = lengthOf(seq!);
  incref(seq!);
  const it = newIterTool(reversedType, [seq!]);
  it.count = n - 1;
  void t;
  return it;
}

// ---------------------------------------------------------------- callable_iterator

import { makeBuiltinType } from '../objects/typeobject.js';
import { PyIterTool } from '../objects/iterators.js';
import { labelSlot } from '../objects/slot-labels.js';
let callableIterType: PyType;
function newCallableIter(fn: PyObject, sentinel: PyObject): PyObject {
  incref(fn);
  incref(sentinel);
  return newIterTool(callableIterType, [fn, sentinel]);
}

function initCallableIter(): void {
  callableIterType = makeBuiltinType('callable_iterator', { gc: true, basicSize: 32 });
  callableIterType.iter = (o) => newref(o);
  callableIterType.traverse = (o, visit) => (o as PyIterTool).parts.forEach((p, i) => visit(p, i));
  callableIterType.dealloc = (o) => (o as PyIterTool).parts.forEach((p) => decref(p));
  callableIterType.iternext = (o) => {
    const [fn, sentinel] = (o as PyIterTool).parts as [PyObject, PyObject];
    const v = call(fn, []);
    if (richCompareBool(v, sentinel, EQ)) {
      decref(v);
      return null;
    }
    return v;
  };
}

// ---------------------------------------------------------------- install

export function installBuiltins(): void {
  initCallableIter();
  const types: [string, PyType][] = [
    ['object', objectType], ['type', typeType], ['int', intType], ['bool', boolType], ['float', floatType],
    ['complex', complexType], ['str', strType], ['bytes', bytesType], ['bytearray', bytearrayType], ['list', listType], ['tuple', tupleType],
    ['dict', dictType], ['set', setType], ['frozenset', frozensetType], ['range', rangeType], ['slice', sliceType],
    ['property', propertyType], ['classmethod', classmethodType], ['staticmethod', staticmethodType], ['super', superType],
    ['enumerate', enumerateType], ['zip', zipType], ['map', mapType], ['filter', filterType], ['reversed', reversedType],
  ];
  for (const [name, t] of types) defineBuiltinValue(name, newref(t));
  for (const name of EXCEPTION_NAMES) defineBuiltinValue(name, newref(Exceptions[name]!));
  defineBuiltinValue('ExceptionGroup', newref(Exceptions.ExceptionGroup!));
  defineBuiltinValue('EnvironmentError', newref(Exceptions.OSError!));
  defineBuiltinValue('IOError', newref(Exceptions.OSError!));
  defineBuiltinValue('None', newNone());
  defineBuiltinValue('Ellipsis', newref(Ellipsis));
  defineBuiltinValue('NotImplemented', newref(NotImplemented));
  defineBuiltinValue('True', newref(True));
  defineBuiltinValue('False', newref(False));

  defineBuiltin('print', (_s, args, kw) => printBuiltin(args, kw));
  defineBuiltin('len', (_s, args, kw) => newInt(lengthOf(exactlyOne('len', args, kw))));
  defineBuiltin('repr', (_s, args, kw) => reprObject(exactlyOne('repr', args, kw)));
  defineBuiltin('ascii', (_s, args, kw) => newStr(asciiOf(exactlyOne('ascii', args, kw))));
  defineBuiltin('id', (_s, args, kw) => newIntValue(exactlyOne('id', args, kw).addr));
  defineBuiltin('hash', (_s, args, kw) => newIntValue(hashOf(exactlyOne('hash', args, kw)) as IntValue));
  defineBuiltin('abs', (_s, args, kw) => unaryOp(exactlyOne('abs', args, kw), 'abs'));
  defineBuiltin('callable', (_s, args, kw) => newBool(exactlyOne('callable', args, kw).type.call !== null));
  defineBuiltin('isinstance', (_s, args, kw) => {
    const [o, cls] = positional('isinstance', args, kw, 2, 2);
    return newBool(isInstanceOf(o!, cls!));
  });
  defineBuiltin('issubclass', (_s, args, kw) => {
    const [c, cls] = positional('issubclass', args, kw, 2, 2);
    return newBool(isSubclassOf(c!, cls!));
  });
  defineBuiltin('getattr', (_s, args, kw) => {
    const [o, name, dflt] = positional('getattr', args, kw, 2, 3);
    const n = nameArg(name!, 'getattr');
    if (dflt === undefined) return getAttr(o!, n);
    return getAttrOrNull(o!, n) ?? newref(dflt);
  });
  defineBuiltin('setattr', (_s, args, kw) => {
    const [o, name, value] = positional('setattr', args, kw, 3, 3);
    setAttr(o!, nameArg(name!, 'setattr'), value!);
    return newNone();
  });
  defineBuiltin('delattr', (_s, args, kw) => {
    const [o, name] = positional('delattr', args, kw, 2, 2);
    setAttr(o!, nameArg(name!, 'delattr'), null);
    return newNone();
  });
  defineBuiltin('hasattr', (_s, args, kw) => {
    const [o, name] = positional('hasattr', args, kw, 2, 2);
    return newBool(hasAttr(o!, nameArg(name!, 'hasattr')));
  });
  defineBuiltin('sum', (_s, args, kw) => sumBuiltin(args, kw));
  defineBuiltin('min', (_s, args, kw) => minmax('min', args, kw));
  defineBuiltin('max', (_s, args, kw) => minmax('max', args, kw));
  defineBuiltin('sorted', (_s, args, kw) => sortedBuiltin(args, kw));
  defineBuiltin('iter', (_s, args, kw) => iterBuiltin(args, kw));
  defineBuiltin('next', (_s, args, kw) => nextBuiltin(args, kw));
  defineBuiltin('any', (_s, args, kw) => {
    const it = getIter(exactlyOne('any', args, kw));
    try {
      for (let x = iterNext(it); x !== null; x = iterNext(it)) {
        const t = isTrue(x);
        decref(x);
        if (t) return newBool(true);
      }
      return newBool(false);
    } finally {
      decref(it);
    }
  });
  defineBuiltin('all', (_s, args, kw) => {
    const it = getIter(exactlyOne('all', args, kw));
    try {
      for (let x = iterNext(it); x !== null; x = iterNext(it)) {
        const t = isTrue(x);
        decref(x);
        if (!t) return newBool(false);
      }
      return newBool(true);
    } finally {
      decref(it);
    }
  });
  defineBuiltin('round', (_s, args, kw) => roundBuiltin(args, kw));
  defineBuiltin('divmod', (_s, args, kw) => {
    const [a, b] = positional('divmod', args, kw, 2, 2);
    return binaryOp(a!, b!, 'divmod');
  });
  defineBuiltin('pow', (_s, args, kw) => {
    const [base, exp, mod] = bindArgs('pow', args, kw, ['base', 'exp', 'mod'], 2, 3);
    if (mod !== undefined && mod !== None) return powWithModulus(base!, exp!, mod);
    return binaryOp(base!, exp!, 'pow');
  });
  defineBuiltin('chr', (_s, args, kw) => {
    const v = Number(indexValue(exactlyOne('chr', args, kw)));
    if (v < 0 || v > 0x10ffff) throw pyError(E.ValueError!, 'chr() arg not in range(0x110000)');
    return newStr(String.fromCodePoint(v));
  });
  defineBuiltin('ord', (_s, args, kw) => ordBuiltin(args, kw));
  defineBuiltin('hex', radix('hex', 16, '0x'));
  defineBuiltin('oct', radix('oct', 8, '0o'));
  defineBuiltin('bin', radix('bin', 2, '0b'));
  defineBuiltin('format', (_s, args, kw) => {
    const [value, spec] = positional('format', args, kw, 1, 2);
    return newStr(formatObject(value!, spec ? (spec as PyStr).v : ''));
  });
  defineBuiltin('dir', (_s, args, kw) => dirBuiltin(args, kw));
  defineBuiltin('vars', (_s, args, kw) => varsBuiltin(args, kw));
  defineBuiltin('globals', () => newref(rt.frame!.globals));
  defineBuiltin('locals', () => frameLocalsDict(rt.frame!));
  // Scenarios read no input: input() meets the end of stdin, as python3 < /dev/null.
  defineBuiltin('input', (_s, args, kw) => {
    const [prompt] = positional('input', args, kw, 0, 1);
    if (prompt !== undefined) rt.writeStdout(strOf(prompt));
    throw pyError(E.EOFError!, 'EOF when reading a line');
  });
  defineBuiltin('open', () => {
    throw sandboxError('open()');
  });
  // breakpoint(): the session's hook (the dashboard pauses there), else nothing, as with
  // PYTHONBREAKPOINT=0: heapscope never starts pdb.
  defineBuiltin('breakpoint', () => {
    rt.onBreakpoint?.();
    return newNone();
  });
  defineBuiltin('__import__', (_s, args, kw) => {
    const [name] = bindArgs('__import__', args, kw, ['name', 'globals', 'locals', 'fromlist', 'level'], 1, 5);
    return importModule(nameArg(name!, '__import__'), rt.frame, false);
  });
  defineBuiltin('exec', (_s, args, kw) => evalSource('exec', args, kw));
  defineBuiltin('eval', (_s, args, kw) => evalSource('eval', args, kw));
  defineBuiltin('compile', (_s, args, kw) => compileBuiltin(args, kw));
  const exit = (_s: PyObject | null, args: PyObject[]) => {
    throw new PyRaise(newException(E.SystemExit!, args.map((a) => newref(a))));
  };
  defineBuiltin('exit', exit);
  defineBuiltin('quit', exit);
  // reversed is a type whose constructor consults __reversed__
  reversedType.newInstance = reversedBuiltin;
  enumerateType.newInstance = (_t, args, kw) => {
    const [iterable, start] = bindArgs('enumerate', args, kw, ['iterable', 'start'], 1, 2);
    // enum_new_impl: the object, its iterator, then the (None, None) result tuple.
    const start_ = start ? indexValue(start) : 0;
    const it = newIterTool(enumerateType, [getIter(iterable!)]);
    it.count = start_;
    it.result = noneTuple(2);
    rt.ev.refAdded(it.serial, it.result.serial, labelSlot('result'));
    return it;
  };
  zipType.newInstance = (_t, args, kw) => {
    const nkw = kw ? kw.length : 0;
    const pos = args.slice(0, args.length - nkw);
    let strict = false;
    for (let k = 0; k < nkw; k++) {
      if (kw![k] !== 'strict') throw pyError(E.TypeError!, `zip() got an unexpected keyword argument '${kw![k]}'`);
      strict = isTrue(args[pos.length + k]!);
    }
    // zip_new: the tuple of iterators, the result tuple of Nones, then the zip object.
    const iters: PyObject[] = [];
    try {
      for (const a of pos) iters.push(getIter(a));
    } catch (e) {
      iters.forEach((x) => decref(x));
      throw e;
    }
    const ittuple = newTuple(iters);
    const result = noneTuple(iters.length);
    const z = newIterTool(zipType, []);
    z.parts = ittuple.items;
    z.holder = ittuple;
    z.result = result;
    z.strict = strict;
    rt.ev.refAdded(z.serial, ittuple.serial, labelSlot('iterators'));
    rt.ev.refAdded(z.serial, result.serial, labelSlot('result'));
    return z;
  };
  mapType.newInstance = (_t, args, kw) => {
    noKeywords('map', kw);
    if (args.length < 2) throw pyError(E.TypeError!, 'map() must have at least two arguments.');
    // map_vectorcall: the tuple of iterators, then the map object.
    const iters: PyObject[] = [];
    try {
      for (const a of args.slice(1)) iters.push(getIter(a));
    } catch (e) {
      iters.forEach((x) => decref(x));
      throw e;
    }
    const holder = newTuple(iters);
    const m = newIterTool(mapType, [newref(args[0]!)]);
    m.holder = holder;
    rt.ev.refAdded(m.serial, holder.serial, labelSlot('iterators'));
    return m;
  };
  filterType.newInstance = (_t, args, kw) => {
    const [fn, iterable] = positional('filter', args, kw, 2, 2);
    return newIterTool(filterType, [newref(fn!), getIter(iterable!)]);
  };
  rangeType.newInstance = (_t, args, kw) => {
    const [a, b, c] = positional('range', args, kw, 1, 3);
    if (b === undefined) return newRange(0, indexValue(a!), 1);
    const step = c === undefined ? 1 : indexValue(c);
    if (step === 0 || step === 0n) throw pyError(E.ValueError!, 'range() arg 3 must not be zero');
    return newRange(indexValue(a!), indexValue(b), step);
  };
  sliceType.newInstance = (_t, args, kw) => {
    const [a, b, c] = positional('slice', args, kw, 1, 3);
    if (b === undefined) return newSlice(newNone(), newref(a!), newNone());
    return newSlice(newref(a!), newref(b), c === undefined ? newNone() : newref(c));
  };
  propertyType.newInstance = (_t, args, kw) => {
    const [fget, fset, fdel, doc] = bindArgs('property', args, kw, ['fget', 'fset', 'fdel', 'doc'], 0, 4);
    return newProperty(fget ?? null, fset ?? null, fdel ?? null, doc ?? null);
  };
  for (const t of [classmethodType, staticmethodType]) {
    t.newInstance = (type, args, kw) => newWrapper(type, exactlyOne(type.name, args, kw));
  }
  superType.newInstance = (_t, args, kw) => superBuiltin(args, kw);
}

/** super() and super(type, obj): the zero-argument form reads __class__ and the first argument. */
function superBuiltin(args: PyObject[], kw: readonly string[] | null): PyObject {
  const [t, o] = positional('super', args, kw, 0, 2);
  if (t !== undefined) {
    if (!(t instanceof PyType)) throw pyError(E.TypeError!, `super() argument 1 must be a type, not ${typeName(t)}`);
    if (o === undefined) throw pyError(E.TypeError!, 'heapscope does not support unbound super() yet');
    return newSuper(t, o);
  }
  const f = rt.frame;
  if (f === null || f.func === null) throw pyError(E.RuntimeError!, 'super(): no arguments');
  const code = f.code;
  const cellIndex = code.cellvars.length + code.freevars.indexOf('__class__');
  const cell = code.freevars.includes('__class__') ? (f.cells[cellIndex] as PyCell) : null;
  if (cell === null) throw pyError(E.RuntimeError!, 'super(): __class__ cell not found');
  if (cell.contents === null) throw pyError(E.RuntimeError!, 'super(): empty __class__ cell');
  let first = code.argcount > 0 ? f.locals[0] : null;
  if (first === null && code.cellFromArg[0] === 0) first = (f.cells[0] as PyCell).contents;
  if (!first) throw pyError(E.RuntimeError!, 'super(): no arguments');
  return newSuper(cell.contents as PyType, first);
}

export { PyFunction, PyBaseException, ProgramExit, big, normalize, internStr, dictSetSteal, newDict, newTuple, PyRange, PyProperty };
