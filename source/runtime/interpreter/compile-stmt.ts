/**
 * Statements → closures returning a Completion (normal, break, continue, return).
 * Every statement starts by reporting its line (the event log's LineStarted, the
 * session's pause point and memory_profiler's line hook).
 */
import type { Expr, Position, Stmt, StmtOf } from '../../python/ast.js';
import { assertNever } from '../../python/ast.js';
import type { PyObject } from '../objects/object.js';
import type { CodeContext } from './context.js';
import type { Frame } from './frame.js';
import { Completion, type StmtFn, type ExprFn, type GenStmtFn } from './code.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E, PyBaseException } from '../objects/exceptions.js';
import { None, newNone } from '../objects/singletons.js';
import { internStr, newStr } from '../objects/str.js';
import { dictDelStr, dictGetStr, dictSetSteal, newDict } from '../objects/dict.js';
import { cellSet, type PyCell } from '../objects/function.js';
import { PyType } from '../objects/object.js';
import { PyTuple } from '../objects/tuple.js';
import {
  call, delItem, getAttr, getItem, getIter, inplaceOp, isTrue, iterNext, setAttr, setItem, typeName,
} from '../protocols/abstract.js';
import { lookup } from '../objects/typeobject.js';
import { compileExpr, compileIterable, compileNameLoad, compileNameStore, compileTest, binarySlotOf } from './compile-expr.js';
import { compileClassDef, compileFunctionDef, unsupportedStatement, docstringOf, compileAnnotation } from './compile-function.js';
import { nameError, unboundFree, unboundLocal, unpack, makeRaise, setContext } from './ops.js';
import { tracebackHere } from './traceback.js';
import { importFrom, importModule, importStar } from '../modules/importer.js';
import { lineStarted } from './line-hook.js';
import { compileMatch } from './compile-match.js';
import { compileExceptStar } from './compile-try-star.js';
import { isConstantTree, noteAssignedValue } from './constants.js';
import { UnsupportedSyntax } from '../../python/syntax-error.js';

/** A block of statements; `skipDocstring` for function, class and module bodies. */
export function compileBlock(stmts: readonly Stmt[], cx: CodeContext, skipDocstring: boolean): StmtFn {
  const list = (skipDocstring && docstringOf(stmts) !== null ? stmts.slice(1) : stmts).map((s) => compileStmt(s, cx));
  const n = list.length;
  if (n === 0) return () => Completion.Normal;
  if (n === 1) return list[0]!;
  return (f) => {
    for (let i = 0; i < n; i++) {
      const c = list[i]!(f);
      if (c !== Completion.Normal) return c;
    }
    return Completion.Normal;
  };
}

/** Generator bodies: compiled by compile-gen.ts (statements that may yield are JS generators). */
export function compileBlockGen(stmts: readonly Stmt[], cx: CodeContext, skipDocstring: boolean): GenStmtFn {
  return genBlock(skipDocstring && docstringOf(stmts) !== null ? stmts.slice(1) : stmts, cx);
}
import { genBlock } from './compile-gen.js';
import { hostError } from '../limits.js';

/** Report the line, then run the statement. */
export function withLine(pos: Position, fn: StmtFn): StmtFn {
  const line = pos.line;
  return (f) => {
    f.lineno = line;
    f.instr = null;
    lineStarted(f);
    return fn(f);
  };
}

export function compileStmt(st: Stmt, cx: CodeContext): StmtFn {
  let fn: StmtFn;
  try {
    fn = compileStmtBody(st, cx);
  } catch (e) {
    if (e instanceof UnsupportedSyntax) fn = unsupportedStatement(e.construct, st);
    else throw e;
  }
  return withLine(st, fn);
}

