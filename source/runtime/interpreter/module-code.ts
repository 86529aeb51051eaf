/**
 * Compiling a whole module: the symbol table, then the module's code object whose body
 * stores the docstring in __doc__ and runs the statements.
 */
import type { Module } from '../../python/ast.js';
import type { PyCode } from '../objects/function.js';
import { SymbolTable } from './scope.js';
import { hasFutureAnnotations } from './annotations.js';
import { manglePrivateNames } from './mangle.js';
import { ModuleCompiler } from './context.js';
import { compileCodeObject, docstringOf } from './compile-function.js';
import { compileBlock } from './compile-stmt.js';
import { compileExpr } from './compile-expr.js';
import { Completion } from './code.js';
import { newStr } from '../objects/str.js';
import { dictSetSteal } from '../objects/dict.js';
import { decref, incref } from '../heap/refcount.js';

/** Compile an expression for eval(): the code object returns its value. */
export function compileEvalCode(parsed: Module, filename: string): { code: PyCode; compiler: ModuleCompiler } {
  const ast = manglePrivateNames(parsed);
  const symtable = new SymbolTable(ast, filename);
  const compiler = new ModuleCompiler(symtable, filename, ast.source);
  const stmt = ast.body[0];
  const { code } = compileCodeObject(compiler, symtable.module, '<module>', '<module>', 1, null, (cx) => {
    if (stmt?.kind !== 'Expr' || ast.body.length !== 1) throw new Error('eval needs one expression');
    const value = compileExpr(stmt.value, cx);
    cx.body.run = (f) => {
      f.retval = value(f);
      return Completion.Return;
    };
  });
  return { code, compiler };
}

export function compileModuleCode(parsed: Module, filename: string): { code: PyCode; compiler: ModuleCompiler } {
  const ast = manglePrivateNames(parsed);
  const symtable = new SymbolTable(ast, filename);
  const compiler = new ModuleCompiler(symtable, filename, ast.source);
  compiler.futureAnnotations = hasFutureAnnotations(ast.body);
  try {
    return compileModule(ast, compiler, symtable);
  } catch (e) {
    // The parser's arena goes with a failed compilation.
    for (const o of compiler.arena) decref(o);
    compiler.arena.length = 0;
    throw e;
  }
}

function compileModule(ast: Module, compiler: ModuleCompiler, symtable: SymbolTable): { code: PyCode; compiler: ModuleCompiler } {
  const { code } = compileCodeObject(compiler, symtable.module, '<module>', '<module>', 1, null, (cx) => {
    const doc = docstringOf(ast.body);
    const block = compileBlock(ast.body, cx, true);
    if (doc === null) {
      cx.body.run = block;
      return;
    }
    const docObj = cx.useConstant(newStr(doc));
    decref(docObj);
    const key = cx.useName('__doc__');
    cx.body.run = (f) => {
      incref(key);
      incref(docObj);
      dictSetSteal(f.ns ?? f.globals, key, docObj);
      return block(f) === Completion.Return ? Completion.Return : Completion.Normal;
    };
  });
  return { code, compiler };
}
