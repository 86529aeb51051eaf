/**
 * eval() and exec() of source strings, compiled as their own compilation unit
 * (filename "<string>") and run with the given globals and locals.
 */
import type { PyObject } from '../objects/object.js';
import { parseModule } from '../../python/parse.js';
import { PythonSyntaxError, UnsupportedSyntax } from '../../python/syntax-error.js';
import { compileEvalCode, compileModuleCode } from './module-code.js';
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
import { typeName, call } from '../protocols/abstract.js';
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
  let ast;
  try {
    ast = parseModule(source.v, '<string>');
    if (mode === 'eval' && (ast.body.length !== 1 || ast.body[0]!.kind !== 'Expr')) {
      const first = ast.body.find((st) => st.kind !== 'Expr') ?? ast.body[0];
      throw new PythonSyntaxError('invalid syntax', '<string>', first?.line ?? 1, (first?.col ?? 0) + 1, source.v.split('\n')[(first?.line ?? 1) - 1] ?? '');
    }
  } catch (e) {
    if (e instanceof PythonSyntaxError) throw syntaxErrorException(e);
    if (e instanceof UnsupportedSyntax) throw pyError(E.NotImplementedError!, e.message);
    throw e;
  }
  let compiled;
  try {
    compiled = mode === 'eval' ? compileEvalCode(ast, '<string>') : compileModuleCode(ast, '<string>');
  } catch (e) {
    if (e instanceof PythonSyntaxError) throw syntaxErrorException(e);
    throw e;
  }
  const { code, compiler } = compiled;
  const f = new Frame(code.body, code, globals, builtinsDict(), null);
  f.ns = locals as PyDict;
  try {
    runBody(f);
    if (mode === 'eval') {
      const r = f.retval ?? newNone();
      f.retval = null;
      return r;
    }
    return newNone();
  } finally {
    // exec of a string keeps its AST alive while it runs (section 2.1), then frees it
    for (const o of compiler.arena) decref(o);
    decref(code);
  }
}

/** A SyntaxError exception from a compile-time error in eval/exec source. */
function syntaxErrorException(e: PythonSyntaxError): PyRaise {
  const details = newTuple([newStr(e.filename), newInt(e.lineno), newInt(e.offset), newStr(e.lineText), newInt(e.lineno), newInt(e.endOffset || e.offset)]);
  const exc = call(E[e.excType]!, [newStr(e.msg), details]);
  return new PyRaise(exc);
}
