/**
 * Generator bodies. A statement that may yield compiles to a JavaScript generator
 * function (so `yield` suspends the whole Python frame); statements that cannot yield
 * keep their ordinary closures, so a generator's plain statements run at full speed.
 */
import type { Expr, ExprOf, Stmt, StmtOf } from '../../python/ast.js';
import type { PyObject } from '../objects/object.js';
import type { CodeContext } from './context.js';
import type { Frame } from './frame.js';
import { Completion, type GenStmtFn, type StmtFn } from './code.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E, PyBaseException } from '../objects/exceptions.js';
import { None, newNone } from '../objects/singletons.js';
import { call, getIter, isTrue, iterNext, callMethod, binaryOp, getAttr, getItem, typeName, loadMethod } from '../protocols/abstract.js';
import { noteAssignedValue } from './constants.js';
import { compileExpr, compileIterable, compileTest, binarySlotOf } from './compile-expr.js';
import { compileStmt, compileStore, exceptionMatchesType, withHandled, checkLeavesExceptStar, compileSilentDelete } from './compile-stmt.js';
import { compileExceptStarGen } from './compile-try-star.js';
import { containsYield } from './scope.js';
import { lineStarted } from './line-hook.js';
import { tracebackHere } from './traceback.js';
import { PyGenerator, resume, generatorType } from '../objects/generator.js';
import { newTuple } from '../objects/tuple.js';
import { newList } from '../objects/list.js';
import { lookup } from '../objects/typeobject.js';
import { notImplemented } from './compile-function.js';
import { setContext } from './ops.js';
import { compileMatchGen } from './compile-match.js';

type ExprGen = (f: Frame) => Generator<PyObject, PyObject, PyObject>;
type Compiled = { plain: StmtFn; gen: null } | { plain: null; gen: GenStmtFn };

export function stmtContainsYield(st: Stmt): boolean {
  switch (st.kind) {
    case 'Expr':
      return containsYield(st.value);
    case 'Assign':
      return containsYield(st.value) || st.targets.some(containsYield);
    case 'AugAssign':
      return containsYield(st.value) || containsYield(st.target);
    case 'AnnAssign':
      return st.value !== null && containsYield(st.value);
    case 'Return':
      return st.value !== null && containsYield(st.value);
    case 'Delete':
      return st.targets.some(containsYield);
    case 'If':
    case 'While':
      return containsYield(st.test) || st.body.some(stmtContainsYield) || st.orelse.some(stmtContainsYield);
    case 'For':
      return containsYield(st.iter) || st.body.some(stmtContainsYield) || st.orelse.some(stmtContainsYield);
    case 'With':
      return st.items.some((i) => containsYield(i.contextExpr)) || st.body.some(stmtContainsYield);
    case 'Try':
      return (
        st.body.some(stmtContainsYield) ||
        st.handlers.some((h) => h.body.some(stmtContainsYield)) ||
        st.orelse.some(stmtContainsYield) ||
        st.finalbody.some(stmtContainsYield)
      );
    case 'Match':
      return containsYield(st.subject) || st.cases.some((c) => (c.guard !== null && containsYield(c.guard)) || c.body.some(stmtContainsYield));
    case 'Raise':
      return (st.exc !== null && containsYield(st.exc)) || (st.cause !== null && containsYield(st.cause));
    case 'Assert':
      return containsYield(st.test) || (st.msg !== null && containsYield(st.msg));
    default:
      return false;
  }
}

function genStmt(st: Stmt, cx: CodeContext): Compiled {
  if (!stmtContainsYield(st)) return { plain: compileStmt(st, cx), gen: null };
  const line = st.line;
  if (st.kind === 'Expr') {
    // `yield x` as a statement, the commonest: the line and the body in one generator, as
    // every generator level is passed through again at each resume.
    const y = plainYield(st, cx);
    if (y !== null) {
      // And x evaluated in place: no generator made for it at every yield.
      return {
        plain: null,
        gen: function* (f) {
          decref(yield y.start(f));
          return Completion.Normal;
        },
      };
    }
    const e = compileExprGen(st.value, cx);
    return {
      plain: null,
      gen: function* (f) {
        f.lineno = line;
        f.instr = null;
        lineStarted(f);
        decref(yield* e(f));
        return Completion.Normal;
      },
    };
  }
  const body = genStmtBody(st, cx);
  return {
    plain: null,
    gen: function* (f) {
      f.lineno = line;
      f.instr = null;
      lineStarted(f);
      return yield* body(f);
    },
  };
}

