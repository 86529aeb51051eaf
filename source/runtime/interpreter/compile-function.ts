/**
 * Code objects and the statements that create callables: `def`, `lambda`, comprehensions
 * (hidden functions in 3.11) and `class` bodies.
 */
import type { Arguments, Expr, ExprOf, Position, Stmt, StmtOf } from '../../python/ast.js';
import type { PyObject } from '../objects/object.js';
import { annotationText } from './annotations.js';
import { ModuleCompiler, CodeContext } from './context.js';
import type { CodeBody, ExprFn, StmtFn } from './code.js';
import { Completion } from './code.js';
import type { Scope } from './scope.js';
import { rt } from '../runtime.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { PyCode, PyFunction, codeType, functionType, functionSetField, newCell, CO_GENERATOR } from '../objects/function.js';
import { internStr, newStr, PyStr } from '../objects/str.js';
import { newTuple } from '../objects/tuple.js';
import { newDict, dictSetSteal, type PyDict } from '../objects/dict.js';
import { None, newNone } from '../objects/singletons.js';
import { call, getIter } from '../protocols/abstract.js';
import { makeSlot, SlotKind } from '../../events/kinds.js';
import { compileExpr, compileIterable, compileNameLoad, compileNameStore } from './compile-expr.js';
import { compileBlock, compileBlockGen } from './compile-stmt.js';
import { compileComprehensionBody } from './compile-comprehension.js';
import { estimateStackSize } from './stack-depth.js';
import { buildClass } from './build-class.js';

/** Create the code object (and its compiled closures) for a scope. */
export function compileCodeObject(
  module: ModuleCompiler,
  scope: Scope,
  name: string,
  qualname: string,
  firstLineno: number,
  args: Arguments | null,
  compileBody: (cx: CodeContext) => void,
): { cx: CodeContext; code: PyCode } {
  const varnames = scope.kind === 'module' || scope.kind === 'class' ? [] : scope.varnames;
  const cellvars = [...scope.cells].filter((c) => scope.kind !== 'module').sort();
  const freevars = [...scope.frees].sort();
  const strings = rt.ev.strings;
  const body: CodeBody = {
    name,
    qualname,
    nameId: strings.intern(qualname),
    filename: module.filename,
    firstLineno,
    lastLineno: firstLineno,
    argcount: args ? args.posonlyargs.length + args.args.length : scope.params.length,
    posonlyargcount: args ? args.posonlyargs.length : 0,
    kwonlyargcount: args ? args.kwonlyargs.length : 0,
    hasVarargs: scope.hasVarargs,
    hasVarkw: scope.hasVarkw,
    varnames,
    localSlots: varnames.map((n) => makeSlot(SlotKind.Local, strings.intern(n))),
    cellvars,
    cellSlots: cellvars.map((n) => makeSlot(SlotKind.Local, strings.intern(n))),
    freevars,
    freeSlots: freevars.map((n) => makeSlot(SlotKind.Local, strings.intern(n))),
    cellFromArg: cellvars.map((c) => varnames.indexOf(c)),
    isGenerator: scope.isGenerator,
    usesNamespace: scope.kind === 'module' || scope.kind === 'class',
    stacksize: 1,
    run: null,
    gen: null,
  };
  const code = new PyCode(codeType, body);
  rt.heap.allocate(code, false);
  // co_name and co_qualname: one object when they are equal (a module-level def)
  code.nameObj = internStr(name);
  code.qualnameObj = qualname === name ? newref(code.nameObj) : newStr(qualname);
  rt.ev.refAdded(code.serial, code.nameObj.serial, makeSlot(SlotKind.Attribute, strings.intern('co_name')));
  rt.ev.refAdded(code.serial, code.qualnameObj.serial, makeSlot(SlotKind.Attribute, strings.intern('co_qualname')));
  const cx = new CodeContext(module, scope, body, code, qualname);
  try {
    compileBody(cx);
  } catch (e) {
    // A compile error (SyntaxError found late): the unfinished code object and the
    // constants it holds go, as CPython's compiler frees its unit.
    decref(code);
    throw e;
  }
  return { cx, code };
}

