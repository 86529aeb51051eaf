/**
 * `import`: heapscope provides a fixed set of modules, built on first import and cached
 * in sys.modules. Anything else raises ModuleNotFoundError with a note naming what is
 * available (scenario code never reaches the host's files).
 */
import type { PyObject } from '../objects/object.js';
import type { Frame } from '../interpreter/frame.js';
import { PyModule } from '../objects/module.js';
import { decref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E, newException } from '../objects/exceptions.js';
import { exceptionAddNote } from '../objects/exception-methods.js';
import { HOST_MODULES, HOST_SUBMODULES, STDLIB_MODULES, sandboxError } from './sandbox.js';
import { dictGetStr, dictSetSteal, dictItems, type PyDict } from '../objects/dict.js';
import { internStr, newStr, PyStr } from '../objects/str.js';
import { getAttrOrNull } from '../protocols/abstract.js';
import { rt } from '../runtime.js';

export type ModuleFactory = () => PyModule;

const factories = new Map<string, ModuleFactory>();

/** Register a module heapscope provides (called once at load time by each module file). */
export function provideModule(name: string, factory: ModuleFactory): void {
  factories.set(name, factory);
}

export function providedModules(): string[] {
  return [...factories.keys()].sort();
}

/** sys.modules (borrowed). */
export function sysModules(): PyDict {
  return rt.state.get('sys.modules') as PyDict;
}

function loadModule(name: string): PyModule {
  const modules = sysModules();
  const cached = dictGetStr(modules, name);
  if (cached !== null) return newref(cached as PyModule);
  const factory = factories.get(name);
  if (!factory) throw moduleNotAvailable(name);
  const m = factory();
  dictSetSteal(modules, internStr(name), newref(m));
  return m;
}

/**
 * Why `name` cannot be imported: a module reaching the host (PermissionError), a standard
 * module heapscope does not model (ModuleNotFoundError naming it, with the list of what
 * is provided), or no such module (CPython's ModuleNotFoundError).
 */
function moduleNotAvailable(name: string): PyRaise {
  const top = name.split('.')[0]!;
  if (HOST_MODULES.has(top) || HOST_SUBMODULES.has(name)) return sandboxError(`the ${name} module`);
  if (!STDLIB_MODULES.has(top)) {
    const e = newException(E.ModuleNotFoundError!, [newStr(`No module named '${name}'`)]);
    return new PyRaise(e);
  }
  const e = newException(E.ModuleNotFoundError!, [newStr(`heapscope does not model the standard library module '${name}' yet`)]);
  const note = newStr(`heapscope provides these modules: ${providedModules().join(', ')}`);
  exceptionAddNote(e, note);
  decref(note);
  return new PyRaise(e);
}

/** `import a.b.c`: returns the top package (or the module itself when `asModule`). */
export function importModule(name: string, _f: Frame | null, asModule: boolean): PyObject {
  if (name.startsWith('.')) throw pyError(E.ImportError!, 'attempted relative import with no known parent package');
  const parts = name.split('.');
  let top: PyModule | null = null;
  let current: PyModule | null = null;
  for (let i = 0; i < parts.length; i++) {
    const m = loadModule(parts.slice(0, i + 1).join('.'));
    if (i === 0) top = m;
    else if (current !== top && current) decref(current);
    current = m;
  }
  if (asModule && parts.length > 1) {
    decref(top!);
    return current!;
  }
  if (current !== top) decref(current!);
  return top!;
}

/** `from m import name` (new reference). */
export function importFrom(m: PyObject, name: string, moduleName: string): PyObject {
  const v = getAttrOrNull(m, name);
  if (v !== null) return v;
  const sub = factories.has(`${moduleName}.${name}`) ? loadModule(`${moduleName}.${name}`) : null;
  if (sub) return sub;
  throw pyError(E.ImportError!, `cannot import name '${name}' from '${moduleName}' (unknown location)`);
}

/** `from m import *`: public names (or __all__) into the current namespace. */
export function importStar(moduleName: string, f: Frame): void {
  const m = importModule(moduleName, f, true) as PyModule;
  try {
    const target = f.ns ?? f.globals;
    for (const [k, v] of dictItems(m.dict)) {
      if (!(k instanceof PyStr) || k.v.startsWith('_')) continue;
      dictSetSteal(target, newref(k), newref(v));
    }
  } finally {
    decref(m);
  }
}