/**
 * A statement `yield x` (or a bare `yield`) where x cannot itself yield, compiled to what
 * runs up to the yield: the line starts and x is evaluated (`start` returns the value to
 * yield, a new reference). null for any other statement.
 */
function plainYield(st: Stmt, cx: CodeContext): { start: (f: Frame) => PyObject } | null {
  if (st.kind !== 'Expr' || st.value.kind !== 'Yield') return null;
  const x = st.value.value;
  if (x !== null && containsYield(x)) return null;
  const value = x !== null ? compileExpr(x, cx) : null;
  const line = st.line;
  return {
    start: (f) => {
      f.lineno = line;
      f.instr = null;
      lineStarted(f);
      return value !== null ? value(f) : newNone();
    },
  };
}

export function genBlock(stmts: readonly Stmt[], cx: CodeContext): GenStmtFn {
  const list = stmts.map((s) => genStmt(s, cx));
  // A block of one statement that may yield is that statement: one generator less to pass
  // through at every resume.
  if (list.length === 1 && list[0]!.gen !== null) return list[0]!.gen;
  const n = list.length;
  return function* (f) {
    for (let i = 0; i < n; i++) {
      const s = list[i]!;
      const c = s.plain !== null ? s.plain(f) : yield* s.gen!(f);
      if (c !== Completion.Normal) return c;
    }
    return Completion.Normal;
  };
}

function genStmtBody(st: Stmt, cx: CodeContext): GenStmtFn {
  switch (st.kind) {
    case 'Expr': {
      const e = compileExprGen(st.value, cx);
      return function* (f) {
        decref(yield* e(f));
        return Completion.Normal;
      };
    }
    case 'Assign': {
      noteAssignedValue(st.value, cx);
      const value = compileExprGen(st.value, cx);
      const stores = st.targets.map((t) => compileStore(t, cx));
      return function* (f) {
        const v = yield* value(f);
        for (let i = 0; i < stores.length; i++) {
          if (i < stores.length - 1) incref(v);
          stores[i]!(f, v);
        }
        return Completion.Normal;
      };
    }
    case 'AnnAssign': {
      const value = compileExprGen(st.value!, cx);
      const store = compileStore(st.target, cx);
      return function* (f) {
        store(f, yield* value(f));
        return Completion.Normal;
      };
    }
    case 'AugAssign': {
      if (st.target.kind !== 'Name' || containsYield(st.target)) return unsupportedGen('yield in this augmented assignment', st.line);
      const load = compileExpr(st.target, cx);
      const value = compileExprGen(st.value, cx);
      const store = compileStore({ ...st.target, ctx: 'Store' }, cx);
      const slot = binarySlotOf(st.op) as 'add';
      return function* (f) {
        const cur = load(f);
        let v: PyObject;
        try {
          v = yield* value(f);
        } catch (e) {
          decref(cur);
          throw e;
        }
        f.instr = st;
        let r: PyObject;
        try {
          r = binaryOpInplace(cur, v, slot);
        } finally {
          decref(cur);
          decref(v);
        }
        store(f, r);
        return Completion.Normal;
      };
    }
    case 'Return': {
      const value = compileExprGen(st.value!, cx);
      checkLeavesExceptStar(st, cx, true);
      return function* (f) {
        f.retval = yield* value(f);
        return Completion.Return;
      };
    }
    case 'If': {
      const test = condGen(st.test, cx);
      const body = genBlock(st.body, cx);
      const orelse = genBlock(st.orelse, cx);
      return function* (f) {
        return (yield* test(f)) ? yield* body(f) : yield* orelse(f);
      };
    }
    case 'While': {
      const test = condGen(st.test, cx);
      cx.loopDepth++;
      const body = genBlock(st.body, cx);
      cx.loopDepth--;
      const orelse = genBlock(st.orelse, cx);
      const line = st.line;
      return function* (f) {
        let first = true;
        for (;;) {
          if (!first) {
            f.lineno = line;
            lineStarted(f);
          }
          first = false;
          if (!(yield* test(f))) break;
          const c = yield* body(f);
          if (c === Completion.Break) return Completion.Normal;
          if (c === Completion.Return) return c;
        }
        return yield* orelse(f);
      };
    }
    case 'For':
      return genFor(st, cx);
    case 'Try':
      return genTry(st, cx);
    case 'With':
      return genWith(st, cx);
    case 'Match':
      return compileMatchGen(st, cx, (e) => compileExprGen(e, cx), (e) => condGen(e, cx), (body) => genBlock(body, cx));
    case 'Raise':
    case 'Assert':
    case 'Delete':
      return unsupportedGen(`yield inside ${st.kind.toLowerCase()}`, st.line);
    default:
      return unsupportedGen(`yield inside ${st.kind}`, st.line);
  }
}

