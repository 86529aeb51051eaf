/**
 * Methods and attributes of the builtin exceptions: BaseException's args/str/repr, the
 * struct fields of OSError, SyntaxError, StopIteration and SystemExit, and the
 * per-type __init__/__new__ entries CPython's exceptions.c gives each static type.
 */
import { PyObject, PyType } from './object.js';
import { decref, newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E, PyBaseException, exceptionSetField, exceptionArgs, exceptionMember, exceptionSetMember } from './exceptions.js';
import { tpCallArgsTuple } from './classes.js';
import { None, newNone } from './singletons.js';
import { newBool, PyInt } from './int.js';
import { PyStr, newStr, internStr } from './str.js';
import { PyTuple, newTuple, newEmptyTuple } from './tuple.js';
import { newList, listAppend, PyList } from './list.js';
import { newDict, dictSetSteal, dictGetStr, dictDelStr } from './dict.js';
import { defineMethods, defineAttribute, exactlyOne } from '../builtins/args.js';
import { newGetSetDescriptor } from './descriptors.js';
import { repr, str as strOf, typeName, iterateToArray, hasAttr, getAttr, setAttr } from '../protocols/abstract.js';
import { rt } from '../runtime.js';
import { installExceptionGroupMethods } from './exception-group.js';
import { attrSlot } from './slot-labels.js';

type Getter = (o: PyObject) => PyObject;

function attr(t: PyType, name: string, get: Getter, set: ((o: PyObject, v: PyObject | null) => void) | null = null): void {
  defineAttribute(t, name, newGetSetDescriptor(name, t, get, set));
}

const orNone = (o: PyObject | null | undefined) => (o ? newref(o) : newNone());

/** The args tuple of a new exception: _PyObject_MakeTpCall's own tuple when there is one. */
function exceptionArgsTuple(args: PyObject[], nkw: number): PyObject {
  const shared = tpCallArgsTuple(args);
  if (shared !== null) return newref(shared);
  return newTuple(args.slice(0, args.length - nkw).map((a) => newref(a)));
}

