/**
 * The builtin exception hierarchy (BaseException and its subclasses), with CPython's
 * instance layout: args, __traceback__, __context__, __cause__ and a __dict__ (88 bytes),
 * which also holds 3.11's __notes__. ExceptionGroup, a heap type, is made later
 * (exception-group.ts).
 */
import { PyObject, type PyType, type Visit } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { decref, incref, xdecref } from '../heap/refcount.js';
import { bindExceptionFactory } from '../errors.js';
import { attrSlot } from './slot-labels.js';
import { newStr } from './str.js';
import { newEmptyTuple, newTuple, PyTuple } from './tuple.js';
import type { PyDict } from './dict.js';

export class PyBaseException extends PyObject {
  args: PyObject;
  traceback: PyObject | null = null;
  context: PyObject | null = null;
  cause: PyObject | null = null;
  suppressContext = false;
  dict: PyDict | null = null;
  /** Fields of the larger exception structs (OSError's errno, strerror, filename, ...). */
  members: Record<string, PyObject> | null = null;
  constructor(type: PyType, args: PyObject) {
    super(type);
    this.args = args;
  }
}

/** The exception types by name: E.TypeError, E.ValueError, ... */
export const E: Record<string, PyType> = {};

/** [name, base] in creation order (base before subclass), as in Objects/exceptions.c. */
const HIERARCHY: [string, string | null][] = [
  ['BaseException', null],
  ['BaseExceptionGroup', 'BaseException'],
  ['SystemExit', 'BaseException'],
  ['KeyboardInterrupt', 'BaseException'],
  ['GeneratorExit', 'BaseException'],
  ['Exception', 'BaseException'],
  ['StopIteration', 'Exception'],
  ['StopAsyncIteration', 'Exception'],
  ['ArithmeticError', 'Exception'],
  ['FloatingPointError', 'ArithmeticError'],
  ['OverflowError', 'ArithmeticError'],
  ['ZeroDivisionError', 'ArithmeticError'],
  ['AssertionError', 'Exception'],
  ['AttributeError', 'Exception'],
  ['BufferError', 'Exception'],
  ['EOFError', 'Exception'],
  ['ImportError', 'Exception'],
  ['ModuleNotFoundError', 'ImportError'],
  ['LookupError', 'Exception'],
  ['IndexError', 'LookupError'],
  ['KeyError', 'LookupError'],
  ['MemoryError', 'Exception'],
  ['NameError', 'Exception'],
  ['UnboundLocalError', 'NameError'],
  ['OSError', 'Exception'],
  ['BlockingIOError', 'OSError'],
  ['ChildProcessError', 'OSError'],
  ['ConnectionError', 'OSError'],
  ['BrokenPipeError', 'ConnectionError'],
  ['ConnectionAbortedError', 'ConnectionError'],
  ['ConnectionRefusedError', 'ConnectionError'],
  ['ConnectionResetError', 'ConnectionError'],
  ['FileExistsError', 'OSError'],
  ['FileNotFoundError', 'OSError'],
  ['InterruptedError', 'OSError'],
  ['IsADirectoryError', 'OSError'],
  ['NotADirectoryError', 'OSError'],
  ['PermissionError', 'OSError'],
  ['ProcessLookupError', 'OSError'],
  ['TimeoutError', 'OSError'],
  ['ReferenceError', 'Exception'],
  ['RuntimeError', 'Exception'],
  ['NotImplementedError', 'RuntimeError'],
  ['RecursionError', 'RuntimeError'],
  ['SyntaxError', 'Exception'],
  ['IndentationError', 'SyntaxError'],
  ['TabError', 'IndentationError'],
  ['SystemError', 'Exception'],
  ['TypeError', 'Exception'],
  ['ValueError', 'Exception'],
  ['UnicodeError', 'ValueError'],
  ['UnicodeDecodeError', 'UnicodeError'],
  ['UnicodeEncodeError', 'UnicodeError'],
  ['UnicodeTranslateError', 'UnicodeError'],
  ['Warning', 'Exception'],
  ['DeprecationWarning', 'Warning'],
  ['PendingDeprecationWarning', 'Warning'],
  ['RuntimeWarning', 'Warning'],
  ['SyntaxWarning', 'Warning'],
  ['UserWarning', 'Warning'],
  ['FutureWarning', 'Warning'],
  ['ImportWarning', 'Warning'],
  ['UnicodeWarning', 'Warning'],
  ['BytesWarning', 'Warning'],
  ['ResourceWarning', 'Warning'],
  ['EncodingWarning', 'Warning'],
];

export const EXCEPTION_NAMES = HIERARCHY.map(([name]) => name);

