/**
 * memory_profiler and tracemalloc are importable; their behaviour is not modelled yet,
 * so every function raises a clear NotImplementedError rather than printing wrong figures.
 */
import { newModule, moduleSet } from '../objects/module.js';
import { provideModule } from './importer.js';
import { newBuiltinFunction } from '../objects/function.js';
import { pyError } from '../errors.js';
import { E } from '../objects/exceptions.js';

function placeholder(moduleName: string, names: string[]): void {
  provideModule(moduleName, () => {
    const m = newModule(moduleName);
    for (const name of names) {
      moduleSet(m, name, newBuiltinFunction(name, () => {
        throw pyError(E.NotImplementedError!, `heapscope does not support ${moduleName}.${name} yet`);
      }, m));
    }
    return m;
  });
}

placeholder('tracemalloc', ['start', 'stop', 'is_tracing', 'get_traced_memory', 'reset_peak', 'take_snapshot', 'get_tracemalloc_memory', 'clear_traces']);
