/**
 * Running a Python program as CPython runs a script: parse (SyntaxError in CPython's
 * form), compile, execute the module in __main__, report an uncaught exception with its
 * traceback, honour SystemExit, then finalize the interpreter (module globals released,
 * a last collection) so that __del__ at exit happens as it would.
 */
import { Runtime, type RuntimeOptions } from './runtime.js';
import { bootstrap, settleForScript } from './bootstrap.js';
import { parseModule } from '../python/parse.js';
import { PythonSyntaxError, UnsupportedSyntax } from '../python/syntax-error.js';
import { compileModuleCode } from './interpreter/module-code.js';
import { Frame } from './interpreter/frame.js';
import { runBody } from './interpreter/call.js';
import { builtinsDict } from './builtins/registry.js';
import { PyRaise, ProgramStopped } from './errors.js';
import { decref, incref, newref } from './heap/refcount.js';
import { newModule, PyModule } from './objects/module.js';
import { dictSetSteal, dictItems, dictGetStr, type PyDict } from './objects/dict.js';
import { internStr, newStr, PyStr } from './objects/str.js';
import { None, newNone } from './objects/singletons.js';
import { newDict } from './objects/dict.js';
import { E, PyBaseException, exceptionArgs } from './objects/exceptions.js';
import { PyInt } from './objects/int.js';
import { formatException } from './interpreter/traceback.js';
import { str as strOf } from './protocols/abstract.js';
import { collectNow, collectNoFail } from './modules/gc.js';
import { runExitFuncs } from './modules/atexit.js';
import { flushAllTextStreams } from './modules/textio.js';
import { newWeakref, type PyWeakref } from './objects/weakref.js';
import { dictClear } from './objects/dict.js';
import { rt } from './runtime.js';
import { RunStopped, STOP_EXIT_CODES } from './limits.js';

export type RunResult = {
  exitCode: number;
  runtime: Runtime;
  /** With checking on: objects whose refcount does not match the references to them at exit. */
  refcountErrors: string[];
};

export type RunOptions = RuntimeOptions & {
  /** Called after bootstrap, before the program runs (the session installs hooks here). */
  beforeRun?: (runtime: Runtime) => void;
};

/** Create and start a runtime ready to run `source` (bootstrap + __main__). */
export function createRuntime(filename: string, source: string, options: RuntimeOptions = {}): Runtime {
  const runtime = new Runtime(options);
  runtime.filename = filename;
  runtime.sourceLines = source.replace(/\r\n?/g, '\n').split('\n');
  bootstrap(runtime);
  return runtime;
}

/** Run a whole program; returns its exit code (1 for an uncaught exception or SyntaxError). */
export function runProgram(filename: string, source: string, options: RunOptions = {}): RunResult {
  const runtime = createRuntime(filename, source, options);
  options.beforeRun?.(runtime);
  const exitCode = executeMain(runtime, source);
  const refcountErrors = runtime.ledger ? runtime.ledger.exactMismatches() : [];
  return { exitCode, runtime, refcountErrors };
}