function compileStmtBody(st: Stmt, cx: CodeContext): StmtFn {
  switch (st.kind) {
    case 'Expr': {
      const e = compileExpr(st.value, cx);
      return (f) => {
        decref(e(f));
        return Completion.Normal;
      };
    }
    case 'Assign':
      return compileAssign(st, cx);
    case 'AugAssign':
      return compileAugAssign(st, cx);
    case 'AnnAssign':
      return compileAnnAssign(st, cx);
    case 'Delete': {
      const dels = st.targets.map((t) => compileDelete(t, cx));
      return (f) => {
        for (const d of dels) d(f);
        return Completion.Normal;
      };
    }
    case 'Pass':
    case 'Global':
    case 'Nonlocal':
      return () => Completion.Normal;
    case 'Break':
      checkLeavesExceptStar(st, cx, false);
      if (!cx.loopDepth) throw syntaxError("'break' outside loop", st, cx);
      return () => Completion.Break;
    case 'Continue':
      checkLeavesExceptStar(st, cx, false);
      if (!cx.loopDepth) throw syntaxError("'continue' not properly in loop", st, cx);
      return () => Completion.Continue;
    case 'Return': {
      const value = st.value ? compileExpr(st.value, cx) : null;
      // compiler_return: a constant value keeps its own location, anything else the statement's
      const constant = st.value !== null && st.value.line === st.line && isConstantTree(st.value);
      checkLeavesExceptStar(constant ? st.value! : st, cx, true);
      return (f) => {
        f.retval = value ? value(f) : newNone();
        return Completion.Return;
      };
    }
    case 'If': {
      const test = compileTest(st.test, cx);
      const body = compileBlock(st.body, cx, false);
      const orelse = st.orelse.length ? compileBlock(st.orelse, cx, false) : null;
      return (f) => {
        if (test(f)) return body(f);
        return orelse ? orelse(f) : Completion.Normal;
      };
    }
    case 'While':
      return compileWhile(st, cx);
    case 'For':
      return compileFor(st, cx);
    case 'Try':
      return compileTry(st, cx);
    case 'With':
      return compileWith(st, cx);
    case 'Raise':
      return compileRaise(st, cx);
    case 'Assert': {
      const test = compileTest(st.test, cx);
      const msg = st.msg ? compileExpr(st.msg, cx) : null;
      return (f) => {
        if (test(f)) return Completion.Normal;
        const args = msg ? [msg(f)] : [];
        f.instr = st.test;
        const exc = call(E.AssertionError!, args);
        throw new PyRaise(exc);
      };
    }
    case 'Import':
      return compileImport(st, cx);
    case 'ImportFrom':
      return compileImportFrom(st, cx);
    case 'FunctionDef':
      return compileFunctionDef(st, cx);
    case 'ClassDef':
      return compileClassDef(st, cx);
    case 'Match':
      return compileMatch(st, cx, (body) => compileBlock(body, cx, false));
    default:
      return assertNever(st, 'statement');
  }
}

/**
 * compiler_unwind_fblock_stack meets an except* body before the loop (or, for return,
 * anywhere in the function): a SyntaxError at the statement, or at return's value.
 */
export function checkLeavesExceptStar(at: Position, cx: CodeContext, isReturn: boolean): void {
  const depth = cx.exceptStarLoopDepth;
  if (depth >= 0 && (isReturn || depth === cx.loopDepth)) {
    throw syntaxError("'break', 'continue' and 'return' cannot appear in an except* block", at, cx);
  }
}

function syntaxError(message: string, pos: Position, cx: CodeContext): Error {
  const endCol = pos.endLine === pos.line ? pos.endCol + 1 : 0;
  return new (requireSyntaxError())(message, cx.module.filename, pos.line, pos.col + 1, cx.line(pos), 'SyntaxError', endCol);
}
import { PythonSyntaxError } from '../../python/syntax-error.js';
function requireSyntaxError() {
  return PythonSyntaxError;
}

// ---------------------------------------------------------------- assignment

export type Store = (f: Frame, v: PyObject) => void;

