/**
 * eval() and exec() of source strings (compiled as their own compilation unit, filename
 * "<string>") or of code objects from compile(), run with the given globals and locals.
 */
import type { PyObject } from '../objects/object.js';
import { parseModule } from '../../python/parse.js';
import { decodeSourceFile } from '../../python/source-file.js';
import { PythonSyntaxError, UnsupportedSyntax } from '../../python/syntax-error.js';
import { compileEvalCode, compileModuleCode } from './module-code.js';
import { Frame } from './frame.js';
import { runBody } from './call.js';
import { builtinsDict } from '../builtins/registry.js';
import { decref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { PyStr, newStr } from '../objects/str.js';
import { PyDict, dictGetStr, dictSetSteal } from '../objects/dict.js';
import { None, newNone } from '../objects/singletons.js';
import { bindArgs } from '../builtins/args.js';
import { typeName, call } from '../protocols/abstract.js';
import { rt } from '../runtime.js';
import { newTuple } from '../objects/tuple.js';
import { PyInt, newInt } from '../objects/int.js';
import { PyCode } from '../objects/function.js';
import { PyBytes } from '../objects/bytes.js';
import { internStr } from '../objects/str.js';

export function evalSource(mode: 'eval' | 'exec', args: PyObject[], kw: readonly string[] | null): PyObject {
  const [source, globalsArg, localsArg] = bindArgs(mode, args, kw, ['source', 'globals', 'locals'], 1, 3);
  let code: PyCode;
  let arena: PyObject[] = [];
  if (source instanceof PyCode) {
    // A code object from compile() (or a module's own code); function bodies expect
    // their arguments and cells, which exec() cannot give them here.
    if (source.body.name !== '<module>' || !source.body.usesNamespace) {
      throw pyError(E.NotImplementedError!, `heapscope runs only code objects made by compile() with ${mode}()`);
    }
    code = newref(source);
  } else {
    const text = sourceText(mode, source!, `${mode}() arg 1 must be a string, bytes or code object`);
    ({ code, arena } = compileText(text, '<string>', mode));
  }
  try {
    const caller = rt.frame!;
    const globals = globalsArg && globalsArg !== None ? globalsArg : caller.globals;
    if (!(globals instanceof PyDict)) throw pyError(E.TypeError!, `globals must be a dict, not ${typeName(globals)}`);
    const locals = localsArg && localsArg !== None ? localsArg : globalsArg && globalsArg !== None ? globals : caller.ns ?? caller.globals;
    if (dictGetStr(globals, '__builtins__') === null) {
      dictSetSteal(globals, internStr('__builtins__'), newref(rt.state.get('builtins module') as PyObject));
    }
    const f = new Frame(code.body, code, globals, builtinsDict(), null);
    f.ns = locals as PyDict;
    runBody(f);
    const r = f.retval;
    f.retval = null;
    if (mode === 'eval') return r ?? newNone();
    if (r) decref(r);
    return newNone();
  } finally {
    // exec of a string keeps its AST alive while it runs (section 2.1), then frees it
    for (const o of arena) decref(o);
    decref(code);
  }
}

/**
 * compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1): a code object
 * for exec() and eval(). The parse tree is freed once the code is made, as CPython frees
 * its arena.
 */
export function compileBuiltin(args: PyObject[], kw: readonly string[] | null): PyObject {
  const [source, filename, mode, flags] = bindArgs('compile', args, kw, ['source', 'filename', 'mode', 'flags', 'dont_inherit', 'optimize', '_feature_version'], 3, 7);
  if (!(filename instanceof PyStr)) throw pyError(E.TypeError!, `expected str, bytes or os.PathLike object, not ${typeName(filename!)}`);
  if (flags !== undefined && !(flags instanceof PyInt)) throw pyError(E.TypeError!, `'${typeName(flags)}' object cannot be interpreted as an integer`);
  const flagBits = flags === undefined ? 0 : Number((flags as PyInt).v);
  if (flagBits & ~KNOWN_FLAGS) throw pyError(E.ValueError!, 'compile(): unrecognised flags');
  if (flagBits & ~NO_OP_FUTURES) throw pyError(E.NotImplementedError!, 'heapscope does not support these compile() flags (such as ast.PyCF_ONLY_AST) yet');
  const m = mode instanceof PyStr ? mode.v : null;
  if (m === null) throw pyError(E.TypeError!, `compile() argument 'mode' must be str, not ${typeName(mode!)}`);
  if (m !== 'exec' && m !== 'eval' && m !== 'single') throw pyError(E.ValueError!, "compile() mode must be 'exec', 'eval' or 'single'");
  if (m === 'single') throw pyError(E.NotImplementedError!, "heapscope does not support compile() in 'single' (interactive) mode yet");
  const text = sourceText('compile', source!, 'compile() arg 1 must be a string, bytes or AST object');
  const { code, arena } = compileText(text, filename.v, m);
  for (const o of arena) decref(o);
  return code;
}

/** __future__ features that change nothing in 3.11 (nested_scopes .. generator_stop). */
const NO_OP_FUTURES = 0x10 | 0x20000 | 0x40000 | 0x80000 | 0x100000 | 0x200000 | 0x800000;
/** PyCF_MASK | PyCF_MASK_OBSOLETE | PyCF_COMPILE_MASK: what compile() accepts at all. */
const KNOWN_FLAGS = NO_OP_FUTURES | 0x400000 | 0x1000000 | 0x200 | 0x400 | 0x1000 | 0x2000 | 0x4000;

/** The source text of a str or bytes (UTF-8) argument. */
function sourceText(fn: string, source: PyObject, typeMessage: string): string {
  let text: string;
  if (source instanceof PyStr) text = source.v;
  else if (source instanceof PyBytes) {
    // As a file's bytes: a BOM or a coding cookie chooses the codec.
    const decoded = decodeSourceFile(source.v, `<${fn}() source>`);
    if (!decoded.ok) throw syntaxError(decoded.stderr.trimEnd().split('\n').pop()!.replace(/^SyntaxError: /, ''));
    text = decoded.text;
  } else throw pyError(E.TypeError!, typeMessage);
  if (text.includes('\0')) throw syntaxError('source code string cannot contain null bytes');
  return text;
}

/** Parse and compile `text` as a module (exec) or one expression (eval). */
function compileText(text: string, filename: string, mode: 'eval' | 'exec'): { code: PyCode; arena: PyObject[] } {
  try {
    const ast = parseModule(text, filename);
    if (mode === 'eval' && (ast.body.length !== 1 || ast.body[0]!.kind !== 'Expr')) {
      const first = ast.body.find((st) => st.kind !== 'Expr') ?? ast.body[0];
      throw new PythonSyntaxError('invalid syntax', filename, first?.line ?? 1, (first?.col ?? 0) + 1, text.split('\n')[(first?.line ?? 1) - 1] ?? '');
    }
    const { code, compiler } = mode === 'eval' ? compileEvalCode(ast, filename) : compileModuleCode(ast, filename);
    return { code, arena: compiler.arena };
  } catch (e) {
    if (e instanceof PythonSyntaxError) throw syntaxErrorException(e);
    if (e instanceof UnsupportedSyntax) throw pyError(E.NotImplementedError!, e.message);
    throw e;
  }
}

/** A SyntaxError without a location (SyntaxError(msg): its msg attribute set). */
function syntaxError(msg: string): PyRaise {
  return new PyRaise(call(E.SyntaxError!, [newStr(msg)]));
}

/** A SyntaxError exception from a compile-time error in eval/exec source. */
function syntaxErrorException(e: PythonSyntaxError): PyRaise {
  const details = newTuple([newStr(e.filename), newInt(e.lineno), newInt(e.offset), newStr(e.lineText), newInt(e.lineno), newInt(e.endOffset || e.offset)]);
  const exc = call(E[e.excType]!, [newStr(e.msg), details]);
  return new PyRaise(exc);
}
