/**
 * try/except* (PEP 654), run as CPython 3.11 compiles it (compiler_try_star_except):
 * each handler takes the part of the remaining exception group that matches its type
 * (CHECK_EG_MATCH; a naked exception is wrapped in a group), what the handlers raise or
 * re-raise is collected in a list, and at the end _PyExc_PrepReraiseStar decides what
 * propagates (PREP_RERAISE_STAR; RERAISE adds no traceback entry here).
 */
import type { Position, StmtOf } from '../../python/ast.js';
import type { PyObject } from '../objects/object.js';
import { PyType } from '../objects/object.js';
import type { CodeContext } from './context.js';
import type { Frame } from './frame.js';
import { Completion, type ExprFn, type GenStmtFn, type StmtFn } from './code.js';
import { decref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { None, newNone } from '../objects/singletons.js';
import { PyTuple } from '../objects/tuple.js';
import { newList, listAppend, type PyList } from '../objects/list.js';
import { exceptionGroupMatch, prepReraiseStar } from '../objects/exception-group.js';
import { compileExpr, compileNameStore, type StoreFn } from './compile-expr.js';
import { tracebackHere } from './traceback.js';

type StarHandler<B> = {
  readonly type: ExprFn;
  readonly typePos: Position;
  readonly store: StoreFn | null;
  readonly del: ((f: Frame) => void) | null;
  readonly body: B;
};

/** Compile the handlers; `block` compiles a body (plain or generator). */
function compileHandlers<B>(st: StmtOf<'Try'>, cx: CodeContext, block: (h: StmtOf<'Try'>['handlers'][number]) => B, silentDelete: (name: string) => (f: Frame) => void): StarHandler<B>[] {
  return st.handlers.map((h) => {
    const type = compileExpr(h.type!, cx);
    const store = h.name ? compileNameStore(h.name, cx) : null;
    // `break`, `continue` and `return` may not leave an except* body (compile.c's
    // EXCEPTION_GROUP_HANDLER block): loops inside it start counting again.
    const outer = cx.exceptStarLoopDepth;
    cx.exceptStarLoopDepth = cx.loopDepth;
    const body = block(h);
    cx.exceptStarLoopDepth = outer;
    return { type, typePos: h.type!, store, del: h.name ? silentDelete(h.name) : null, body };
  });
}

/** The except* clauses of a try statement, run after its body raised. */
export function compileExceptStar(st: StmtOf<'Try'>, cx: CodeContext, block: (h: StmtOf<'Try'>['handlers'][number]) => StmtFn, silentDelete: (name: string) => (f: Frame) => void): (f: Frame, raised: PyRaise) => Completion {
  const handlers = compileHandlers(st, cx, block, silentDelete);
  return (f, raised) => {
    const state = new StarState(f, raised);
    for (const h of handlers) {
      const match = state.match(f, h);
      if (match === null) continue;
      try {
        if (h.store) h.store(f, match);
        else decref(match);
        h.body(f);
      } catch (err) {
        if (!(err instanceof PyRaise)) {
          state.abandon(f);
          throw err;
        }
        state.raisedInHandler(f, err);
      } finally {
        if (h.del) h.del(f);
      }
    }
    state.finish(f);
    return Completion.Normal;
  };
}

/** The same in a generator body, where handlers may yield. */
export function compileExceptStarGen(st: StmtOf<'Try'>, cx: CodeContext, block: (h: StmtOf<'Try'>['handlers'][number]) => GenStmtFn, silentDelete: (name: string) => (f: Frame) => void): (f: Frame, raised: PyRaise) => Generator<PyObject, Completion, PyObject> {
  const handlers = compileHandlers(st, cx, block, silentDelete);
  return function* (f, raised) {
    const state = new StarState(f, raised);
    for (const h of handlers) {
      const match = state.match(f, h);
      if (match === null) continue;
      try {
        if (h.store) h.store(f, match);
        else decref(match);
        yield* h.body(f);
      } catch (err) {
        if (!(err instanceof PyRaise)) {
          state.abandon(f);
          throw err;
        }
        state.raisedInHandler(f, err);
      } finally {
        if (h.del) h.del(f);
      }
    }
    state.finish(f);
    return Completion.Normal;
  };
}

/**
 * The value stack of a try-except* while its handlers run: the original exception, the
 * list of what the handlers raised (`res`) and what is still unhandled (`rest`); and the
 * frame's handled exception (sys.exc_info()), which each matching handler replaces.
 */
class StarState {
  private readonly orig: PyObject;
  private readonly res: PyList;
  private rest: PyObject;
  private readonly previous: PyObject | null;

  constructor(f: Frame, raised: PyRaise) {
    tracebackHere(raised, f);
    this.orig = raised.exc;
    // PUSH_EXC_INFO
    this.previous = f.handled;
    f.handled = newref(this.orig);
    this.res = newList([]) as PyList;
    this.rest = newref(this.orig);
  }

  /** CHECK_EG_MATCH: the part of the remaining exception the handler catches (owned), or null. */
  match(f: Frame, h: StarHandler<unknown>): PyObject | null {
    let parts: { match: PyObject; rest: PyObject };
    try {
      const t = h.type(f);
      f.instr = h.typePos;
      try {
        checkExceptStarType(t);
        parts = this.rest === None ? { match: newNone(), rest: newNone() } : exceptionGroupMatch(this.rest, t);
      } finally {
        decref(t);
      }
    } catch (err) {
      if (err instanceof PyRaise) tracebackHere(err, f);
      this.abandon(f);
      throw err;
    }
    if (parts.match === None) {
      decref(parts.match);
      decref(parts.rest);
      return null;
    }
    decref(this.rest);
    this.rest = parts.rest;
    // PyErr_SetExcInfo: the handler runs with the matched part as the handled exception.
    const old = f.handled;
    f.handled = newref(parts.match);
    if (old) decref(old);
    return parts.match;
  }

  /** An exception out of a handler body (LIST_APPEND): re-raised with the rest at the end. */
  raisedInHandler(f: Frame, err: PyRaise): void {
    tracebackHere(err, f);
    listAppend(this.res, err.exc);
    decref(err.exc);
  }

  /** PREP_RERAISE_STAR, POP_EXCEPT, then RERAISE of what remains (no new traceback entry). */
  finish(f: Frame): void {
    let val: PyObject;
    try {
      listAppend(this.res, this.rest);
      val = prepReraiseStar(this.orig, this.res);
    } catch (err) {
      if (err instanceof PyRaise) tracebackHere(err, f);
      this.abandon(f);
      throw err;
    }
    this.abandon(f);
    if (val === None) {
      decref(val);
      return;
    }
    const r = new PyRaise(val);
    r.tbFrame = f;
    throw r;
  }

  /** Drop the statement's values and restore the handled exception (POP_EXCEPT). */
  abandon(f: Frame): void {
    decref(this.res);
    decref(this.rest);
    decref(this.orig);
    const current = f.handled;
    f.handled = this.previous;
    if (current) decref(current);
  }
}

/** check_except_star_type_valid: exception classes, not exception groups. */
function checkExceptStarType(t: PyObject): void {
  const items = t instanceof PyTuple ? t.items : [t];
  for (const x of items) {
    if (!(x instanceof PyType && x.isSubtypeOf(E.BaseException!))) {
      throw pyError(E.TypeError!, 'catching classes that do not inherit from BaseException is not allowed');
    }
  }
  if (items.some((x) => (x as PyType).isSubtypeOf(E.BaseExceptionGroup!))) {
    throw pyError(E.TypeError!, 'catching ExceptionGroup with except* is not allowed. Use except instead.');
  }
}