function unsupportedGen(construct: string, line: number): GenStmtFn {
  // eslint-disable-next-line require-yield
  return function* () {
    throw notImplemented(construct, line);
  };
}

import { inplaceOp } from '../protocols/abstract.js';
function binaryOpInplace(a: PyObject, b: PyObject, slot: 'add'): PyObject {
  return inplaceOp(a, b, slot);
}

function condGen(e: Expr, cx: CodeContext): (f: Frame) => Generator<PyObject, boolean, PyObject> {
  if (!containsYield(e)) {
    const t = compileTest(e, cx);
    // eslint-disable-next-line require-yield
    return function* (f) {
      return t(f);
    };
  }
  const g = compileExprGen(e, cx);
  return function* (f) {
    const v = yield* g(f);
    try {
      return isTrue(v);
    } finally {
      decref(v);
    }
  };
}

function genFor(st: StmtOf<'For'>, cx: CodeContext): GenStmtFn {
  const iterable = containsYield(st.iter) ? compileExprGen(st.iter, cx) : plainGen(compileIterable(st.iter, cx));
  const store = compileStore(st.target, cx);
  cx.loopDepth++;
  // A body of one `yield x` runs in this generator: none made for it at every iteration.
  const yieldOnly = st.body.length === 1 ? plainYield(st.body[0]!, cx) : null;
  const body = yieldOnly === null ? genBlock(st.body, cx) : null;
  cx.loopDepth--;
  const orelse = genBlock(st.orelse, cx);
  const line = st.line;
  return function* (f) {
    const src = yield* iterable(f);
    f.instr = st.iter;
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
          f.instr = st.iter;
          lineStarted(f);
        }
        first = false;
        const v = next(it);
        if (v === null) break;
        store(f, v);
        if (body === null) {
          decref(yield yieldOnly!.start(f));
          continue;
        }
        const c = yield* body(f);
        if (c === Completion.Break) return Completion.Normal;
        if (c === Completion.Return) return c;
      }
    } finally {
      decref(it);
    }
    return yield* orelse(f);
  };
}

function genTry(st: StmtOf<'Try'>, cx: CodeContext): GenStmtFn {
  const body = genBlock(st.body, cx);
  const exceptStar = st.isStar ? compileExceptStarGen(st, cx, (h) => genBlock(h.body, cx), (name) => compileSilentDelete(name, cx)) : null;
  const handlers = (st.isStar ? [] : st.handlers).map((h) => ({
    type: h.type ? compileExpr(h.type, cx) : null,
    pos: h.type,
    body: genBlock(h.body, cx),
    store: h.name ? compileStore({ kind: 'Name', id: h.name, ctx: 'Store', line: h.line, col: h.col, endLine: h.endLine, endCol: h.endCol }, cx) : null,
    name: h.name,
  }));
  const orelse = genBlock(st.orelse, cx);
  const finalbody = st.finalbody.length ? genBlock(st.finalbody, cx) : null;
  const deleteName = (f: Frame, name: string) => {
    const i = cx.varIndex.get(name);
    if (i !== undefined) f.deleteLocal(i);
  };
  function* tryExcept(f: Frame): Generator<PyObject, Completion, PyObject> {
    let raised: PyRaise;
    try {
      const c = yield* body(f);
      if (c === Completion.Normal) return yield* orelse(f);
      return c;
    } catch (err) {
      if (!(err instanceof PyRaise) || !(handlers.length || exceptStar)) throw err;
      raised = err;
    }
    if (exceptStar) return yield* exceptStar(f, raised);
    tracebackHere(raised, f);
    const exc = raised.exc;
    let handler: (typeof handlers)[number] | null = null;
    for (const h of handlers) {
      if (h.type === null) {
        handler = h;
        break;
      }
      const t = h.type(f);
      f.instr = h.pos!;
      let m: boolean;
      try {
        m = exceptionMatchesType(exc, t);
      } finally {
        decref(t);
      }
      if (m) {
        handler = h;
        break;
      }
    }
    if (handler === null) throw raised;
    const previous = f.handled;
    incref(exc);
    f.handled = exc;
    try {
      if (handler.store) {
        incref(exc);
        handler.store(f, exc);
      }
      return yield* handler.body(f);
    } catch (err) {
      if (err instanceof PyRaise) tracebackHere(err, f);
      throw err;
    } finally {
      f.handled = previous;
      decref(exc);
      if (handler.name) deleteName(f, handler.name);
      decref(exc);
    }
  }
  if (finalbody === null) return tryExcept;
  return function* (f) {
    let c: Completion;
    try {
      c = yield* tryExcept(f);
    } catch (err) {
      if (!(err instanceof PyRaise)) {
        // a JS-level return() from generator close also runs finally blocks
        yield* finalbody(f);
        throw err;
      }
      tracebackHere(err, f);
      const previous = f.handled;
      incref(err.exc);
      f.handled = err.exc;
      let fc: Completion;
      try {
        fc = yield* finalbody(f);
      } finally {
        f.handled = previous;
        decref(err.exc);
      }
      if (fc !== Completion.Normal) {
        decref(err.exc);
        return fc;
      }
      throw err;
    }
    const saved = c === Completion.Return ? f.retval : null;
    const fc = yield* finalbody(f);
    if (fc !== Completion.Normal) {
      if (saved && fc === Completion.Return) decref(saved);
      return fc;
    }
    if (saved) f.retval = saved;
    return c;
  };
}