/** Qualified name of a function or class defined in scope `cx` (PEP 3155). */
function childQualname(cx: CodeContext | null, name: string): string {
  if (cx === null || cx.scope.kind === 'module') return name;
  if (cx.scope.kind === 'class') return `${cx.qualname}.${name}`;
  return `${cx.qualname}.<locals>.${name}`;
}

/** Body of a def or lambda: a block, or `return <expr>`. */
function functionBody(body: readonly Stmt[] | Expr, cx: CodeContext, scope: Scope, node: Position): void {
  if (Array.isArray(body)) {
    const stmts = body as readonly Stmt[];
    cx.body.stacksize = estimateStackSize(stmts, scope);
    if (cx.isGenerator) cx.body.gen = compileBlockGen(stmts, cx, true);
    else cx.body.run = compileBlock(stmts, cx, true);
    return;
  }
  const e = body as Expr;
  cx.body.stacksize = estimateStackSize([{ kind: 'Return', value: e, ...node } as Stmt], scope);
  const value = compileExpr(e, cx);
  if (cx.isGenerator) {
    const { compileExprGen } = requireGen();
    const g = compileExprGen(e, cx);
    cx.body.gen = function* (f) {
      f.retval = yield* g(f);
      return Completion.Return;
    };
    return;
  }
  cx.body.run = (f) => {
    f.lineno = e.line;
    f.retval = value(f);
    return Completion.Return;
  };
}

import * as genModule from './compile-gen.js';
function requireGen() {
  return genModule;
}

/** `def` and `lambda`: evaluate defaults, then build the function object (MAKE_FUNCTION). */
export function compileFunctionObject(node: StmtOf<'FunctionDef'> | ExprOf<'Lambda'>, cx: CodeContext): ExprFn {
  const scope = cx.module.symtable.scopes.get(node)!;
  const name = node.kind === 'FunctionDef' ? node.name : '<lambda>';
  const qualname = childQualname(cx, name);
  const firstLineno = node.kind === 'FunctionDef' && node.decoratorList.length ? node.decoratorList[0]!.line : node.line;
  const doc = node.kind === 'FunctionDef' ? docstringOf(node.body) : null;
  let docObj: PyObject | null = null;
  const { code } = compileCodeObject(cx.module, scope, name, qualname, firstLineno, node.args, (inner) => {
    // co_consts[0] is the docstring, or None (which also keeps a lambda from having one)
    if (doc !== null) {
      docObj = inner.useConstant(newStr(doc));
      decref(docObj);
    } else inner.useConstant(None);
    functionBody(node.kind === 'FunctionDef' ? node.body : node.body, inner, scope, node);
  });
  code.body.lastLineno = node.endLine;
  // The code object is a constant of the enclosing code object.
  cx.useConstant(code);
  decref(code);
  const defaults = node.args.defaults.map((d) => compileExpr(d, cx));
  const kwDefaults = node.args.kwonlyargs.map((a, i) => {
    const d = node.args.kwDefaults[i];
    return d ? { name: a.arg, fn: compileExpr(d, cx) } : null;
  }).filter((x): x is { name: string; fn: ExprFn } => x !== null);
  const annotations = node.kind === 'FunctionDef' ? compileAnnotations(node.args, node.returns, cx) : null;
  const freevars = code.body.freevars;
  const closureCells = freevars.map((n) => cx.cellIndex.get(n));
  const nameObj = code.nameObj!;
  const qualObj = code.qualnameObj!;
  return (f) => {
    const dflt = defaults.map((d) => d(f));
    const kwd = kwDefaults.map((k) => [k.name, k.fn(f)] as const);
    const ann = annotations ? annotations(f) : null;
    const fn = allocateFunction(code, f.globals, nameObj, qualObj);
    const moduleName = f.globals.index.get('__name__');
    if (moduleName !== undefined) functionSetField(fn, 'module', newref(f.globals.values[moduleName]!));
    if (docObj) functionSetField(fn, 'doc', newref(docObj));
    if (dflt.length) functionSetField(fn, 'defaults', newTuple(dflt));
    if (kwd.length) {
      const d = newDict();
      for (const [k, v] of kwd) dictSetSteal(d, internStr(k), v);
      functionSetField(fn, 'kwdefaults', d);
    }
    if (ann) functionSetField(fn, 'annotations', ann);
    if (freevars.length) {
      const cells = closureCells.map((j) => newref(f.cells[j!]!));
      functionSetField(fn, 'closure', newTuple(cells));
    }
    return fn;
  };
}

