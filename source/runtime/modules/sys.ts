/**
 * The sys module: getrefcount, getsizeof, recursion limit, intern, version info, the
 * standard streams (writing into the event log), modules, _getframe, exc_info.
 */
import type { PyObject } from '../objects/object.js';
import { newModule, moduleSet, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { newBuiltinFunction, type BuiltinImpl } from '../objects/function.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { newNone, None } from '../objects/singletons.js';
import { newInt, newIntValue, intType } from '../objects/int.js';
import { newStr, PyStr, internExisting, strType } from '../objects/str.js';
import { newTuple } from '../objects/tuple.js';
import { newList } from '../objects/list.js';
import { newDict, dictGetStr, type PyDict } from '../objects/dict.js';
import { formatException } from '../interpreter/traceback.js';
import { PyObject as PyObj } from '../objects/object.js';
import { makeBuiltinType, lookup } from '../objects/typeobject.js';
import { rt } from '../runtime.js';
import { exactlyOne, positional, noArgs } from '../builtins/args.js';
import { callMethod, indexValue, typeName } from '../protocols/abstract.js';
import { frameObjectOf } from '../interpreter/traceback.js';
import { PyBaseException } from '../objects/exceptions.js';
import { writeTo } from '../builtins/functions.js';
import { registerTextStream, textioWrite, textioFlush } from './textio.js';
import { defineMethods } from '../builtins/args.js';

function fn(m: PyModule, name: string, impl: BuiltinImpl): void {
  moduleSet(m, name, newBuiltinFunction(name, impl, m));
}

/** sys.getsizeof(o): __sizeof__ plus the GC header (and managed-dict pre-header). */
export function getsizeof(o: PyObject): number {
  const t = o.type;
  if (t.flags.heap) {
    const m = lookup(t, '__sizeof__');
    if (m !== null && m.type.name === 'function') {
      const r = callMethod(o, '__sizeof__');
      try {
        const v = Number(indexValue(r));
        if (v < 0) throw pyError(E.ValueError!, '__sizeof__() should return >= 0');
        return v + (t.flags.gc ? 16 : 0) + (t.flags.managedDict ? 16 : 0);
      } finally {
        decref(r);
      }
    }
  }
  return t.sizeofTotal(o);
}

let textIOType: ReturnType<typeof makeBuiltinType> | null = null;

function makeStream(stream: 1 | 2, name: string): PyObject {
  if (textIOType === null || !textIOType.dict) {
    textIOType = makeBuiltinType('_io.TextIOWrapper', { basicSize: 208, qualname: 'TextIOWrapper' });
    textIOType.qualname = 'TextIOWrapper';
    textIOType.module = '_io';
    defineMethods(textIOType, {
      write: (self, args, kw) => {
        const s = exactlyOne('write', args, kw);
        if (!(s instanceof PyStr)) throw pyError(E.TypeError!, `write() argument must be str, not ${typeName(s)}`);
        textioWrite(self!, s.v);
        return newInt(s.length);
      },
      flush: (self) => {
        textioFlush(self!);
        return newNone();
      },
      isatty: () => newIntValue(0) && newNone(),
      fileno: () => newInt(stream),
    });
  }
  const o = new PyObj(textIOType);
  rt.heap.allocate(o, false);
  let streams = rt.state.get('streams') as Map<PyObject, 1 | 2> | undefined;
  if (!streams) rt.state.set('streams', (streams = new Map()));
  streams.set(o, stream);
  registerTextStream(o, stream);
  void name;
  return o;
}

export function createSysModule(): PyModule {
  textIOType = null;
  const m = newModule('sys');
  rt.state.set('sys', m);
  const modules = rt.state.get('sys.modules') as PyDict;
  moduleSet(m, 'modules', newref(modules));
  fn(m, 'getrefcount', (_s, args) => {
    if (args.length !== 1) throw pyError(E.TypeError!, `sys.getrefcount() takes exactly one argument (${args.length} given)`);
    return newIntValue(args[0]!.rc);
  });
  fn(m, 'getsizeof', (_s, args, kw) => {
    if (!args.length) throw pyError(E.TypeError!, "getsizeof() missing required argument 'object' (pos 1)");
    const [o, dflt] = positional('getsizeof', args, kw, 1, 2);
    try {
      return newInt(getsizeof(o!));
    } catch (e) {
      if (dflt !== undefined) return newref(dflt);
      throw e;
    }
  });
  fn(m, 'getrecursionlimit', () => newInt(rt.recursionLimit));
  fn(m, 'setrecursionlimit', (_s, args, kw) => {
    const v = exactlyOne('setrecursionlimit', args, kw);
    if (!(v.type === intType)) throw pyError(E.TypeError!, `'${typeName(v)}' object cannot be interpreted as an integer`);
    const n = Number(indexValue(v));
    if (n < 1) throw pyError(E.ValueError!, 'recursion limit must be greater or equal than 1');
    if (n <= rt.depth) {
      throw pyError(E.RecursionError!, `cannot set the recursion limit to ${n} at the recursion depth ${rt.depth}: the limit is too low`);
    }
    rt.recursionLimit = n;
    return newNone();
  });
  fn(m, 'intern', (_s, args, kw) => {
    const s = exactlyOne('intern', args, kw);
    if (s.type !== strType) throw pyError(E.TypeError!, `intern() argument must be str, not ${typeName(s)}`);
    return internExisting(s as PyStr);
  });
  fn(m, 'getdefaultencoding', () => newStr('utf-8'));
  fn(m, 'exit', (_s, args) => {
    throw new (require_pyraise())(newExc(args));
  });
  fn(m, '_getframe', (_s, args, kw) => {
    const [depth] = positional('_getframe', args, kw, 0, 1);
    let f = rt.frame;
    for (let i = depth ? Number(indexValue(depth)) : 0; i > 0 && f; i--) f = f.back;
    if (!f) throw pyError(E.ValueError!, 'call stack is not deep enough');
    return frameObjectOf(f);
  });
  fn(m, 'exc_info', (_s, args, kw) => {
    noArgs('exc_info', args, kw);
    let h: PyObject | null = null;
    for (let f = rt.frame; f && !h; f = f.back) h = f.handled;
    if (!h) return newTuple([newNone(), newNone(), newNone()]);
    const tb = (h as PyBaseException).traceback;
    return newTuple([newref(h.type), newref(h), tb ? newref(tb) : newNone()]);
  });
  // sys.excepthook(type, value, traceback): print the exception to sys.stderr.
  fn(m, 'excepthook', (_s, args, kw) => {
    const [, value] = positional('excepthook', args, kw, 3, 3);
    const stderr = dictGetStr(m.dict, 'stderr');
    const text = formatException(value!);
    if (stderr === null || stderr === None) rt.writeStderr(text);
    else writeTo(stderr, text);
    return newNone();
  });
  moduleSet(m, '__excepthook__', newref(dictGetStr(m.dict, 'excepthook')!));
  fn(m, 'get_int_max_str_digits', () => newInt(4300));
  moduleSet(m, 'maxsize', newIntValue(2n ** 63n - 1n));
  moduleSet(m, 'byteorder', newStr('little'));
  moduleSet(m, 'platform', newStr('linux'));
  moduleSet(m, 'version', newStr('3.11.7 (heapscope model of CPython 3.11, 64-bit)'));
  moduleSet(m, 'hexversion', newInt(0x030b07f0));
  moduleSet(m, 'implementation_name', newStr('cpython'));
  moduleSet(m, 'version_info', newVersionInfo());
  moduleSet(m, 'argv', newList([newStr(rt.filename)]));
  moduleSet(m, 'path', newList([]));
  moduleSet(m, 'flags', newNone());
  const stdout = makeStream(1, '<stdout>');
  const stderr = makeStream(2, '<stderr>');
  moduleSet(m, 'stdout', stdout);
  moduleSet(m, 'stderr', stderr);
  moduleSet(m, '__stdout__', newref(stdout));
  moduleSet(m, '__stderr__', newref(stderr));
  return m;
}

function newVersionInfo(): PyObject {
  return newTuple([newInt(3), newInt(11), newInt(7), newStr('final'), newInt(0)]);
}

import { PyRaise } from '../errors.js';
import { newException } from '../objects/exceptions.js';
function require_pyraise() {
  return PyRaise;
}
function newExc(args: PyObject[]): PyObject {
  return newException(E.SystemExit!, args.map((a) => newref(a)));
}

provideModule('sys', () => {
  const m = rt.state.get('sys') as PyModule;
  return newref(m);
});

export { None, incref, newDict };