function genWith(st: StmtOf<'With'>, cx: CodeContext): GenStmtFn {
  if (st.isAsync) return unsupportedGen('async with', st.line);
  if (st.items.some((i) => containsYield(i.contextExpr))) return unsupportedGen('yield in a with item', st.line);
  let inner = genBlock(st.body, cx);
  for (let i = st.items.length - 1; i >= 0; i--) {
    const item = st.items[i]!;
    const ctx = compileExpr(item.contextExpr, cx);
    const store = item.optionalVars ? compileStore(item.optionalVars, cx) : null;
    const body = inner;
    inner = function* (f) {
      const mgr = ctx(f);
      f.instr = item.contextExpr;
      let exit: PyObject;
      let entered: PyObject;
      try {
        const enterDescr = lookup(mgr.type, '__enter__');
        const exitDescr = lookup(mgr.type, '__exit__');
        if (enterDescr === null || exitDescr === null) {
          throw pyError(E.TypeError!, `'${typeName(mgr)}' object does not support the context manager protocol`);
        }
        exit = exitDescr.type.descrGet ? exitDescr.type.descrGet(exitDescr, mgr, mgr.type) : newref(exitDescr);
        const enter = enterDescr.type.descrGet ? enterDescr.type.descrGet(enterDescr, mgr, mgr.type) : newref(enterDescr);
        try {
          entered = call(enter, []);
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
        c = yield* body(f);
      } catch (err) {
        if (!(err instanceof PyRaise)) {
          decref(exit);
          throw err;
        }
        tracebackHere(err, f);
        const e = err.exc;
        const suppress = withHandled(f, e, () => {
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
      try {
        decref(call(exit, [newNone(), newNone(), newNone()]));
      } finally {
        decref(exit);
      }
      return c;
    };
  }
  return inner;
}

// ---------------------------------------------------------------- expressions

/** An expression that may contain yield, as a JS generator returning a new reference. */
/** A plain expression in a generator body. */
function plainGen(plain: (f: Frame) => PyObject): ExprGen {
  // eslint-disable-next-line require-yield
  return function* (f) {
    return plain(f);
  };
}

export function compileExprGen(e: Expr, cx: CodeContext): ExprGen {
  if (!containsYield(e)) return plainGen(compileExpr(e, cx));
  switch (e.kind) {
    case 'Yield': {
      if (e.value !== null && !containsYield(e.value)) {
        const plain = compileExpr(e.value, cx);
        return function* (f) {
          return yield plain(f);
        };
      }
      const value = e.value ? compileExprGen(e.value, cx) : null;
      return function* (f) {
        const v = value ? yield* value(f) : newNone();
        return yield v;
      };
    }
    case 'YieldFrom':
      return yieldFrom(e, cx);
    case 'Await':
      return unsupportedExprGen('await', e.line);
    case 'BinOp': {
      const left = compileExprGen(e.left, cx);
      const right = compileExprGen(e.right, cx);
      const slot = binarySlotOf(e.op);
      return function* (f) {
        const a = yield* left(f);
        let b: PyObject;
        try {
          b = yield* right(f);
        } catch (err) {
          decref(a);
          throw err;
        }
        f.instr = e;
        try {
          return binaryOp(a, b, slot);
        } finally {
          decref(a);
          decref(b);
        }
      };
    }
    case 'Call':
      return callGen(e, cx);
    case 'Tuple':
    case 'List': {
      if (e.elts.some((x) => x.kind === 'Starred')) return unsupportedExprGen('yield in a starred display', e.line);
      const parts = e.elts.map((x) => compileExprGen(x, cx));
      const isTuple = e.kind === 'Tuple';
      return function* (f) {
        const items: PyObject[] = [];
        try {
          for (const p of parts) items.push(yield* p(f));
        } catch (err) {
          for (const x of items) decref(x);
          throw err;
        }
        return isTuple ? newTuple(items) : newList(items);
      };
    }
    case 'Attribute': {
      const value = compileExprGen(e.value, cx);
      return function* (f) {
        const o = yield* value(f);
        f.instr = e;
        try {
          return getAttr(o, e.attr);
        } finally {
          decref(o);
        }
      };
    }
    case 'Subscript': {
      const value = compileExprGen(e.value, cx);
      const index = compileExprGen(e.slice, cx);
      return function* (f) {
        const o = yield* value(f);
        let k: PyObject;
        try {
          k = yield* index(f);
        } catch (err) {
          decref(o);
          throw err;
        }
        f.instr = e;
        try {
          return getItem(o, k);
        } finally {
          decref(k);
          decref(o);
        }
      };
    }
    default:
      return unsupportedExprGen(`yield inside a ${e.kind} expression`, e.line);
  }
}

function unsupportedExprGen(construct: string, line: number): ExprGen {
  // eslint-disable-next-line require-yield
  return function* () {
    throw notImplemented(construct, line);
  };
}

function callGen(e: ExprOf<'Call'>, cx: CodeContext): ExprGen {
  if (e.args.some((a) => a.kind === 'Starred') || e.keywords.some((k) => k.arg === null)) {
    return unsupportedExprGen('yield in a call with * or ** arguments', e.line);
  }
  const func = compileExprGen(e.func, cx);
  const args = e.args.map((a) => compileExprGen(a, cx));
  const kwvalues = e.keywords.map((k) => compileExprGen(k.value, cx));
  const kwnames = e.keywords.length ? e.keywords.map((k) => k.arg!) : null;
  return function* (f) {
    const fn = yield* func(f);
    const values: PyObject[] = [];
    try {
      try {
        for (const a of args) values.push(yield* a(f));
        for (const k of kwvalues) values.push(yield* k(f));
      } catch (err) {
        for (const v of values) decref(v);
        throw err;
      }
      f.instr = e;
      return call(fn, values, kwnames);
    } finally {
      decref(fn);
    }
  };
}

/** `yield from it`: delegate next/send/throw/close until it finishes; its result is ours. */
function yieldFrom(e: ExprOf<'YieldFrom'>, cx: CodeContext): ExprGen {
  const source = compileExprGen(e.value, cx);
  return function* (f) {
    const src = yield* source(f);
    f.instr = e;
    let it: PyObject;
    try {
      it = src.type === generatorType ? newref(src) : getIter(src);
    } finally {
      decref(src);
    }
    try {
      let sent: PyObject = newNone();
      for (;;) {
        let step: { done: boolean; value: PyObject };
        if (it instanceof PyGenerator) {
          step = resume(it, sent, null);
        } else {
          try {
            if (sent === None) {
              decref(sent);
              const v = iterNext(it);
              step = v === null ? { done: true, value: newNone() } : { done: false, value: v };
            } else {
              const v = callMethod(it, 'send', [sent]);
              decref(sent);
              step = { done: false, value: v };
            }
          } catch (err) {
            if (err instanceof PyRaise && err.exc.type.isSubtypeOf(E.StopIteration!)) {
              const args = (err.exc as PyBaseException).args as unknown as { items: PyObject[] };
              const value = args.items[0] ? newref(args.items[0]) : newNone();
              decref(err.exc);
              step = { done: true, value };
            } else throw err;
          }
        }
        if (step.done) return step.value;
        try {
          sent = yield step.value;
        } catch (thrown) {
          if (!(thrown instanceof PyRaise)) throw thrown;
          // Forward the exception into the delegate (gen.throw / close).
          if (it instanceof PyGenerator) {
            if (thrown.exc.type.isSubtypeOf(E.GeneratorExit!)) {
              const { closeGenerator } = await_close();
              decref(closeGenerator(it));
              throw thrown;
            }
            const r = resume(it, newNone(), thrown.exc);
            if (r.done) return r.value;
            sent = yield r.value;
            continue;
          }
          throw thrown;
        }
      }
    } finally {
      decref(it);
    }
  };
}

import * as generatorModule from '../objects/generator.js';
function await_close() {
  return generatorModule;
}

export { setContext, loadMethod };
