/**
 * An estimate of CPython 3.11's co_stacksize (the deepest the value stack gets), which
 * decides the size of generator objects (168 + 8·(co_nlocalsplus + co_stacksize)).
 * It follows the 3.11 compiler's stack effects for the common constructs.
 */
import type { Expr, Stmt } from '../../python/ast.js';
import type { Scope } from './scope.js';

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
      const handlers = s.handlers.map((h) => Math.max(h.type ? 2 + exprDepth(h.type) : 2, blockDepth(h.body, 1)));
      return Math.max(blockDepth(s.body, 0), ...handlers, blockDepth(s.orelse, 0), blockDepth(s.finalbody, s.finalbody.length ? 1 : 0), s.handlers.length ? 3 : 2);
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
    default:
      return 0;
  }
}

function seqDepth(items: readonly Expr[], base: number): number {
  let max = base;
  items.forEach((e, i) => (max = Math.max(max, base + i + exprDepth(e))));
  return max;
}

export function exprDepth(e: Expr): number {
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
