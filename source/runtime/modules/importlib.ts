/**
 * `importlib` inside the sandbox: import_module() goes through heapscope's importer (so
 * it reaches only what `import` reaches); the loaders of importlib.util and friends,
 * which read files, are refused (sandbox.ts).
 */
import { newModule, moduleSet, type PyModule } from '../objects/module.js';
import { provideModule, importModule } from './importer.js';
import { newBuiltinFunction } from '../objects/function.js';
import { newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { newNone, None } from '../objects/singletons.js';
import { PyStr } from '../objects/str.js';
import { bindArgs, exactlyOne } from '../builtins/args.js';
import { typeName } from '../protocols/abstract.js';
import { rt } from '../runtime.js';

provideModule('importlib', () => {
  const m = newModule('importlib');
  moduleSet(
    m,
    'import_module',
    newBuiltinFunction('import_module', (_s, args, kw) => {
      const [name, pkg] = bindArgs('import_module', args, kw, ['name', 'package'], 1, 2);
      if (!(name instanceof PyStr)) throw pyError(E.TypeError!, `the 'name' argument must be str, not ${typeName(name!)}`);
      if (name.v.startsWith('.') && (pkg === undefined || pkg === None)) {
        throw pyError(E.TypeError!, `the 'package' argument is required to perform a relative import for '${name.v}'`);
      }
      return importModule(name.v, rt.frame, true);
    }, m),
  );
  moduleSet(m, 'invalidate_caches', newBuiltinFunction('invalidate_caches', () => newNone(), m));
  // Modules are built once per run: reloading one gives the module itself back.
  moduleSet(m, 'reload', newBuiltinFunction('reload', (_s, args, kw) => newref(exactlyOne('reload', args, kw) as PyModule), m));
  return m;
});
