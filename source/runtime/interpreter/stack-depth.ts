/**
 * An estimate of CPython 3.11's co_stacksize (the deepest the value stack gets), which
 * decides the size of generator objects (168 + 8·(co_nlocalsplus + co_stacksize)).
 * It follows the 3.11 compiler's stack effects for the common constructs.
 */
import type { Expr, ExprOf, Pattern, Stmt, StmtOf } from '../../python/ast.js';
import type { Scope } from './scope.js';
import { isConstantTree } from './constants.js';

export function estimateStackSize(body: readonly Stmt[], scope: Scope): number {
  let max = 1; // implicit `return None`
  for (const s of body) max = Math.max(max, stmtDepth(s));
  // RETURN_GENERATOR leaves its value on the stack at the start of a generator
  return scope.isGenerator ? Math.max(max, 1) : max;
}

function blockDepth(body: readonly Stmt[], base: number): number {
  let max = 0;
  for (const s of body) max = Math.max(max, base + stmtDepth(s));
  return max;
}

function targetDepth(t: Expr): number {
  switch (t.kind) {
    case 'Name':
      return 0;
    case 'Attribute':
      return 1 + exprDepth(t.value) - 0;
    case 'Subscript':
      return 1 + Math.max(exprDepth(t.value), 1 + exprDepth(t.slice));
    case 'Tuple':
    case 'List': {
      let max = t.elts.length;
      t.elts.forEach((e, i) => (max = Math.max(max, t.elts.length - i - 1 + targetDepth(e))));
      return max;
    }
    case 'Starred':
      return targetDepth(t.value);
    default:
      return 1;
  }
}

function stmtDepth(s: Stmt): number {
  switch (s.kind) {
    case 'Expr':
      return exprDepth(s.value);
    case 'Assign':
      return Math.max(exprDepth(s.value) + (s.targets.length > 1 ? 1 : 0), ...s.targets.map((t) => (s.targets.length > 1 ? 1 : 0) + targetDepth(t)));
    case 'AugAssign':
      return Math.max(exprDepth(s.target) + 1 + exprDepth(s.value), 2);
    case 'AnnAssign':
      return s.value ? Math.max(exprDepth(s.value), targetDepth(s.target)) : 0;
    case 'Return':
      return s.value ? exprDepth(s.value) : 1;
    case 'Delete':
      return Math.max(0, ...s.targets.map((t) => (t.kind === 'Name' ? 0 : t.kind === 'Subscript' ? 1 + exprDepth(t.slice) : exprDepth(t))));
    case 'If':
      return Math.max(exprDepth(s.test), blockDepth(s.body, 0), blockDepth(s.orelse, 0));
    case 'While':
      return Math.max(exprDepth(s.test), blockDepth(s.body, 0), blockDepth(s.orelse, 0));
    case 'For':
      return Math.max(exprDepth(s.iter), 2, 1 + targetDepth(s.target), blockDepth(s.body, 1), blockDepth(s.orelse, 0));
    case 'With':
      return Math.max(...s.items.map((i) => exprDepth(i.contextExpr)), 2 + s.items.length, blockDepth(s.body, s.items.length), 4 + s.items.length);
    case 'Try': {
      if (s.isStar) {
        // [exc_info, orig, res, rest] under each handler; an exception leaving a handler
        // body adds [lasti, exc], and `as name` then loads None on top
        const star = s.handlers.map((h) => Math.max(4 + exprDepth(h.type!), blockDepth(h.body, 4), h.name ? 7 : 6));
        return Math.max(blockDepth(s.body, 0), ...star, blockDepth(s.orelse, 0), blockDepth(s.finalbody, 2));
      }
      const handlers = s.handlers.map((h) => Math.max(h.type ? 2 + exprDepth(h.type) : 2, blockDepth(h.body, 1)));
      // A finally body runs on [exc_info, exc]; the cleanup re-raising an exception out of
      // a handler or finally body copies it over [exc, lasti, exc]: 4.
      return Math.max(blockDepth(s.body, 0), ...handlers, blockDepth(s.orelse, 0), blockDepth(s.finalbody, 2), 4);
    }
    case 'Raise':
      return Math.max(s.exc ? exprDepth(s.exc) : 0, s.cause ? 1 + exprDepth(s.cause) : 0);
    case 'Assert':
      return Math.max(exprDepth(s.test), s.msg ? 1 + exprDepth(s.msg) : 1);
    case 'FunctionDef':
      return Math.max(1, s.args.defaults.length, ...s.decoratorList.map(exprDepth)) + s.decoratorList.length + 1;
    case 'ClassDef':
      return 3 + s.bases.length + s.keywords.length + s.decoratorList.length;
    case 'Import':
    case 'ImportFrom':
      return 2;
    case 'Match':
      return matchDepth(s);
    default:
      return 0;
  }
}