/** A store into an assignment target; the value reference is stolen. */
export function compileStore(t: Expr, cx: CodeContext): Store {
  switch (t.kind) {
    case 'Name':
      return compileNameStore(t.id, cx);
    case 'Attribute': {
      const obj = compileExpr(t.value, cx);
      const name = t.attr;
      cx.useName(name);
      return (f, v) => {
        let o: PyObject;
        try {
          o = obj(f);
        } catch (e) {
          decref(v);
          throw e;
        }
        f.instr = t;
        try {
          setAttr(o, name, v);
        } finally {
          decref(v);
          decref(o);
        }
      };
    }
    case 'Subscript': {
      const obj = compileExpr(t.value, cx);
      const key = compileExpr(t.slice, cx);
      return (f, v) => {
        let o: PyObject;
        let k: PyObject;
        try {
          o = obj(f);
        } catch (e) {
          decref(v);
          throw e;
        }
        try {
          k = key(f);
        } catch (e) {
          decref(v);
          decref(o);
          throw e;
        }
        f.instr = t;
        try {
          setItem(o, k, v);
        } finally {
          decref(v);
          decref(k);
          decref(o);
        }
      };
    }
    case 'Tuple':
    case 'List': {
      const starIndex = t.elts.findIndex((x) => x.kind === 'Starred');
      const stores = t.elts.map((x) => compileStore(x.kind === 'Starred' ? x.value : x, cx));
      const n = t.elts.length;
      return (f, v) => {
        f.instr = t;
        let items: PyObject[];
        try {
          items = unpack(v, n, starIndex);
        } finally {
          decref(v);
        }
        for (let i = 0; i < items.length; i++) {
          try {
            stores[i]!(f, items[i]!);
          } catch (e) {
            for (let j = i + 1; j < items.length; j++) decref(items[j]!);
            throw e;
          }
        }
      };
    }
    case 'Starred':
      throw new UnsupportedSyntax('a starred assignment target here', t.line);
    default:
      throw new UnsupportedSyntax(`assignment to ${t.kind}`, t.line);
  }
}

function compileAssign(st: StmtOf<'Assign'>, cx: CodeContext): StmtFn {
  noteAssignedValue(st.value, cx);
  const value = compileExpr(st.value, cx);
  const stores = st.targets.map((t) => compileStore(t, cx));
  if (stores.length === 1) {
    const store = stores[0]!;
    return (f) => {
      store(f, value(f));
      return Completion.Normal;
    };
  }
  return (f) => {
    const v = value(f);
    for (let i = 0; i < stores.length; i++) {
      if (i < stores.length - 1) incref(v);
      stores[i]!(f, v);
    }
    return Completion.Normal;
  };
}

function compileAugAssign(st: StmtOf<'AugAssign'>, cx: CodeContext): StmtFn {
  const slot = binarySlotOf(st.op) as Exclude<ReturnType<typeof binarySlotOf>, 'divmod'>;
  const value = compileExpr(st.value, cx);
  const t = st.target;
  if (t.kind === 'Name') {
    const load = compileNameLoad(t.id, cx, t);
    const store = compileNameStore(t.id, cx);
    return (f) => {
      const cur = load(f);
      let v: PyObject;
      try {
        v = value(f);
      } catch (e) {
        decref(cur);
        throw e;
      }
      f.instr = st;
      let r: PyObject;
      try {
        r = inplaceOp(cur, v, slot);
      } finally {
        decref(cur);
        decref(v);
      }
      store(f, r);
      return Completion.Normal;
    };
  }
  if (t.kind === 'Attribute') {
    const obj = compileExpr(t.value, cx);
    const name = t.attr;
    cx.useName(name);
    return (f) => {
      const o = obj(f);
      try {
        f.instr = t;
        const cur = getAttr(o, name);
        let r: PyObject;
        try {
          const v = value(f);
          f.instr = st;
          try {
            r = inplaceOp(cur, v, slot);
          } finally {
            decref(v);
          }
        } finally {
          decref(cur);
        }
        f.instr = t;
        try {
          setAttr(o, name, r);
        } finally {
          decref(r);
        }
      } finally {
        decref(o);
      }
      return Completion.Normal;
    };
  }
  if (t.kind === 'Subscript') {
    const obj = compileExpr(t.value, cx);
    const key = compileExpr(t.slice, cx);
    return (f) => {
      const o = obj(f);
      let k: PyObject;
      try {
        k = key(f);
      } catch (e) {
        decref(o);
        throw e;
      }
      try {
        f.instr = t;
        const cur = getItem(o, k);
        let r: PyObject;
        try {
          const v = value(f);
          f.instr = st;
          try {
            r = inplaceOp(cur, v, slot);
          } finally {
            decref(v);
          }
        } finally {
          decref(cur);
        }
        f.instr = t;
        try {
          setItem(o, k, r);
        } finally {
          decref(r);
        }
      } finally {
        decref(k);
        decref(o);
      }
      return Completion.Normal;
    };
  }
  throw new UnsupportedSyntax('this augmented assignment target', st.line);
}