/** A new function object holding (new references to) its code, globals, name and qualname. */
function allocateFunction(code: PyCode, globals: PyDict, nameObj: PyObject, qualObj: PyObject): PyFunction {
  incref(code);
  incref(globals);
  incref(nameObj);
  incref(qualObj);
  const fn = new PyFunction(functionType, code, globals, nameObj, qualObj);
  rt.heap.allocate(fn, true);
  const ev = rt.ev;
  const attr = (n: string) => makeSlot(SlotKind.Attribute, ev.strings.intern(n));
  ev.refAdded(fn.serial, code.serial, attr('__code__'));
  ev.refAdded(fn.serial, globals.serial, attr('__globals__'));
  ev.refAdded(fn.serial, nameObj.serial, attr('__name__'));
  ev.refAdded(fn.serial, qualObj.serial, attr('__qualname__'));
  return fn;
}

function compileAnnotations(args: Arguments, returns: Expr | null, cx: CodeContext): ExprFn | null {
  const entries: [string, ExprFn][] = [];
  for (const a of [...args.posonlyargs, ...args.args, ...(args.vararg ? [args.vararg] : []), ...args.kwonlyargs, ...(args.kwarg ? [args.kwarg] : [])]) {
    if (a.annotation) entries.push([a.arg, compileAnnotation(a.annotation, cx)]);
  }
  if (returns) entries.push(['return', compileAnnotation(returns, cx)]);
  if (!entries.length) return null;
  return (f) => {
    const d = newDict();
    for (const [k, fn] of entries) dictSetSteal(d, internStr(k), fn(f));
    return d;
  };
}

/** An annotation's value: evaluated, or its text under `from __future__ import annotations`. */
export function compileAnnotation(e: Expr, cx: CodeContext): ExprFn {
  if (!cx.module.futureAnnotations) return compileExpr(e, cx);
  const text: Expr = { kind: 'Constant', value: { type: 'str', value: annotationText(e, cx.module.lines) }, line: e.line, col: e.col, endLine: e.endLine, endCol: e.endCol };
  return compileExpr(text, cx);
}

export function docstringOf(body: readonly Stmt[]): string | null {
  const first = body[0];
  if (first?.kind === 'Expr' && first.value.kind === 'Constant' && first.value.value.type === 'str') return first.value.value.value;
  return null;
}

/** The `def` statement: build, decorate, bind. */
export function compileFunctionDef(st: StmtOf<'FunctionDef'>, cx: CodeContext): StmtFn {
  if (st.isAsync) return unsupportedStatement('async def', st);
  const decorators = st.decoratorList.map((d) => compileExpr(d, cx));
  const make = compileFunctionObject(st, cx);
  const store = compileNameStore(st.name, cx);
  return (f) => {
    const decs = decorators.map((d) => d(f));
    let fn = make(f);
    for (let i = decs.length - 1; i >= 0; i--) {
      f.instr = st.decoratorList[i]!;
      try {
        fn = call(decs[i]!, [fn]);
      } finally {
        decref(decs[i]!);
      }
    }
    store(f, fn);
    return Completion.Normal;
  };
}

export function unsupportedStatement(construct: string, pos: Position): StmtFn {
  return (f) => {
    f.instr = pos;
    throw notImplemented(construct, pos.line);
  };
}

import { pyError } from '../errors.js';
import { E } from '../objects/exceptions.js';
export function notImplemented(construct: string, line: number) {
  return pyError(E.NotImplementedError!, `heapscope does not support ${construct} yet (line ${line})`);
}

// ---------------------------------------------------------------- comprehensions

/**
 * A comprehension is a hidden function called with the first iterator as `.0`
 * (CPython 3.11: a function object is created and called each time it runs).
 */