/** The value stack while a match statement runs, instruction by instruction as compile.c emits it. */
class StackTrace {
  depth = 0;
  max = 0;
  push(n = 1): void {
    this.depth += n;
    if (this.depth > this.max) this.max = this.depth;
  }
  pop(n = 1): void {
    this.depth -= n;
  }
  /** Evaluate an expression onto the stack. */
  expr(e: Expr): void {
    this.max = Math.max(this.max, this.depth + exprDepth(e));
    this.depth += 1;
  }
}

function matchDepth(s: StmtOf<'Match'>): number {
  const st = new StackTrace();
  st.expr(s.subject);
  const n = s.cases.length;
  const last = s.cases[n - 1]!;
  const hasDefault = isWildcardPattern(last.pattern) && n > 1;
  for (let i = 0; i < n - (hasDefault ? 1 : 0); i++) {
    const m = s.cases[i]!;
    st.depth = 1;
    if (i !== n - (hasDefault ? 1 : 0) - 1) st.push(); // COPY of the subject
    const captures = patternDepth(st, m.pattern);
    st.pop(captures); // the stores
    if (m.guard) st.max = Math.max(st.max, st.depth + exprDepth(m.guard));
    st.max = Math.max(st.max, blockDepth(m.body, 0));
  }
  if (hasDefault) {
    if (last.guard) st.max = Math.max(st.max, exprDepth(last.guard));
    st.max = Math.max(st.max, blockDepth(last.body, 0));
  }
  return st.max;
}

function isWildcardPattern(p: Pattern): boolean {
  return p.kind === 'MatchAs' && p.pattern === null && p.name === null;
}

/** A pattern consumes the subject on top of the stack and leaves its captures; returns their count. */
function patternDepth(st: StackTrace, p: Pattern): number {
  switch (p.kind) {
    case 'MatchValue':
      // a literal is one (folded) constant
      if (p.value.kind === 'Attribute') st.expr(p.value);
      else st.push();
      st.pop(2); // COMPARE_OP, POP_JUMP_IF_FALSE
      return 0;
    case 'MatchSingleton':
      // `is None` becomes POP_JUMP_IF_NOT_NONE (the optimizer folds LOAD_CONST None; IS_OP)
      if (p.value.type === 'None') st.pop();
      else {
        st.push();
        st.pop(2);
      }
      return 0;
    case 'MatchStar':
    case 'MatchAs':
      if (p.kind === 'MatchAs' && p.pattern !== null) {
        st.push(); // COPY
        const inner = patternDepth(st, p.pattern);
        if (p.name !== null) return inner + 1;
        st.pop();
        return inner;
      }
      if (p.name === null) st.pop();
      return p.name !== null ? 1 : 0;
    case 'MatchOr': {
      const base = st.depth;
      let captures = 0;
      for (const alt of p.patterns) {
        st.depth = base;
        st.push(); // COPY
        captures = patternDepth(st, alt);
      }
      st.depth = base + captures - 1; // POP_TOP of the subject copy
      return captures;
    }
    case 'MatchSequence': {
      const size = p.patterns.length;
      const star = p.patterns.findIndex((q) => q.kind === 'MatchStar');
      const wildcard = (q: Pattern) => isWildcardPattern(q) || (q.kind === 'MatchStar' && q.name === null);
      st.push(); // MATCH_SEQUENCE
      st.pop();
      if (star < 0 || size > 1) {
        st.push(2); // GET_LEN, LOAD_CONST
        st.pop(2); // COMPARE_OP, POP_JUMP_IF_FALSE
      }
      if (p.patterns.every(wildcard)) {
        st.pop();
        return 0;
      }
      let captures = 0;
      if (star >= 0 && wildcard(p.patterns[star]!)) {
        p.patterns.forEach((q, i) => {
          if (wildcard(q)) return;
          st.push(); // COPY
          if (i < star) st.push();
          else {
            st.push(2); // GET_LEN, LOAD_CONST
            st.pop(); // BINARY_OP
          }
          st.pop(); // BINARY_SUBSCR
          captures += patternDepth(st, q);
        });
        st.pop();
        return captures;
      }
      st.pop();
      st.push(size); // UNPACK_SEQUENCE / UNPACK_EX
      for (const q of p.patterns) captures += patternDepth(st, q);
      return captures;
    }
    case 'MatchMapping': {
      const size = p.keys.length;
      st.push();
      st.pop();
      if (!size && p.rest === null) {
        st.pop();
        return 0;
      }
      if (size) {
        st.push(2);
        st.pop(2);
      }
      if (p.keys.every((k) => k.kind !== 'Attribute')) st.push(); // one constant tuple
      else {
        p.keys.forEach((k) => (k.kind === 'Attribute' ? st.expr(k) : st.push()));
        st.pop(size);
        st.push(); // BUILD_TUPLE
      }
      st.push(2); // MATCH_KEYS, COPY
      st.pop(); // POP_JUMP_IF_NONE (folded from LOAD_CONST None; IS_OP)
      st.pop();
      st.push(size); // UNPACK_SEQUENCE of the values
      let captures = 0;
      for (const q of p.patterns) captures += patternDepth(st, q);
      if (p.rest === null) {
        st.pop(2); // keys, subject
        return captures;
      }
      st.push(); // BUILD_MAP
      st.pop(); // DICT_UPDATE
      st.pop();
      st.push(size); // UNPACK_SEQUENCE of the keys
      for (let k = 0; k < size; k++) {
        st.push(); // COPY
        st.pop(2); // DELETE_SUBSCR
      }
      return captures + 1;
    }
    case 'MatchClass': {
      st.expr(p.cls);
      st.push(); // LOAD_CONST names
      st.pop(2); // MATCH_CLASS
      st.push(); // COPY
      st.pop(); // POP_JUMP_IF_NONE
      const subs = [...p.patterns, ...p.kwdPatterns];
      st.pop();
      st.push(subs.length); // UNPACK_SEQUENCE
      let captures = 0;
      for (const q of subs) {
        if (isWildcardPattern(q)) st.pop();
        else captures += patternDepth(st, q);
      }
      return captures;
    }
  }
}

