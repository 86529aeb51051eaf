/**
 * The match statement (PEP 634), run as CPython 3.11's compile.c compiles it
 * (compiler_match_inner): the subject is evaluated once and copied for each case tried
 * but the last, captures are stored when a whole pattern has matched (before the guard,
 * so they persist if it fails), and the copy is popped before the body runs.
 * Patterns themselves are compiled by compile-pattern.ts.
 */
import type { Expr, MatchCase, Stmt, StmtOf } from '../../python/ast.js';
import type { PyObject } from '../objects/object.js';
import type { CodeContext } from './context.js';
import type { Frame } from './frame.js';
import { Completion, type GenStmtFn, type StmtFn } from './code.js';
import { decref, incref } from '../heap/refcount.js';
import { compileExpr, compileNameStore, compileTest, type StoreFn } from './compile-expr.js';
import { lineStarted } from './line-hook.js';
import { PatternCompiler, isWildcard, releaseFrom, type CaptureLog, type Matcher } from './compile-pattern.js';

/** The pattern part of one case: match, then store the captures. */
type CasePattern = {
  /** Null for a trailing `case _:` (compile.c's has_default). */
  readonly match: Matcher | null;
  /** Stores of the captured names, in capture-log order. */
  readonly stores: StoreFn[];
  readonly line: number;
};

// ---------------------------------------------------------------- statement

export function compileMatch(st: StmtOf<'Match'>, cx: CodeContext, block: (b: readonly Stmt[]) => StmtFn): StmtFn {
  const subject = compileExpr(st.subject, cx);
  const cases: { pattern: CasePattern; guard: ((f: Frame) => boolean) | null; body: StmtFn }[] = [];
  compileCases(st, cx, (pattern, m) => {
    const guard = m.guard ? compileTest(m.guard, cx) : null;
    cases.push({ pattern, guard, body: block(m.body) });
  });
  const lastTested = lastTestedCase(cases.map((c) => c.pattern));
  return (f) => {
    const owner: Owner = { subject: subject(f) };
    try {
      for (let i = 0; i < cases.length; i++) {
        const c = cases[i]!;
        if (!matchCase(f, c.pattern, owner, i === lastTested)) continue;
        if (c.guard !== null && !c.guard(f)) continue;
        popSubject(owner);
        return c.body(f);
      }
      return Completion.Normal;
    } finally {
      popSubject(owner);
    }
  };
}

/** The same statement in a generator body, where the subject, guards or bodies may yield. */
export function compileMatchGen(
  st: StmtOf<'Match'>,
  cx: CodeContext,
  expr: (e: Expr) => (f: Frame) => Generator<PyObject, PyObject, PyObject>,
  test: (e: Expr) => (f: Frame) => Generator<PyObject, boolean, PyObject>,
  block: (b: readonly Stmt[]) => GenStmtFn,
): GenStmtFn {
  const subject = expr(st.subject);
  const cases: { pattern: CasePattern; guard: ReturnType<typeof test> | null; body: GenStmtFn }[] = [];
  compileCases(st, cx, (pattern, m) => {
    const guard = m.guard ? test(m.guard) : null;
    cases.push({ pattern, guard, body: block(m.body) });
  });
  const lastTested = lastTestedCase(cases.map((c) => c.pattern));
  return function* (f) {
    const owner: Owner = { subject: yield* subject(f) };
    try {
      for (let i = 0; i < cases.length; i++) {
        const c = cases[i]!;
        if (!matchCase(f, c.pattern, owner, i === lastTested)) continue;
        if (c.guard !== null && !(yield* c.guard(f))) continue;
        popSubject(owner);
        return yield* c.body(f);
      }
      return Completion.Normal;
    } finally {
      popSubject(owner);
    }
  };
}

/** The subject while the statement holds it (null once consumed or popped). */
type Owner = { subject: PyObject | null };

function popSubject(owner: Owner): void {
  const s = owner.subject;
  if (s !== null) {
    owner.subject = null;
    decref(s);
  }
}

/** Index of the last case matched against the subject: it consumes it (no COPY). */
function lastTestedCase(cases: CasePattern[]): number {
  const n = cases.length;
  return cases[n - 1]!.match === null ? n - 2 : n - 1;
}

/**
 * compiler_match_inner's loop, compiled in its order (pattern, then the caller compiles
 * the guard and body, then the next case), so that the first compile-time error is
 * CPython's.
 */
function compileCases(st: StmtOf<'Match'>, cx: CodeContext, add: (c: CasePattern, m: MatchCase) => void): void {
  const n = st.cases.length;
  const last = st.cases[n - 1]!;
  const hasDefault = isWildcard(last.pattern) && n > 1;
  for (let i = 0; i < n - (hasDefault ? 1 : 0); i++) {
    const m = st.cases[i]!;
    const pc = new PatternCompiler(cx, m.pattern);
    // Irrefutable cases must be either guarded, last, or both.
    pc.allowIrrefutable = m.guard !== null || i === n - 1;
    const match = pc.pattern(m.pattern);
    const stores = pc.stores.map((name) => compileNameStore(name, cx));
    add({ match, stores, line: m.pattern.line }, m);
  }
  if (hasDefault) add({ match: null, stores: [], line: last.pattern.line }, last);
}

/**
 * One case's line event, pattern and stores. The subject is copied for every case but
 * the last one tested, which consumes it.
 */
function matchCase(f: Frame, c: CasePattern, owner: Owner, last: boolean): boolean {
  f.lineno = c.line;
  f.instr = null;
  lineStarted(f);
  if (c.match === null) return true;
  const s = owner.subject!;
  if (last) owner.subject = null;
  else incref(s);
  const log: CaptureLog = [];
  let ok: boolean;
  try {
    ok = c.match(f, s, log);
  } catch (e) {
    releaseFrom(log, 0);
    throw e;
  }
  if (!ok) {
    releaseFrom(log, 0);
    return false;
  }
  for (let k = 0; k < log.length; k++) {
    try {
      c.stores[k]!(f, log[k]!);
    } catch (e) {
      for (let j = k + 1; j < log.length; j++) decref(log[j]!);
      throw e;
    }
  }
  return true;
}
