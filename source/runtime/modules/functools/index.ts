/**
 * The functools module: reduce, partial and the lru_cache wrapper natively (as
 * _functools is in C), the rest compiled from Python source.
 */
import { PyObject } from '../../objects/object.js';
import { newModule, moduleSet, type PyModule } from '../../objects/module.js';
import { provideModule } from '../importer.js';
import { decref, newref } from '../../heap/refcount.js';
import { rt } from '../../runtime.js';
import { pyError } from '../../errors.js';
import { E } from '../../objects/exceptions.js';
import { objectType } from '../../objects/typeobject.js';
import { newBuiltinFunction } from '../../objects/function.js';
import { positional } from '../../builtins/args.js';
import { call, getIter, iterNext } from '../../protocols/abstract.js';
import { runPythonModuleSource } from '../../interpreter/python-module.js';
import { createPartialType } from './partial.js';
import { createLruCacheTypes } from './lru-cache.js';
import { FUNCTOOLS_PY } from './functools-py.js';

/** reduce(function, iterable[, initial]) */
function reduce(_self: PyObject | null, args: PyObject[], kw: readonly string[] | null): PyObject {
  const [fn, iterable, initial] = positional('reduce', args, kw, 2, 3);
  const it = getIter(iterable!);
  let acc: PyObject | null = initial ? newref(initial) : null;
  try {
    for (let x = iterNext(it); x !== null; x = iterNext(it)) {
      if (acc === null) acc = x;
      else {
        const prev: PyObject = acc;
        acc = null;
        acc = call(fn!, [prev, x]);
      }
    }
  } catch (e) {
    if (acc) decref(acc);
    throw e;
  } finally {
    decref(it);
  }
  if (acc === null) throw pyError(E.TypeError!, 'reduce() of empty iterable with no initial value');
  return acc;
}

function createFunctoolsModule(): PyModule {
  const m = newModule('functools');
  const mark = objectType.newInstance!(objectType, [], null);
  rt.state.set('functools.kwd_mark', mark);
  moduleSet(m, 'reduce', newBuiltinFunction('reduce', reduce, m));
  moduleSet(m, 'partial', createPartialType());
  moduleSet(m, '_lru_cache_wrapper', createLruCacheTypes());
  runPythonModuleSource(m, FUNCTOOLS_PY, '<heapscope functools>');
  return m;
}

provideModule('functools', () => {
  let m = rt.state.get('functools') as PyModule | undefined;
  if (!m) {
    m = createFunctoolsModule();
    rt.state.set('functools', m);
  }
  return newref(m);
});
