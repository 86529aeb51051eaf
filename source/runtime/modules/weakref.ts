/**
 * The weakref module: ref, proxy, getweakrefcount, getweakrefs, and (from Python-level
 * definitions compiled at start-up) WeakValueDictionary, WeakKeyDictionary, WeakSet and
 * finalize.
 */
import type { PyObject } from '../objects/object.js';
import { newModule, moduleSet, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { newBuiltinFunction, type BuiltinImpl } from '../objects/function.js';
import { newref } from '../heap/refcount.js';
import { None } from '../objects/singletons.js';
import { newInt } from '../objects/int.js';
import { newList } from '../objects/list.js';
import { exactlyOne, positional } from '../builtins/args.js';
import { weakrefType, proxyType, callableProxyType, newWeakref, weakrefCount } from '../objects/weakref.js';
import { rt } from '../runtime.js';
import { runPythonModuleSource } from '../interpreter/python-module.js';
import { WEAKREF_PY } from './weakref-py.js';

export function createWeakrefModule(): PyModule {
  const m = newModule('weakref');
  const def = (name: string, impl: BuiltinImpl) => moduleSet(m, name, newBuiltinFunction(name, impl, m));
  moduleSet(m, 'ref', newref(weakrefType));
  moduleSet(m, 'ReferenceType', newref(weakrefType));
  moduleSet(m, 'ProxyType', newref(proxyType));
  moduleSet(m, 'CallableProxyType', newref(callableProxyType));
  def('proxy', (_s, args, kw) => {
    const [o, cb] = positional('proxy', args, kw, 1, 2);
    return newWeakref(o!, cb && cb !== None ? cb : null, o!.type.call !== null ? callableProxyType : proxyType);
  });
  def('getweakrefcount', (_s, args, kw) => newInt(weakrefCount(exactlyOne('getweakrefcount', args, kw))));
  def('getweakrefs', (_s, args, kw) => {
    const o = exactlyOne('getweakrefs', args, kw);
    return newList((o.weakrefs ?? []).map((w: PyObject) => newref(w)));
  });
  // The container classes are written in Python on top of ref (as CPython's weakref.py is).
  runPythonModuleSource(m, WEAKREF_PY, '<heapscope weakref>');
  return m;
}

provideModule('weakref', () => {
  let m = rt.state.get('weakref') as PyModule | undefined;
  if (!m) {
    m = createWeakrefModule();
    rt.state.set('weakref', m);
  }
  return newref(m);
});