/** Execute the main module in an activated runtime. */
export function executeMain(runtime: Runtime, source: string): number {
  runtime.activate();
  let ast;
  try {
    ast = parseModule(source, runtime.filename);
  } catch (e) {
    if (e instanceof PythonSyntaxError) {
      runtime.writeStderr(e.format());
      return 1;
    }
    if (e instanceof UnsupportedSyntax) {
      runtime.writeStderr(`NotImplementedError: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const main = createMainModule(runtime);
  let exitCode = 0;
  let compiled;
  try {
    compiled = compileModuleCode(ast, runtime.filename);
  } catch (e) {
    if (e instanceof PythonSyntaxError) {
      runtime.writeStderr(e.format());
      return 1;
    }
    if (e instanceof UnsupportedSyntax) {
      runtime.writeStderr(`NotImplementedError: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const { code, compiler } = compiled;
  const f = new Frame(code.body, code, main.dict, builtinsDict(), null);
  f.ns = main.dict;
  // While the module runs, its globals are also held by the function object that
  // PyEval_EvalCode creates and by the frame's f_locals.
  incref(main.dict);
  incref(main.dict);
  settleForScript(runtime);
  try {
    runBody(f);
  } catch (e) {
    if (e instanceof PyRaise) exitCode = reportUncaught(runtime, e.exc);
    else if (e instanceof ProgramStopped) {
      // A stopped program is not finalized: no more of its code runs.
      runtime.writeStderr(`heapscope: ${e.reason}\n`);
      runtime.stopped = true;
      exitCode = e instanceof RunStopped ? STOP_EXIT_CODES[e.kind] : 3;
    } else throw e;
  }
  if (runtime.stopped) return exitCode;
  decref(main.dict);
  decref(main.dict);
  // The parser's arena (literal objects) and the module's code object go away after the run.
  for (const o of compiler.arena) decref(o);
  compiler.arena.length = 0;
  decref(code);
  runtime.onMainDone?.(exitCode);
  finalizeInterpreter(runtime);
  return exitCode;
}

function createMainModule(runtime: Runtime): PyModule {
  const modules = runtime.state.get('sys.modules') as PyDict;
  const main = newModule('__main__');
  const d = main.dict;
  dictSetSteal(d, internStr('__package__'), newNone());
  dictSetSteal(d, internStr('__loader__'), newNone());
  dictSetSteal(d, internStr('__spec__'), newNone());
  dictSetSteal(d, internStr('__annotations__'), newDict());
  dictSetSteal(d, internStr('__builtins__'), newref(runtime.state.get('builtins module') as PyModule));
  dictSetSteal(d, internStr('__file__'), newStr(runtime.filename));
  dictSetSteal(d, internStr('__cached__'), newNone());
  dictSetSteal(modules, internStr('__main__'), newref(main));
  runtime.state.set('__main__', main);
  return main;
}

/** Print an uncaught exception like sys.excepthook; SystemExit decides the exit code. */
function reportUncaught(runtime: Runtime, exc: PyBaseException | import('./objects/object.js').PyObject): number {
  // run_eval_code_obj: python3 finalizes, then dies of SIGINT (the host does that part).
  if (exc.type === E.KeyboardInterrupt) runtime.unhandledKeyboardInterrupt = true;
  if (exc.type.isSubtypeOf(E.SystemExit!)) {
    const args = exc instanceof PyBaseException ? exceptionArgs(exc) : [];
    const code = args.length === 1 ? args[0]! : args.length === 0 ? None : (exc as PyBaseException).args;
    let status = 0;
    if (code === None) status = 0;
    else if (code instanceof PyInt) status = Number(code.v) & 0xff;
    else {
      runtime.writeStderr(strOf(code) + '\n');
      status = 1;
    }
    decref(exc);
    return status;
  }
  runtime.writeStderr(formatException(exc));
  decref(exc);
  return 1;
}

/**
 * Py_FinalizeEx, as far as a script can observe it: the atexit callbacks (weakref.finalize's
 * among them), a collection if gc is enabled (with gc.callbacks), then finalize_modules.
 */
function finalizeInterpreter(runtime: Runtime): void {
  try {
    runExitFuncs();
    flushAllTextStreams(); // flush_std_files
    if (runtime.heap.enabled) collectNow(2);
    finalizeModules(runtime);
  } catch (e) {
    if (e instanceof PyRaise) decref(e.exc);
    else if (!(e instanceof ProgramStopped)) throw e;
  }
}

/**
 * finalize_modules (Python/pylifecycle.c): sys.stdout & co. are restored, every
 * sys.modules entry is replaced by None in import order — __main__ is normally freed right
 * there, its dict with it unless functions still refer to it (then the next collection
 * finds it as garbage) — a collection that runs even with gc disabled, the dicts of
 * modules still alive are cleared (imported last first, _PyModule_ClearDict), then
 * sys's and builtins', and a last collection.
 */
function finalizeModules(runtime: Runtime): void {
  const sys = runtime.state.get('sys') as PyModule;
  const builtins = runtime.state.get('builtins module') as PyModule;
  const modules = runtime.state.get('sys.modules') as PyDict;
  // finalize_modules_delete_special: the names where user objects tend to hide.
  dictSetSteal(builtins.dict, internStr('_'), newNone());
  for (const name of ['path', 'argv', 'ps1', 'ps2', 'last_type', 'last_value', 'last_traceback', 'path_hooks', 'path_importer_cache', 'meta_path', '__interactivehook__']) {
    dictSetSteal(sys.dict, internStr(name), newNone());
  }
  for (const [name, orig] of [['stdin', '__stdin__'], ['stdout', '__stdout__'], ['stderr', '__stderr__']] as const) {
    const v = dictGetStr(sys.dict, orig);
    dictSetSteal(sys.dict, internStr(name), v ? newref(v) : newNone());
  }
  // The runtime's own references to __main__ and to the modules written in Python
  // (weakref) go: as in CPython, sys.modules holds the last one. Modules implemented in C
  // (sys, builtins, gc, atexit) stay alive with the interpreter state.
  for (const key of ['__main__', 'weakref']) {
    const m = runtime.state.get(key) as PyModule | undefined;
    if (!m) continue;
    runtime.state.delete(key);
    decref(m);
  }
  // finalize_remove_modules: None for every module, remembering them by weak reference.
  const weaklist: PyWeakref[] = [];
  for (const [name, value] of dictItems(modules)) {
    if (!(value instanceof PyModule)) continue;
    weaklist.push(newWeakref(value, null));
    dictSetSteal(modules, newref(name), newNone());
  }
  dictClear(modules);
  collectNoFail();
  // finalize_modules_clear_weaklist: modules imported later first.
  for (let i = weaklist.length - 1; i >= 0; i--) {
    const mod = weaklist[i]!.referent as PyModule | null;
    if (mod === null || mod === sys || mod === builtins) continue;
    incref(mod);
    clearModuleDict(mod.dict);
    decref(mod);
  }
  for (const wr of weaklist) decref(wr);
  clearModuleDict(sys.dict);
  clearModuleDict(builtins.dict);
  collectNoFail();
}

/** _PyModule_ClearDict: set values to None, underscore names first. */
export function clearModuleDict(d: PyDict): void {
  const pass = (pick: (name: string) => boolean) => {
    for (const [k, v] of dictItems(d)) {
      if (v === None || !(k instanceof PyStr) || !pick(k.v)) continue;
      if (dictGetStr(d, k.v) === null) continue;
      dictSetSteal(d, newref(k), newNone());
    }
  };
  pass((name) => name[0] === '_' && name[1] !== '_');
  pass((name) => name !== '__builtins__');
}

export { rt };
