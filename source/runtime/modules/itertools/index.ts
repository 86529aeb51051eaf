/**
 * The itertools module: every iterator natively, as in CPython's itertoolsmodule.c,
 * with its type name, repr and sys.getsizeof.
 */
import { newModule, moduleSet, type PyModule } from '../../objects/module.js';
import { provideModule } from '../importer.js';
import { newref } from '../../heap/refcount.js';
import { rt } from '../../runtime.js';
import { newBuiltinFunction } from '../../objects/function.js';
import { createIteratorTypes, tee } from './iterators.js';
import { createCombinatoricTypes } from './combinatoric.js';

function createItertoolsModule(): PyModule {
  const m = newModule('itertools');
  const types = { ...createIteratorTypes(), ...createCombinatoricTypes() };
  for (const [name, t] of Object.entries(types)) {
    if (name === '_tee') continue;
    moduleSet(m, name, newref(t));
  }
  const teeType = types._tee!;
  moduleSet(m, '_tee', newref(teeType));
  moduleSet(m, 'tee', newBuiltinFunction('tee', (_s, args, kw) => tee(teeType, args, kw), m));
  return m;
}

provideModule('itertools', () => {
  let m = rt.state.get('itertools') as PyModule | undefined;
  if (!m) {
    m = createItertoolsModule();
    rt.state.set('itertools', m);
  }
  return newref(m);
});