/** tp_basicsize of the exception structs larger than PyBaseExceptionObject (72), measured. */
const BASIC_SIZES: Record<string, number> = {
  BaseExceptionGroup: 88, SystemExit: 80, StopIteration: 80, ImportError: 96, NameError: 80, AttributeError: 88,
  OSError: 112, SyntaxError: 136, UnicodeError: 112,
};

export function initExceptionTypes(): void {
  for (const key of Object.keys(E)) delete E[key];
  for (const [name, baseName] of HIERARCHY) {
    const base = baseName ? E[baseName]! : undefined;
    const t = makeBuiltinType(name, { base, gc: true, basicSize: BASIC_SIZES[name] ?? base?.basicSize ?? 72 });
    if (!baseName) {
      t.traverse = (o, visit: Visit) => {
        const e = o as PyBaseException;
        if (e.dict) visit(e.dict, attrSlot('__dict__'));
        visit(e.args, attrSlot('args'));
        if (e.traceback) visit(e.traceback, attrSlot('__traceback__'));
        if (e.context) visit(e.context, attrSlot('__context__'));
        if (e.cause) visit(e.cause, attrSlot('__cause__'));
        if (e.members) for (const [k, v] of Object.entries(e.members)) visit(v, attrSlot(k));
      };
      t.clear = (o) => exceptionClear(o as PyBaseException, true);
      t.dealloc = (o) => {
        exceptionClear(o as PyBaseException, false);
        decref((o as PyBaseException).args);
      };
    }
    E[name] = t;
  }
  bindExceptionFactory((type, message) => newException(type, message === null ? [] : [newStr(message)]));
}

function exceptionClear(e: PyBaseException, includeArgs: boolean): void {
  for (const field of ['dict', 'traceback', 'context', 'cause'] as const) {
    const v = e[field];
    if (v) {
      e[field] = null;
      rt.ev.refRemoved(e.serial, v.serial, attrSlot(field === 'dict' ? '__dict__' : `__${field}__`));
      decref(v);
    }
  }
  if (e.members) {
    const members = e.members;
    e.members = null;
    for (const [k, v] of Object.entries(members)) {
      rt.ev.refRemoved(e.serial, v.serial, attrSlot(k));
      decref(v);
    }
  }
  if (includeArgs) {
    const args = e.args;
    if ((args as PyTuple).items?.length) {
      e.args = newEmptyTuple();
      rt.ev.refRemoved(e.serial, args.serial, attrSlot('args'));
      rt.ev.refAdded(e.serial, e.args.serial, attrSlot('args'));
      decref(args);
    }
  }
}

/** An exception instance with `args` (stolen) as its args tuple. */
export function newException(type: PyType, args: PyObject[]): PyBaseException {
  const tuple = newTuple(args);
  const e = new PyBaseException(type, tuple);
  rt.heap.allocate(e, true);
  rt.ev.refAdded(e.serial, tuple.serial, attrSlot('args'));
  return e;
}

/** Set __traceback__/__context__/__cause__ (steals `value`). */
export function exceptionSetField(e: PyBaseException, field: 'traceback' | 'context' | 'cause' | 'args', value: PyObject | null): void {
  const old = e[field];
  if (old === value) {
    xdecref(value);
    return;
  }
  (e as unknown as Record<string, PyObject | null>)[field] = value;
  const slot = attrSlot(field === 'args' ? 'args' : `__${field}__`);
  if (old) rt.ev.refRemoved(e.serial, old.serial, slot);
  if (value) rt.ev.refAdded(e.serial, value.serial, slot);
  xdecref(old);
}

/** A struct field of a larger exception (borrowed), or null when unset. */
export function exceptionMember(e: PyBaseException, name: string): PyObject | null {
  return e.members?.[name] ?? null;
}

/** Set a struct field (steals `value`; null clears it). */
export function exceptionSetMember(e: PyBaseException, name: string, value: PyObject | null): void {
  const old = e.members?.[name] ?? null;
  if (value) (e.members ??= {})[name] = value;
  else if (e.members) delete e.members[name];
  if (old) rt.ev.refRemoved(e.serial, old.serial, attrSlot(name));
  if (value) rt.ev.refAdded(e.serial, value.serial, attrSlot(name));
  xdecref(old);
}

export function isExceptionType(t: PyType): boolean {
  return t.isSubtypeOf(E.BaseException!);
}

export function exceptionArgs(e: PyBaseException): PyObject[] {
  return (e.args as PyTuple).items;
}

/** Borrow-and-incref helper for code that keeps an exception. */
export function keepException(e: PyObject): PyObject {
  incref(e);
  return e;
}