function compileAnnAssign(st: StmtOf<'AnnAssign'>, cx: CodeContext): StmtFn {
  const value = st.value ? compileExpr(st.value, cx) : null;
  const store = st.value ? compileStore(st.target, cx) : null;
  // Module and class level `name: T` records T in __annotations__.
  const recordAnnotation = st.simple && st.target.kind === 'Name' && (cx.scope.kind === 'module' || cx.scope.kind === 'class');
  const annotation = recordAnnotation ? compileAnnotation(st.annotation, cx) : null;
  const name = st.target.kind === 'Name' ? st.target.id : '';
  return (f) => {
    if (value && store) store(f, value(f));
    if (annotation) {
      const ns = f.ns ?? f.globals;
      let anns = dictGetStr(ns, '__annotations__');
      if (anns === null) {
        const d = newDict();
        dictSetSteal(ns, internStr('__annotations__'), d);
        anns = d;
      }
      const a = annotation(f);
      const key = internStr(name);
      setItem(anns, key, a);
      decref(key);
      decref(a);
    }
    return Completion.Normal;
  };
}


// ---------------------------------------------------------------- delete

function compileDelete(t: Expr, cx: CodeContext): (f: Frame) => void {
  switch (t.kind) {
    case 'Name': {
      const name = t.id;
      const kind = cx.scope.kindOf(name);
      if (kind === 'local') {
        const i = cx.varIndex.get(name)!;
        return (f) => {
          if (!f.deleteLocal(i)) {
            f.instr = t;
            throw unboundLocal(name);
          }
        };
      }
      if (kind === 'cell' || kind === 'free') {
        const j = cx.cellIndex.get(name)!;
        return (f) => {
          const c = f.cells[j] as PyCell;
          if (c.contents === null) {
            f.instr = t;
            throw kind === 'cell' ? unboundLocal(name) : unboundFree(name);
          }
          cellSet(c, null);
        };
      }
      const useNs = kind === 'name';
      cx.useName(name);
      return (f) => {
        const d = useNs && f.ns ? f.ns : f.globals;
        if (!dictDelStr(d, name)) {
          f.instr = t;
          throw nameError(name);
        }
      };
    }
    case 'Attribute': {
      const obj = compileExpr(t.value, cx);
      cx.useName(t.attr);
      return (f) => {
        const o = obj(f);
        f.instr = t;
        try {
          setAttr(o, t.attr, null);
        } finally {
          decref(o);
        }
      };
    }
    case 'Subscript': {
      const obj = compileExpr(t.value, cx);
      const key = compileExpr(t.slice, cx);
      return (f) => {
        const o = obj(f);
        let k: PyObject;
        try {
          k = key(f);
        } catch (e) {
          decref(o);
          throw e;
        }
        f.instr = t;
        try {
          delItem(o, k);
        } finally {
          decref(k);
          decref(o);
        }
      };
    }
    case 'Tuple':
    case 'List': {
      const parts = t.elts.map((x) => compileDelete(x, cx));
      return (f) => {
        for (const p of parts) p(f);
      };
    }
    default:
      throw new UnsupportedSyntax(`del of ${t.kind}`, t.line);
  }
}

// ---------------------------------------------------------------- loops

