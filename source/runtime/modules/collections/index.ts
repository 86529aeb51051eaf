/**
 * The collections module: deque, defaultdict, OrderedDict (and namedtuple's field
 * descriptor) implemented natively, as _collections is in C; Counter, namedtuple,
 * ChainMap, UserDict and UserList compiled from Python source.
 */
import { newModule, moduleSet, type PyModule } from '../../objects/module.js';
import { provideModule } from '../importer.js';
import { newref } from '../../heap/refcount.js';
import { rt } from '../../runtime.js';
import { runPythonModuleSource } from '../../interpreter/python-module.js';
import { createDequeTypes } from './deque.js';
import { createDefaultDictType, createOrderedDictTypes, createTupleGetterType } from './dict-kinds.js';
import { COLLECTIONS_PY } from './collections-py.js';
import { COLLECTIONS_ABC_PY } from './abc-py.js';

function createCollectionsModule(): PyModule {
  const m = newModule('collections');
  const { deque } = createDequeTypes();
  moduleSet(m, 'deque', deque);
  moduleSet(m, 'defaultdict', createDefaultDictType());
  moduleSet(m, 'OrderedDict', createOrderedDictTypes());
  moduleSet(m, '_tuplegetter', createTupleGetterType());
  runPythonModuleSource(m, COLLECTIONS_PY, '<heapscope collections>');
  return m;
}

function collections(): PyModule {
  let m = rt.state.get('collections') as PyModule | undefined;
  if (!m) {
    m = createCollectionsModule();
    rt.state.set('collections', m);
  }
  return m;
}

provideModule('collections', () => newref(collections()));

// collections.abc, also reachable as the parent's `abc` attribute once imported.
provideModule('collections.abc', () => {
  const parent = collections();
  const m = newModule('collections.abc');
  runPythonModuleSource(m, COLLECTIONS_ABC_PY, '<heapscope collections.abc>');
  moduleSet(parent, 'abc', newref(m));
  return m;
});