export function installExceptionMethods(): void {
  const base = E.BaseException!;
  base.newInstance = (t, args, kw) => {
    const nkw = kw ? kw.length : 0;
    if (nkw && t === base) throw pyError(E.TypeError!, `${t.name}() takes no keyword arguments`);
    const e = new PyBaseException(t, newEmptyTuple());
    rt.heap.allocate(e, true);
    rt.ev.refAdded(e.serial, e.args.serial, attrSlot('args'));
    exceptionSetField(e, 'args', exceptionArgsTuple(args, nkw));
    return e;
  };
  // BaseException_init: args = the call's argument tuple (the same one __new__ kept).
  base.init = (o, args, kw) => {
    const nkw = kw ? kw.length : 0;
    if (nkw && o.type.init === base.init) throw pyError(E.TypeError!, `${o.type.name}() takes no keyword arguments`);
    const e = o as PyBaseException;
    const shared = tpCallArgsTuple(args);
    if (shared !== null && e.args === shared) return;
    exceptionSetField(e, 'args', exceptionArgsTuple(args, nkw));
  };
  base.repr = (o) => {
    const args = exceptionArgs(o as PyBaseException);
    const name = o.type.name;
    if (args.length === 1) return newStr(`${name}(${repr(args[0]!)})`);
    return newStr(`${name}(${args.map(repr).join(', ')})`);
  };
  base.str = (o) => {
    const args = exceptionArgs(o as PyBaseException);
    if (args.length === 0) return newStr('');
    if (args.length === 1) return newStr(strOf(args[0]!));
    return newStr(repr((o as PyBaseException).args));
  };
  base.instanceGet = (o, name) => {
    const d = (o as PyBaseException).dict;
    return d ? dictGetStr(d, name) : null;
  };
  base.instanceSet = (o, name, v) => {
    const e = o as PyBaseException;
    if (!e.dict && v === null) return false;
    const d = exceptionDict(e);
    if (v === null) return dictGetStr(d, name) !== null && (dictDelStr(d, name), true);
    dictSetSteal(d, internStr(name), v);
    return true;
  };
  E.KeyError!.str = (o) => {
    const args = exceptionArgs(o as PyBaseException);
    if (args.length === 1) return newStr(repr(args[0]!));
    return base.str!(o);
  };
  attr(base, 'args', (o) => newref((o as PyBaseException).args), (o, v) => {
    if (v === null) throw pyError(E.TypeError!, 'args may not be deleted');
    exceptionSetField(o as PyBaseException, 'args', newTuple(iterateToArray(v)));
  });
  for (const field of ['traceback', 'context', 'cause'] as const) {
    attr(base, `__${field}__`, (o) => orNone((o as PyBaseException)[field]), (o, v) => {
      exceptionSetField(o as PyBaseException, field, v === null || v === None ? null : newref(v));
      if (field === 'cause') (o as PyBaseException).suppressContext = true;
    });
  }
  attr(base, '__suppress_context__', (o) => newBool((o as PyBaseException).suppressContext), (o, v) => {
    (o as PyBaseException).suppressContext = v !== null && (v as PyInt).v === 1;
  });
  attr(base, '__dict__', (o) => newref(exceptionDict(o as PyBaseException)));
  defineMethods(base, {
    with_traceback: (self, args, kw) => {
      const tb = exactlyOne('with_traceback', args, kw);
      exceptionSetField(self as PyBaseException, 'traceback', tb === None ? null : newref(tb));
      return newref(self!);
    },
    add_note: (self, args, kw) => {
      exceptionAddNote(self!, exactlyOne('add_note', args, kw));
      return newNone();
    },
    __reduce__: (self) => newTuple([newref(self!.type), newref((self as PyBaseException).args)]),
  });
  // SyntaxError(msg, (filename, lineno, offset, text, end_lineno, end_offset))
  const syntaxError = E.SyntaxError!;
  syntaxError.init = (o, args, kw) => {
    base.init!(o, args, kw);
    const e = o as PyBaseException;
    const fields = ['msg', 'filename', 'lineno', 'offset', 'text', 'end_lineno', 'end_offset'];
    const values: (PyObject | undefined)[] = [args[0]];
    if (args.length === 2 && args[1] instanceof PyTuple) values.push(...args[1].items);
    fields.forEach((name, i) => base.instanceSet!(e, name, newref(values[i] ?? None)));
  };
  syntaxError.str = (o) => {
    const get = (name: string) => base.instanceGet!(o, name);
    const msg = get('msg');
    const filename = get('filename');
    const lineno = get('lineno');
    const text = msg && msg !== None ? strOf(msg) : '';
    const file = filename instanceof PyStr ? filename.v.split('/').pop()! : null;
    const line = lineno instanceof PyInt ? String(lineno.v) : null;
    if (file && line) return newStr(`${text} (${file}, line ${line})`);
    if (file) return newStr(`${text} (${file})`);
    if (line) return newStr(`${text} (line ${line})`);
    return newStr(text);
  };

  // StopIteration.value, SystemExit.code
  attr(E.StopIteration!, 'value', (o) => orNone(exceptionArgs(o as PyBaseException)[0]));
  attr(E.SystemExit!, 'code', (o) => {
    const a = exceptionArgs(o as PyBaseException);
    return a.length === 1 ? newref(a[0]!) : a.length === 0 ? newNone() : newref((o as PyBaseException).args);
  });
  // NameError.name, AttributeError.name and .obj: struct members the eval loop and
  // attribute lookups set, None until then.
  for (const [t, field] of [[E.NameError!, 'name'], [E.AttributeError!, 'name'], [E.AttributeError!, 'obj']] as const) {
    attr(t, field, (o) => orNone(exceptionMember(o as PyBaseException, field)), (o, v) =>
      exceptionSetMember(o as PyBaseException, field, v === null ? null : newref(v)),
    );
  }
  attr(E.ImportError!, 'name', () => newNone());

  installOSError();
  installExceptionGroupMethods();

  // Each static exception type names its own tp_init, and most their own tp_new (the
  // exceptions.c macros), so T.__init__ is "<slot wrapper '__init__' of 'T' objects>".
  const inheritsNew = new Set(('AttributeError BlockingIOError BrokenPipeError ChildProcessError ConnectionAbortedError ' +
    'ConnectionError ConnectionRefusedError ConnectionResetError FileExistsError FileNotFoundError ImportError ' +
    'IndentationError InterruptedError IsADirectoryError KeyError ModuleNotFoundError NameError NotADirectoryError ' +
    'PermissionError ProcessLookupError StopIteration SyntaxError SystemExit TabError TimeoutError UnboundLocalError').split(' '));
  for (const [name, t] of Object.entries(E)) {
    if (t === base) continue;
    t.init ??= t.base!.init ?? base.init;
    if (!inheritsNew.has(name)) t.newInstance ??= base.newInstance;
  }
}



/**
 * BaseException.add_note (3.11): the notes are a list in the instance's __notes__
 * attribute, made on the first note.
 */