export function compileComprehension(e: ExprOf<'ListComp' | 'SetComp' | 'DictComp' | 'GeneratorExp'>, cx: CodeContext): ExprFn {
  const scope = cx.module.symtable.scopes.get(e)!;
  const name = scope.name;
  const qualname = childQualname(cx, name);
  const { code } = compileCodeObject(cx.module, scope, name, qualname, e.line, null, (inner) => {
    compileComprehensionBody(e, inner);
    if (e.kind === 'GeneratorExp') inner.useConstant(None); // the implicit `return None`
  });
  code.body.lastLineno = e.endLine;
  cx.useConstant(code);
  decref(code);
  const outerIter = compileIterable(e.generators[0]!.iter, cx);
  const freevars = code.body.freevars;
  const closureCells = freevars.map((n) => cx.cellIndex.get(n));
  const nameObj = code.nameObj!;
  const qualObj = code.qualnameObj!;
  return (f) => {
    const iterable = outerIter(f);
    let it: PyObject;
    f.instr = e.generators[0]!.iter;
    try {
      it = getIter(iterable);
    } finally {
      decref(iterable);
    }
    const fn = allocateFunction(code, f.globals, nameObj, qualObj);
    if (freevars.length) {
      const cells = closureCells.map((j) => newref(f.cells[j!]!));
      functionSetField(fn, 'closure', newTuple(cells));
    }
    f.instr = e;
    try {
      return call(fn, [it]);
    } finally {
      decref(fn);
    }
  };
}

// ---------------------------------------------------------------- classes

export function compileClassDef(st: StmtOf<'ClassDef'>, cx: CodeContext): StmtFn {
  const scope = cx.module.symtable.scopes.get(st)!;
  const qualname = childQualname(cx, st.name);
  const firstLineno = st.decoratorList.length ? st.decoratorList[0]!.line : st.line;
  const { code } = compileCodeObject(cx.module, scope, st.name, qualname, firstLineno, null, (inner) => {
    // LOAD_NAME __name__; STORE_NAME __module__; LOAD_CONST '<qualname>'; STORE_NAME __qualname__
    const qualValue = inner.useConstant(newStr(qualname));
    decref(qualValue);
    inner.useName('__name__');
    const moduleKey = inner.useName('__module__');
    const qualKey = inner.useName('__qualname__');
    const block = compileBlock(st.body, inner, false);
    const classCell = inner.cellIndex.get('__class__');
    inner.body.run = (f) => {
      // The compiler's prologue: __module__ = __name__; __qualname__ = '<qualname>'
      const modName = f.globals.index.get('__name__');
      if (modName !== undefined) {
        incref(moduleKey);
        dictSetSteal(f.ns!, moduleKey, newref(f.globals.values[modName]!));
      }
      incref(qualKey);
      dictSetSteal(f.ns!, qualKey, newref(qualValue));
      const c = block(f);
      if (classCell !== undefined && inner.body.cellvars.includes('__class__')) {
        incref(f.cells[classCell]!);
        f.retval = f.cells[classCell]!;
      }
      return c;
    };
  });
  code.body.lastLineno = st.endLine;
  cx.useConstant(code);
  decref(code);
  const bases = st.bases.map((b) => (b.kind === 'Starred' ? { star: true, fn: compileExpr(b.value, cx) } : { star: false, fn: compileExpr(b, cx) }));
  const keywords = st.keywords.map((k) => ({ name: k.arg, fn: compileExpr(k.value, cx) }));
  const decorators = st.decoratorList.map((d) => compileExpr(d, cx));
  const store = compileNameStore(st.name, cx);
  const freevars = code.body.freevars;
  const closureCells = freevars.map((n) => cx.cellIndex.get(n));
  return (f) => {
    const decs = decorators.map((d) => d(f));
    f.instr = st;
    let cls = buildClass(f, code, st.name, qualname, bases, keywords, closureCells);
    for (let i = decs.length - 1; i >= 0; i--) {
      try {
        cls = call(decs[i]!, [cls]);
      } finally {
        decref(decs[i]!);
      }
    }
    store(f, cls);
    return Completion.Normal;
  };
}

export { newCell, None, newNone, PyStr, compileNameLoad, CO_GENERATOR };