function compileWhile(st: StmtOf<'While'>, cx: CodeContext): StmtFn {
  const test = compileTest(st.test, cx);
  cx.loopDepth++;
  const body = compileBlock(st.body, cx, false);
  cx.loopDepth--;
  const orelse = st.orelse.length ? compileBlock(st.orelse, cx, false) : null;
  const line = st.line;
  return (f) => {
    let first = true;
    for (;;) {
      if (!first) {
        f.lineno = line;
        lineStarted(f);
      }
      first = false;
      if (!test(f)) break;
      const c = body(f);
      if (c === Completion.Break) return Completion.Normal;
      if (c === Completion.Return) return c;
    }
    return orelse ? orelse(f) : Completion.Normal;
  };
}

function compileFor(st: StmtOf<'For'>, cx: CodeContext): StmtFn {
  if (st.isAsync) return unsupportedStatement('async for', st);
  const iterable = compileIterable(st.iter, cx);
  const store = compileStore(st.target, cx);
  cx.loopDepth++;
  const body = compileBlock(st.body, cx, false);
  cx.loopDepth--;
  const orelse = st.orelse.length ? compileBlock(st.orelse, cx, false) : null;
  const line = st.line;
  const iterPos = st.iter;
  return (f) => {
    const src = iterable(f);
    f.instr = iterPos;
    let it: PyObject;
    try {
      it = getIter(src);
    } finally {
      decref(src);
    }
    const next = it.type.iternext!;
    let first = true;
    try {
      for (;;) {
        if (!first) {
          f.lineno = line;
          f.instr = iterPos;
          lineStarted(f);
        }
        first = false;
        const v = next(it);
        if (v === null) break;
        store(f, v);
        const c = body(f);
        if (c === Completion.Break) return Completion.Normal;
        if (c === Completion.Return) return c;
      }
    } finally {
      decref(it);
    }
    return orelse ? orelse(f) : Completion.Normal;
  };
}

// ---------------------------------------------------------------- exceptions

type Handler = { matches: ((f: Frame, exc: PyObject) => boolean) | null; name: string | null; body: StmtFn; store: Store | null; del: ((f: Frame) => void) | null };

function compileHandlers(st: StmtOf<'Try'>, cx: CodeContext): Handler[] {
  return st.handlers.map((h) => {
    const typeFn = h.type ? compileExpr(h.type, cx) : null;
    const matches = typeFn
      ? (f: Frame, exc: PyObject) => {
          const t = typeFn(f);
          f.instr = h.type!;
          try {
            return exceptionMatchesType(exc, t);
          } finally {
            decref(t);
          }
        }
      : null;
    cx.handlerDepth++;
    const body = compileBlock(h.body, cx, false);
    cx.handlerDepth--;
    const store = h.name ? compileNameStore(h.name, cx) : null;
    const del = h.name ? compileSilentDelete(h.name, cx) : null;
    return { matches, name: h.name, body, store, del };
  });
}

/** `except T:` matching: T is an exception class or a tuple of them. */
export function exceptionMatchesType(exc: PyObject, t: PyObject): boolean {
  if (t instanceof PyTuple) return t.items.some((x) => exceptionMatchesType(exc, x));
  if (t instanceof PyType && t.isSubtypeOf(E.BaseException!)) return exc.type.isSubtypeOf(t);
  throw pyError(E.TypeError!, 'catching classes that do not inherit from BaseException is not allowed');
}

/** `del name` at the end of `except ... as name` (no error if already unbound). */
export function compileSilentDelete(name: string, cx: CodeContext): (f: Frame) => void {
  const kind = cx.scope.kindOf(name);
  if (kind === 'local') {
    const i = cx.varIndex.get(name)!;
    return (f) => void f.deleteLocal(i);
  }
  if (kind === 'cell' || kind === 'free') {
    const j = cx.cellIndex.get(name)!;
    return (f) => cellSet(f.cells[j] as PyCell, null);
  }
  return (f) => void dictDelStr(kind === 'name' && f.ns ? f.ns : f.globals, name);
}

/** Run `body` with `exc` as the handled exception of the frame (sys.exc_info()). */
export function withHandled<T>(f: Frame, exc: PyObject, body: () => T): T {
  const previous = f.handled;
  incref(exc);
  f.handled = exc;
  try {
    return body();
  } finally {
    f.handled = previous;
    decref(exc);
  }
}