export function exceptionAddNote(e: PyObject, note: PyObject): void {
  if (!(note instanceof PyStr)) throw pyError(E.TypeError!, `note must be a str, not '${typeName(note)}'`);
  if (!hasAttr(e, '__notes__')) {
    const fresh = newList([]);
    try {
      setAttr(e, '__notes__', fresh);
    } finally {
      decref(fresh);
    }
  }
  const notes = getAttr(e, '__notes__');
  try {
    if (!(notes instanceof PyList)) throw pyError(E.TypeError!, 'Cannot add note: __notes__ is not a list');
    listAppend(notes, note);
  } finally {
    decref(notes);
  }
}

// ---------------------------------------------------------------- OSError

/** errno values whose OSError(errno, ...) is built as a subclass (PEP 3151), Linux numbering. */
const ERRNO_SUBCLASS: Record<number, string> = {
  1: 'PermissionError', 2: 'FileNotFoundError', 3: 'ProcessLookupError', 4: 'InterruptedError', 10: 'ChildProcessError',
  11: 'BlockingIOError', 13: 'PermissionError', 17: 'FileExistsError', 20: 'NotADirectoryError', 21: 'IsADirectoryError',
  32: 'BrokenPipeError', 103: 'ConnectionAbortedError', 104: 'ConnectionResetError', 108: 'BrokenPipeError',
  110: 'TimeoutError', 111: 'ConnectionRefusedError', 114: 'BlockingIOError', 115: 'BlockingIOError',
};

const OSERROR_FIELDS = ['errno', 'strerror', 'filename', 'filename2'] as const;

function installOSError(): void {
  const base = E.BaseException!;
  const oserror = E.OSError!;
  oserror.newInstance = (t, args, kw) => {
    const nkw = kw ? kw.length : 0;
    const npos = args.length - nkw;
    if (t === oserror && npos >= 2 && args[0] instanceof PyInt && typeof args[0].v === 'number') {
      const sub = ERRNO_SUBCLASS[args[0].v];
      if (sub) t = E[sub]!;
    }
    return base.newInstance!(t, args, kw);
  };
  // OSError(errno, strerror[, filename[, winerror[, filename2]]]): with a filename, args keeps two items.
  oserror.init = (o, args, kw) => {
    const nkw = kw ? kw.length : 0;
    if (nkw && o.type.init === oserror.init) throw pyError(E.TypeError!, `${o.type.name}() takes no keyword arguments`);
    const pos = args.slice(0, args.length - nkw);
    const e = o as PyBaseException;
    if (pos.length >= 2 && pos.length <= 5) {
      exceptionSetMember(e, 'errno', newref(pos[0]!));
      exceptionSetMember(e, 'strerror', newref(pos[1]!));
      if (pos.length >= 3 && pos[2] !== None) exceptionSetMember(e, 'filename', newref(pos[2]!));
      if (pos.length === 5 && pos[4] !== None) exceptionSetMember(e, 'filename2', newref(pos[4]!));
      if (pos.length >= 3) pos.length = 2;
    }
    exceptionSetField(e, 'args', newTuple(pos.map((a) => newref(a))));
  };
  for (const field of OSERROR_FIELDS) {
    attr(oserror, field, (o) => orNone(exceptionMember(o as PyBaseException, field)), (o, v) => {
      exceptionSetMember(o as PyBaseException, field, v === null ? null : newref(v));
    });
  }
  oserror.str = (o) => {
    const e = o as PyBaseException;
    const [errno, strerror, filename, filename2] = OSERROR_FIELDS.map((f) => exceptionMember(e, f));
    if (filename) {
      const tail = filename2 ? ` -> ${repr(filename2)}` : '';
      return newStr(`[Errno ${strOf(errno ?? None)}] ${strOf(strerror ?? None)}: ${repr(filename)}${tail}`);
    }
    if (errno && strerror) return newStr(`[Errno ${strOf(errno)}] ${strOf(strerror)}`);
    return base.str!(o);
  };
  defineMethods(oserror, {
    __str__: (self) => oserror.str!(self!),
    __reduce__: (self) => newTuple([newref(self!.type), newref((self as PyBaseException).args)]),
  });
}

/** The exception's __dict__ (borrowed), created on first use; the log sees the new reference. */
function exceptionDict(e: PyBaseException): import('./dict.js').PyDict {
  if (!e.dict) {
    e.dict = newDict();
    rt.ev.refAdded(e.serial, e.dict.serial, attrSlot('__dict__'));
  }
  return e.dict;
}
