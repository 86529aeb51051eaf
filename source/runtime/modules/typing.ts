/**
 * The typing module, compiled from Python source (typing-py.ts) on first import.
 */
import { newModule, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { newref } from '../heap/refcount.js';
import { rt } from '../runtime.js';
import { runPythonModuleSource } from '../interpreter/python-module.js';
import { TYPING_PY } from './typing-py.js';

provideModule('typing', () => {
  let m = rt.state.get('typing') as PyModule | undefined;
  if (!m) {
    m = newModule('typing');
    runPythonModuleSource(m, TYPING_PY, '<heapscope typing>');
    rt.state.set('typing', m);
  }
  return newref(m);
});