function compileTry(st: StmtOf<'Try'>, cx: CodeContext): StmtFn {
  const body = compileBlock(st.body, cx, false);
  const handlers = st.isStar ? [] : compileHandlers(st, cx);
  const exceptStar = st.isStar ? compileExceptStar(st, cx, (h) => compileBlock(h.body, cx, false), (name) => compileSilentDelete(name, cx)) : null;
  const orelse = st.orelse.length ? compileBlock(st.orelse, cx, false) : null;
  cx.handlerDepth++;
  const finalbody = st.finalbody.length ? compileBlock(st.finalbody, cx, false) : null;
  cx.handlerDepth--;

  const tryExcept = (f: Frame): Completion => {
    let raised: PyRaise;
    try {
      const c = body(f);
      if (c === Completion.Normal && orelse) return orelse(f);
      return c;
    } catch (e) {
      const err = hostError(e);
      if (!(err instanceof PyRaise) || !(handlers.length || exceptStar)) throw err;
      raised = err;
    }
    if (exceptStar) return exceptStar(f, raised);
    tracebackHere(raised, f);
    const exc = raised.exc;
    let handler: Handler | null = null;
    try {
      for (const h of handlers) {
        if (h.matches === null || h.matches(f, exc)) {
          handler = h;
          break;
        }
      }
    } catch (err) {
      // An error while matching replaces the exception (its context is the old one).
      withHandled(f, exc, () => {
        if (err instanceof PyRaise) setContext(err.exc, f);
      });
      decref(exc);
      throw err;
    }
    if (handler === null) throw raised;
    return withHandled(f, exc, () => {
      try {
        if (handler.store) {
          incref(exc);
          handler.store(f, exc);
        }
        return handler.body(f);
      } catch (err) {
        if (err instanceof PyRaise) tracebackHere(err, f);
        throw err;
      } finally {
        if (handler.del) handler.del(f);
        decref(exc);
      }
    });
  };

  if (finalbody === null) return tryExcept;
  return (f) => {
    let c: Completion;
    try {
      c = tryExcept(f);
    } catch (e) {
      const err = hostError(e);
      if (!(err instanceof PyRaise)) throw err;
      tracebackHere(err, f);
      // The finally body runs with the exception as the handled one.
      const fc = withHandled(f, err.exc, () => finalbody(f));
      if (fc !== Completion.Normal) {
        decref(err.exc); // return/break in finally swallows the exception
        return fc;
      }
      throw err;
    }
    const saved = c === Completion.Return ? f.retval : null;
    const fc = finalbody(f);
    if (fc !== Completion.Normal) {
      if (saved) {
        decref(saved);
        if (fc !== Completion.Return) f.retval = null;
      }
      return fc;
    }
    if (saved) f.retval = saved;
    return c;
  };
}

function compileRaise(st: StmtOf<'Raise'>, cx: CodeContext): StmtFn {
  const exc = st.exc ? compileExpr(st.exc, cx) : null;
  const cause = st.cause ? compileExpr(st.cause, cx) : null;
  return (f) => {
    if (exc === null) {
      // bare `raise`: re-raise the exception being handled, keeping its traceback
      let handled: PyObject | null = null;
      for (let fr: Frame | null = f; fr; fr = fr.back) {
        if (fr.handled) {
          handled = fr.handled;
          break;
        }
      }
      f.instr = st;
      if (handled === null) throw pyError(E.RuntimeError!, 'No active exception to reraise');
      const r = new PyRaise(newref(handled));
      r.tbFrame = f;
      throw r;
    }
    const x = exc(f);
    let c: PyObject | null | undefined = undefined;
    try {
      if (cause) c = cause(f);
      f.instr = st;
      const instance = makeRaise(x, c);
      throw new PyRaise(instance);
    } finally {
      decref(x);
      if (c) decref(c);
    }
  };
}

// ---------------------------------------------------------------- with

