/**
 * eval() and exec() of source strings, compiled as their own compilation unit
 * (filename "<string>") and run with the given globals and locals.
 */
import type { PyObject } from '../objects/object.js';
import { parseModule } from '../../python/parse.js';
import { PythonSyntaxError, UnsupportedSyntax } from '../../python/syntax-error.js';
import { compileModuleCode } from './module-code.js';
import { Frame } from './frame.js';
import { runBody } from './call.js';
import { builtinsDict } from '../builtins/registry.js';
import { decref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E, newException } from '../objects/exceptions.js';
import { PyStr, newStr } from '../objects/str.js';
import { PyDict, dictGetStr, dictSetSteal } from '../objects/dict.js';
import { None, newNone } from '../objects/singletons.js';
import { bindArgs } from '../builtins/args.js';
import { typeName } from '../protocols/abstract.js';
import { rt } from '../runtime.js';
import { newTuple } from '../objects/tuple.js';
import { newInt } from '../objects/int.js';
import { internStr } from '../objects/str.js';

export function evalSource(mode: 'eval' | 'exec', args: PyObject[], kw: readonly string[] | null): PyObject {
  const [source, globalsArg, localsArg] = bindArgs(mode, args, kw, ['source', 'globals', 'locals'], 1, 3);
  if (!(source instanceof PyStr)) throw pyError(E.TypeError!, `${mode}() arg 1 must be a string, bytes or code object`);
  const caller = rt.frame!;
  const globals = globalsArg && globalsArg !== None ? globalsArg : caller.globals;
  if (!(globals instanceof PyDict)) throw pyError(E.TypeError!, `globals must be a dict, not ${typeName(globals)}`);
  const locals = localsArg && localsArg !== None ? localsArg : globalsArg && globalsArg !== None ? globals : caller.ns ?? caller.globals;
  if (dictGetStr(globals, '__builtins__') === null) {
    dictSetSteal(globals, internStr('__builtins__'), newref(rt.state.get('builtins module') as PyObject));
  }
  let text = source.v;
  if (mode === 'eval') text = text.trim();
  let ast;
  try {
    ast = parseModule(mode === 'eval' ? `__heapscope_eval_result__ = (${text}\n)` : text, '<string>');
  } catch (e) {
    if (e instanceof PythonSyntaxError) {
      const exc = newException(E.SyntaxError!, [newStr(e.msg), newTuple([newStr('<string>'), newInt(e.lineno), newInt(e.offset), newStr(e.lineText), newInt(e.lineno), newInt(e.offset)])]);
      throw new PyRaise(exc);
    }
    if (e instanceof UnsupportedSyntax) throw pyError(E.NotImplementedError!, e.message);
    throw e;
  }
  const { code, compiler } = compileModuleCode(ast, '<string>');
  const f = new Frame(code.body, code, globals, builtinsDict(), null);
  f.ns = locals as PyDict;
  try {
    runBody(f);
    if (mode === 'eval') {
      const r = dictGetStr(f.ns, '__heapscope_eval_result__');
      const out = r ? newref(r) : newNone();
      dictDel(f.ns, '__heapscope_eval_result__');
      return out;
    }
    return newNone();
  } finally {
    for (const o of compiler.arena) decref(o);
    decref(code);
  }
}

import { dictDelStr } from '../objects/dict.js';
function dictDel(d: PyDict, key: string): void {
  dictDelStr(d, key);
}
