/**
 * The atexit module (Modules/atexitmodule.c): functions registered to run when the
 * interpreter finalizes, last registered first, before the final collections and the
 * clearing of modules (Py_FinalizeEx → _PyAtExit_Call). weakref.finalize registers its
 * exit function here. An error in a callback is reported as "Exception ignored in
 * atexit callback" and the others still run.
 */
import type { PyObject } from '../objects/object.js';
import { newModule, moduleSet, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { newBuiltinFunction, type BuiltinImpl } from '../objects/function.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { newNone } from '../objects/singletons.js';
import { newInt } from '../objects/int.js';
import { newTupleFrom, type PyTuple } from '../objects/tuple.js';
import { newDict, dictSetSteal, dictItems, type PyDict } from '../objects/dict.js';
import { internStr, PyStr } from '../objects/str.js';
import { rt } from '../runtime.js';
import { exactlyOne, noArgs } from '../builtins/args.js';
import { call, richCompareBool } from '../protocols/abstract.js';
import { EQ } from '../objects/object.js';
import { reportUnraisable } from '../interpreter/unraisable.js';

/** One registered callback: the function, its positional arguments and keyword arguments (owned). */
type Callback = { func: PyObject; args: PyTuple; kwargs: PyDict | null };

type AtexitState = { module: PyModule; callbacks: Callback[] };

function state(): AtexitState {
  return rt.state.get('atexit') as AtexitState;
}

export function createAtexitModule(): PyModule {
  const m = newModule('atexit');
  const st: AtexitState = { module: m, callbacks: [] };
  rt.state.set('atexit', st);
  const def = (name: string, impl: BuiltinImpl) => moduleSet(m, name, newBuiltinFunction(name, impl, m));
  def('register', (_s, args, kw) => {
    const nkw = kw ? kw.length : 0;
    const npos = args.length - nkw;
    if (npos < 1) throw pyError(E.TypeError!, 'register() takes at least 1 argument (0 given)');
    const func = args[0]!;
    if (func.type.call === null) throw pyError(E.TypeError!, 'the first argument must be callable');
    let kwargs: PyDict | null = null;
    if (nkw) {
      kwargs = newDict();
      for (let i = 0; i < nkw; i++) dictSetSteal(kwargs, internStr(kw![i]!), newref(args[npos + i]!));
    }
    st.callbacks.push({ func: newref(func), args: newTupleFrom(args.slice(1, npos)), kwargs });
    return newref(func);
  });
  def('unregister', (_s, args, kw) => {
    const func = exactlyOne('atexit.unregister', args, kw);
    for (let i = 0; i < st.callbacks.length; i++) {
      const cb = st.callbacks[i]!;
      if (richCompareBool(cb.func, func, EQ)) {
        st.callbacks.splice(i, 1);
        i--;
        release(cb);
      }
    }
    return newNone();
  });
  def('_run_exitfuncs', (_s, args, kw) => {
    noArgs('atexit._run_exitfuncs', args, kw);
    runExitFuncs();
    return newNone();
  });
  def('_clear', (_s, args, kw) => {
    noArgs('atexit._clear', args, kw);
    for (const cb of st.callbacks.splice(0)) release(cb);
    return newNone();
  });
  def('_ncallbacks', (_s, args, kw) => {
    noArgs('atexit._ncallbacks', args, kw);
    return newInt(st.callbacks.length);
  });
  return m;
}

function release(cb: Callback): void {
  decref(cb.func);
  decref(cb.args);
  if (cb.kwargs) decref(cb.kwargs);
}

/**
 * atexit_callfuncs: call every registered function, last registered first; the list is
 * emptied afterwards (a function registered while they run is not called).
 */
export function runExitFuncs(): void {
  const st = rt.state.get('atexit') as AtexitState | undefined;
  if (!st) return;
  const callbacks = st.callbacks.slice();
  for (let i = callbacks.length - 1; i >= 0; i--) {
    const cb = callbacks[i]!;
    if (!st.callbacks.includes(cb)) continue; // unregistered by an earlier callback
    const args = cb.args.items.map((a) => newref(a));
    let kwnames: string[] | null = null;
    if (cb.kwargs) {
      kwnames = [];
      for (const [k, v] of dictItems(cb.kwargs)) {
        kwnames.push((k as PyStr).v);
        args.push(newref(v));
      }
    }
    incref(cb.func);
    try {
      decref(call(cb.func, args, kwnames));
    } catch (e) {
      if (!(e instanceof PyRaise)) throw e;
      reportUnraisable(e.exc, cb.func, 'Exception ignored in atexit callback');
    } finally {
      decref(cb.func);
    }
  }
  for (const cb of st.callbacks.splice(0)) release(cb);
}

provideModule('atexit', () => newref(state().module));
