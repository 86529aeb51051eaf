/**
 * random and _random: the Mersenne Twister core natively (mersenne.ts), the Random
 * class and the module-level functions compiled from Python (random-py.ts).
 */
import { newModule, moduleSet, type PyModule } from '../../objects/module.js';
import { provideModule } from '../importer.js';
import { newref } from '../../heap/refcount.js';
import { rt } from '../../runtime.js';
import { pyError } from '../../errors.js';
import { E } from '../../objects/exceptions.js';
import { newBuiltinFunction } from '../../objects/function.js';
import { PyBytes, newBytes } from '../../objects/bytes.js';
import { exactlyOne } from '../../builtins/args.js';
import { typeName } from '../../protocols/abstract.js';
import { runPythonModuleSource } from '../../interpreter/python-module.js';
import { createRandomCoreType } from './mersenne.js';
import { RANDOM_PY } from './random-py.js';

function cached(name: string, make: () => PyModule): () => PyModule {
  return () => {
    let m = rt.state.get(name) as PyModule | undefined;
    if (!m) {
      m = make();
      rt.state.set(name, m);
    }
    return newref(m);
  };
}

provideModule(
  '_random',
  cached('_random', () => {
    const m = newModule('_random');
    moduleSet(m, 'Random', createRandomCoreType());
    // The SHA-512 digest random.seed() mixes into str/bytes seeds (hashlib's, in CPython).
    moduleSet(m, '_sha512', newBuiltinFunction('_sha512', (_s, args, kw) => {
      const data = exactlyOne('_sha512', args, kw);
      if (!(data instanceof PyBytes)) throw pyError(E.TypeError!, `a bytes-like object is required, not '${typeName(data)}'`);
      // node:crypto only when needed: loading it costs every start-up ~5 ms.
      const { createHash } = process.getBuiltinModule('node:crypto');
      return newBytes(new Uint8Array(createHash('sha512').update(data.v).digest()));
    }, m));
    return m;
  }),
);

provideModule(
  'random',
  cached('random', () => {
    const m = newModule('random');
    runPythonModuleSource(m, RANDOM_PY, '<heapscope random>');
    return m;
  }),
);