/**
 * co_stacksize of a comprehension's hidden function: the collection being built (not for
 * a generator expression), one iterator per `for` clause, then what each clause evaluates
 * on top of them: an inner iterable, the loop target, the conditions, and the element.
 */
export function comprehensionStackSize(e: ExprOf<'ListComp' | 'SetComp' | 'DictComp' | 'GeneratorExp'>): number {
  const base = e.kind === 'GeneratorExp' ? 0 : 1;
  let max = 1 + e.generators.length; // RETURN_GENERATOR's value / the result, and the iterators
  e.generators.forEach((g, i) => {
    if (i > 0) max = Math.max(max, base + i + exprDepth(g.iter));
    const depth = base + i + 1; // this clause's iterator is on the stack
    max = Math.max(max, depth + Math.max(1, targetDepth(g.target)));
    for (const test of g.ifs) max = Math.max(max, depth + exprDepth(test));
  });
  const inner = base + e.generators.length;
  const element = e.kind === 'DictComp' ? Math.max(exprDepth(e.key), 1 + exprDepth(e.value)) : exprDepth(e.elt);
  return Math.max(max, inner + element);
}

function seqDepth(items: readonly Expr[], base: number): number {
  let max = base;
  items.forEach((e, i) => (max = Math.max(max, base + i + exprDepth(e))));
  return max;
}

export function exprDepth(e: Expr): number {
  // the AST optimizer folds constant expressions into one LOAD_CONST
  if ((e.kind === 'Tuple' || e.kind === 'BinOp' || e.kind === 'UnaryOp') && isConstantTree(e)) return 1;
  switch (e.kind) {
    case 'Name':
    case 'Constant':
    case 'Lambda':
      return 1;
    case 'Attribute':
      return exprDepth(e.value);
    case 'Subscript':
      return Math.max(exprDepth(e.value), 1 + exprDepth(e.slice));
    case 'Slice':
      return seqDepth([e.lower, e.upper, e.step].filter(Boolean) as Expr[], 0) || 1;
    case 'BinOp':
      return Math.max(exprDepth(e.left), 1 + exprDepth(e.right));
    case 'UnaryOp':
      return exprDepth(e.operand);
    case 'BoolOp':
      return Math.max(...e.values.map(exprDepth));
    case 'Compare': {
      let max = exprDepth(e.left);
      e.comparators.forEach((c, i) => (max = Math.max(max, 1 + exprDepth(c) + (i < e.comparators.length - 1 ? 1 : 0))));
      return max;
    }
    case 'IfExp':
      return Math.max(exprDepth(e.test), exprDepth(e.body), exprDepth(e.orelse));
    case 'Call': {
      const base = e.func.kind === 'Attribute' ? Math.max(exprDepth(e.func.value), 2) : Math.max(1 + exprDepth(e.func), 2);
      return Math.max(base, seqDepth([...e.args, ...e.keywords.map((k) => k.value)], 2));
    }
    case 'Tuple':
    case 'List':
    case 'Set':
      return Math.max(1, seqDepth(e.elts, 0));
    case 'Dict': {
      let max = 1;
      e.values.forEach((v, i) => {
        const k = e.keys[i];
        max = Math.max(max, 2 * i + (k ? exprDepth(k) : 0), 2 * i + 1 + exprDepth(v));
      });
      return max;
    }
    case 'JoinedStr':
      return Math.max(1, seqDepth(e.values, 0));
    case 'FormattedValue':
      return Math.max(exprDepth(e.value), e.formatSpec ? 1 + exprDepth(e.formatSpec) : 0);
    case 'ListComp':
    case 'SetComp':
    case 'DictComp':
    case 'GeneratorExp':
      return Math.max(2, exprDepth(e.generators[0]!.iter));
    case 'NamedExpr':
      return exprDepth(e.value) + 1;
    case 'Yield':
      return e.value ? exprDepth(e.value) : 1;
    case 'YieldFrom':
    case 'Await':
      return Math.max(exprDepth(e.value), 2);
    case 'Starred':
      return exprDepth(e.value);
  }
}