function compileWith(st: StmtOf<'With'>, cx: CodeContext): StmtFn {
  if (st.isAsync) return unsupportedStatement('async with', st);
  // `with a, b:` is `with a: with b:`
  let inner = compileBlock(st.body, cx, false);
  for (let i = st.items.length - 1; i >= 0; i--) inner = compileWithItem(st.items[i]!, inner, st, cx);
  return inner;
}

function compileWithItem(item: StmtOf<'With'>['items'][number], body: StmtFn, st: Position, cx: CodeContext): StmtFn {
  const ctx = compileExpr(item.contextExpr, cx);
  const store = item.optionalVars ? compileStore(item.optionalVars, cx) : null;
  const pos = item.contextExpr;
  return (f) => {
    const mgr = ctx(f);
    f.instr = pos;
    let exit: PyObject;
    let entered: PyObject;
    try {
      const enterDescr = lookup(mgr.type, '__enter__');
      const exitDescr = lookup(mgr.type, '__exit__');
      if (enterDescr === null || exitDescr === null) {
        throw pyError(E.TypeError!, `'${typeName(mgr)}' object does not support the context manager protocol`);
      }
      // BEFORE_WITH: the bound __enter__ and __exit__; __enter__ is released after its call.
      const enter = bindDescriptor(enterDescr, mgr);
      exit = bindDescriptor(exitDescr, mgr);
      try {
        entered = call(enter, []);
      } catch (e) {
        decref(exit);
        throw e;
      } finally {
        decref(enter);
      }
    } finally {
      decref(mgr);
    }
    let c: Completion;
    try {
      if (store) store(f, entered);
      else decref(entered);
      c = body(f);
    } catch (thrown) {
      const err = hostError(thrown);
      if (!(err instanceof PyRaise)) {
        decref(exit);
        throw err;
      }
      tracebackHere(err, f);
      const e = err.exc;
      const suppress = withHandled(f, e, () => {
        f.instr = st;
        const tb = (e as PyBaseException).traceback ?? None;
        const r = call(exit, [newref(e.type), newref(e), newref(tb)]);
        try {
          return isTrue(r);
        } finally {
          decref(r);
        }
      });
      decref(exit);
      if (suppress) {
        decref(e);
        return Completion.Normal;
      }
      throw err;
    }
    f.instr = st;
    try {
      decref(call(exit, [newNone(), newNone(), newNone()]));
    } finally {
      decref(exit);
    }
    return c;
  };
}

/** descr.__get__(obj): a bound method object for a function (owned). */
function bindDescriptor(descr: PyObject, obj: PyObject): PyObject {
  const get = descr.type.descrGet;
  return get ? get(descr, obj, obj.type) : newref(descr);
}

// ---------------------------------------------------------------- imports

function compileImport(st: StmtOf<'Import'>, cx: CodeContext): StmtFn {
  const parts = st.names.map((a) => {
    const bindName = a.asname ?? a.name.split('.')[0]!;
    return { alias: a, store: compileNameStore(bindName, cx) };
  });
  return (f) => {
    for (const { alias, store } of parts) {
      f.instr = st;
      const top = importModule(alias.name, f, alias.asname !== null);
      store(f, top);
    }
    return Completion.Normal;
  };
}

function compileImportFrom(st: StmtOf<'ImportFrom'>, cx: CodeContext): StmtFn {
  const moduleName = '.'.repeat(st.level) + (st.module ?? '');
  if (st.names.length === 1 && st.names[0]!.name === '*') {
    return (f) => {
      f.instr = st;
      importStar(moduleName, f);
      return Completion.Normal;
    };
  }
  const parts = st.names.map((a) => ({ name: a.name, store: compileNameStore(a.asname ?? a.name, cx) }));
  return (f) => {
    f.instr = st;
    const m = importModule(moduleName, f, true);
    try {
      for (const { name, store } of parts) store(f, importFrom(m, name, moduleName));
    } finally {
      decref(m);
    }
    return Completion.Normal;
  };
}

export { newStr, getIter, iterNext, compileNameLoad };
export type { ExprFn };
