/**
 * The weakref module: ref, proxy, getweakrefcount, getweakrefs (Modules/_weakref.c), and
 * the containers and finalize written in Python (weakref-py.ts), compiled at start-up as
 * CPython's interpreter has imported weakref before a script runs (so `import weakref`
 * allocates nothing).
 */
import type { PyObject } from '../objects/object.js';
import { newModule, moduleSet, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { newBuiltinFunction, type BuiltinImpl } from '../objects/function.js';
import { decref, newref } from '../heap/refcount.js';
import { newNone } from '../objects/singletons.js';
import { newInt } from '../objects/int.js';
import { newList } from '../objects/list.js';
import { newTupleFrom } from '../objects/tuple.js';
import { dictGet, dictDel, PyDict } from '../objects/dict.js';
import { pyError } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { exactlyOne, noKeywords } from '../builtins/args.js';
import { weakrefType, proxyType, callableProxyType, newProxy, weakrefCount, PyWeakref } from '../objects/weakref.js';
import { rt } from '../runtime.js';
import { runPythonModuleSource } from '../interpreter/python-module.js';
import { WEAKREF_PY } from './weakref-py.js';
import { None } from '../objects/singletons.js';

export function createWeakrefModule(): PyModule {
  const m = newModule('weakref');
  const def = (name: string, impl: BuiltinImpl) => moduleSet(m, name, newBuiltinFunction(name, impl, m));
  moduleSet(m, 'ref', newref(weakrefType));
  moduleSet(m, 'ReferenceType', newref(weakrefType));
  moduleSet(m, 'ProxyType', newref(proxyType));
  moduleSet(m, 'CallableProxyType', newref(callableProxyType));
  moduleSet(m, 'ProxyTypes', newTupleFrom([proxyType, callableProxyType]));
  def('proxy', (_s, args, kw) => {
    noKeywords('proxy', kw);
    if (args.length < 1 || args.length > 2) {
      throw pyError(E.TypeError!, `proxy expected ${args.length < 1 ? 'at least 1 argument' : 'at most 2 arguments'}, got ${args.length}`);
    }
    const cb = args[1];
    return newProxy(args[0]!, cb === undefined || cb === None ? null : cb);
  });
  def('getweakrefcount', (_s, args, kw) => newInt(weakrefCount(exactlyOne('getweakrefcount', args, kw))));
  def('getweakrefs', (_s, args, kw) => {
    const o = exactlyOne('getweakrefs', args, kw);
    return newList((o.weakrefs ?? []).map((w: PyObject) => newref(w)));
  });
  // _weakref._remove_dead_weakref(dict, key): delete dict[key] if it is a dead weakref.
  def('_remove_dead_weakref', (_s, args, kw) => {
    noKeywords('_remove_dead_weakref', kw);
    if (args.length !== 2) throw pyError(E.TypeError!, `_remove_dead_weakref expected 2 arguments, got ${args.length}`);
    const [d, key] = args as [PyObject, PyObject];
    if (!(d instanceof PyDict)) throw pyError(E.TypeError!, `_remove_dead_weakref() argument 1 must be dict, not ${d.type.name}`);
    const v = dictGet(d, key);
    if (v instanceof PyWeakref && v.referent === null) dictDel(d, key);
    return newNone();
  });
  runPythonModuleSource(m, 'import sys\n' + WEAKREF_PY, '<heapscope weakref>');
  return m;
}

/**
 * CPython has imported weakref before a script starts; the model builds it on the first
 * import, but as start-up objects (heap.asStartup): `import weakref` changes no count.
 */
provideModule('weakref', () => {
  let m = rt.state.get('weakref') as PyModule | undefined;
  if (m === undefined) {
    m = rt.heap.asStartup(createWeakrefModule);
    rt.state.set('weakref', m);
  }
  return newref(m);
});

export { decref };
