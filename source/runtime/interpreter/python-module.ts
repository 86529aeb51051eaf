/**
 * Running Python source that heapscope itself provides (parts of modules written in
 * Python) in a module's namespace.
 */
import type { PyModule } from '../objects/module.js';
import { parseModule } from '../../python/parse.js';
import { compileModuleCode } from './module-code.js';
import { Frame } from './frame.js';
import { runBody } from './call.js';
import { builtinsDict } from '../builtins/registry.js';
import { decref } from '../heap/refcount.js';

/** Parsed sources, shared by every runtime of the process (the AST is never modified). */
const parsed = new Map<string, ReturnType<typeof parseModule>>();

export function runPythonModuleSource(m: PyModule, source: string, filename: string): void {
  let ast = parsed.get(source);
  if (ast === undefined) {
    ast = parseModule(source, filename);
    parsed.set(source, ast);
  }
  const { code, compiler } = compileModuleCode(ast, filename);
  const f = new Frame(code.body, code, m.dict, builtinsDict(), null);
  f.ns = m.dict;
  try {
    runBody(f);
  } finally {
    for (const o of compiler.arena) decref(o);
    decref(code);
  }
}
