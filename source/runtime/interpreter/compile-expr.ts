/**
 * Expressions → closures. Each closure evaluates its node in a frame and returns a new
 * reference, exactly as CPython's bytecode leaves a new reference on the value stack;
 * temporaries are released as soon as the operation that consumes them is done.
 *
 * Before an operation that can raise, a closure records its node's position in
 * `f.instr`, which the traceback printer uses for the caret line.
 */
import type { Expr, ExprOf, Position } from '../../python/ast.js';
import { assertNever } from '../../python/ast.js';
import type { PyObject } from '../objects/object.js';
import { EQ, NE, LT, LE, GT, GE, type RichOp } from '../objects/object.js';
import type { CodeContext } from './context.js';
import type { Frame } from './frame.js';
import type { ExprFn } from './code.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { None, newNone } from '../objects/singletons.js';
import { PyInt, intType, newBool, True, False, addValues, subValues, compareValues, newIntValue } from '../objects/int.js';
import { PyStr, newStr, strType } from '../objects/str.js';
import { newTuple, newEmptyTuple, type PyTuple } from '../objects/tuple.js';
import { newList, listAppendSteal, PyList } from '../objects/list.js';
import { newDict, dictGetStr, dictSetSteal, dictStoreName, PyDict, dictType } from '../objects/dict.js';
import { newSet, setAdd, PySet } from '../objects/set.js';
import { newSlice } from '../objects/range.js';
import { cellSet, type PyCell } from '../objects/function.js';
import {
  binaryOp, call, callMethod, contains, getAttr, getItem, getIter, isTrue, iterNext, loadMethod, richCompare, richCompareBool,
  unaryOp, strObject, reprObject, iterateToArray, typeName,
} from '../protocols/abstract.js';
import { nameError, unboundFree, unboundLocal, joinStrings } from './ops.js';
import { compileConstant, compileConstantObject, foldConstant, foldDisplay, isConstantTree } from './constants.js';
import { compileFunctionObject, compileComprehension } from './compile-function.js';
import { formatObject } from '../objects/format.js';
import { asciiOf } from '../builtins/text.js';
import { dictMergeFrom, forEachKeyOf } from '../objects/dict-methods.js';
import { listExtend } from '../objects/list-methods.js';
import { setUpdateFrom } from '../objects/set-methods.js';
import { UnsupportedSyntax } from '../../python/syntax-error.js';
import { rt } from '../runtime.js';

export function compileExpr(e: Expr, cx: CodeContext): ExprFn {
  if ((e.kind === 'BinOp' || e.kind === 'UnaryOp' || e.kind === 'Tuple' || e.kind === 'Subscript') && isConstantTree(e)) {
    // The AST optimizer folds constant expressions into one constant (ast_opt.c).
    const folded = foldConstant(e, cx);
    if (folded !== null) return compileConstantObject(folded, cx);
  }
  switch (e.kind) {
    case 'Constant':
      return compileConstant(e, cx);
    case 'Name':
      return compileNameLoad(e.id, cx, e);
    case 'Attribute':
      return compileAttribute(e, cx);
    case 'Subscript':
      return compileSubscript(e, cx);
    case 'Call':
      return compileCall(e, cx);
    case 'BinOp':
      return compileBinOp(e, cx);
    case 'UnaryOp':
      return compileUnaryOp(e, cx);
    case 'BoolOp':
      return compileBoolOp(e, cx);
    case 'Compare':
      return compileCompare(e, cx);
    case 'IfExp': {
      const test = compileTest(e.test, cx);
      const body = compileExpr(e.body, cx);
      const orelse = compileExpr(e.orelse, cx);
      return (f) => (test(f) ? body(f) : orelse(f));
    }
    case 'Tuple':
      return compileSequence(e.elts, cx, 'tuple', e);
    case 'List':
      return compileSequence(e.elts, cx, 'list', e);
    case 'Set':
      return compileSet(e, cx);
    case 'Dict':
      return compileDict(e, cx);
    case 'JoinedStr':
      return compileJoinedStr(e, cx);
    case 'FormattedValue':
      return compileFormattedValue(e, cx);
    case 'Slice':
      return compileSlice(e, cx);
    case 'Lambda':
      return compileFunctionObject(e, cx);
    case 'ListComp':
    case 'SetComp':
    case 'DictComp':
    case 'GeneratorExp':
      return compileComprehension(e, cx);
    case 'NamedExpr': {
      const value = compileExpr(e.value, cx);
      const store = compileNameStore(e.target.id, cx);
      return (f) => {
        const v = value(f);
        incref(v);
        store(f, v);
        return v;
      };
    }
    case 'Starred':
      throw new UnsupportedSyntax('a starred expression here', e.line);
    case 'Yield':
    case 'YieldFrom':
      throw new UnsupportedSyntax('yield inside this expression', e.line);
    case 'Await':
      throw new UnsupportedSyntax('await (async code)', e.line);
    default:
      return assertNever(e, 'expression');
  }
}

/** A condition evaluated to a JS boolean (POP_JUMP_IF_FALSE), with fast paths. */
export function compileTest(e: Expr, cx: CodeContext): (f: Frame) => boolean {
  if (e.kind === 'UnaryOp' && e.op === 'Not') {
    const inner = compileTest(e.operand, cx);
    return (f) => !inner(f);
  }
  if (e.kind === 'Compare' && e.ops.length === 1) {
    const cmp = compileCompareBool(e, cx);
    if (cmp) return cmp;
  }
  const v = compileExpr(e, cx);
  return (f) => {
    const o = v(f);
    if (o === True) {
      decref(o);
      return true;
    }
    if (o === False || o === None) {
      decref(o);
      return false;
    }
    try {
      return isTrue(o);
    } finally {
      decref(o);
    }
  };
}

// ---------------------------------------------------------------- names

export function compileNameLoad(name: string, cx: CodeContext, pos: Position): ExprFn {
  const kind = cx.scope.kindOf(name);
  switch (kind) {
    case 'local': {
      const i = cx.varIndex.get(name)!;
      return (f) => {
        const v = f.locals[i];
        if (v === null || v === undefined) {
          f.instr = pos;
          throw unboundLocal(name);
        }
        incref(v);
        return v;
      };
    }
    case 'cell':
    case 'free': {
      const j = cx.cellIndex.get(name)!;
      if (cx.scope.kind === 'class') {
        // LOAD_CLASSDEREF: the class namespace first, then the enclosing function's cell.
        return (f) => {
          const v = f.ns !== null ? dictGetStr(f.ns, name) : null;
          if (v !== null) return newref(v);
          const c = f.cells[j]!.contents;
          if (c === null) {
            f.instr = pos;
            throw unboundFree(name);
          }
          return newref(c);
        };
      }
      return (f) => {
        const v = f.cells[j]!.contents;
        if (v === null) {
          f.instr = pos;
          throw kind === 'cell' ? unboundLocal(name) : unboundFree(name);
        }
        incref(v);
        return v;
      };
    }
    case 'global-explicit':
    case 'global-implicit':
      cx.useName(name);
      return (f) => {
        let v = dictGetStr(f.globals, name);
        if (v === null) v = dictGetStr(f.builtins, name);
        if (v === null) {
          f.instr = pos;
          throw nameError(name);
        }
        incref(v);
        return v;
      };
    case 'name':
      cx.useName(name);
      return (f) => {
        let v = f.ns !== null ? dictGetStr(f.ns, name) : null;
        if (v === null) v = dictGetStr(f.globals, name);
        if (v === null) v = dictGetStr(f.builtins, name);
        if (v === null) {
          f.instr = pos;
          throw nameError(name);
        }
        incref(v);
        return v;
      };
  }
}

export type StoreFn = (f: Frame, v: PyObject) => void;

/** Store a new reference into a name (the reference is stolen). */
export function compileNameStore(name: string, cx: CodeContext): StoreFn {
  const kind = cx.scope.kindOf(name);
  switch (kind) {
    case 'local': {
      const i = cx.varIndex.get(name)!;
      return (f, v) => f.setLocal(i, v);
    }
    case 'cell':
    case 'free': {
      const j = cx.cellIndex.get(name)!;
      return (f, v) => cellSet(f.cells[j] as PyCell, v);
    }
    case 'global-explicit':
    case 'global-implicit': {
      const key = cx.useName(name);
      return (f, v) => dictStoreName(f.globals, key, v);
    }
    case 'name': {
      const key = cx.useName(name);
      return (f, v) => dictStoreName(f.ns ?? f.globals, key, v);
    }
  }
}

// ---------------------------------------------------------------- attribute, subscript

function compileAttribute(e: ExprOf<'Attribute'>, cx: CodeContext): ExprFn {
  const value = compileExpr(e.value, cx);
  const name = e.attr;
  cx.useName(name);
  return (f) => {
    const o = value(f);
    f.instr = e;
    try {
      return getAttr(o, name);
    } finally {
      decref(o);
    }
  };
}

function compileSubscript(e: ExprOf<'Subscript'>, cx: CodeContext): ExprFn {
  checkSubscript(e, cx);
  const value = compileExpr(e.value, cx);
  const index = compileExpr(e.slice, cx);
  return (f) => {
    const o = value(f);
    let k: PyObject;
    try {
      k = index(f);
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

function compileSlice(e: ExprOf<'Slice'>, cx: CodeContext): ExprFn {
  const lower = e.lower ? compileExpr(e.lower, cx) : null;
  const upper = e.upper ? compileExpr(e.upper, cx) : null;
  const step = e.step ? compileExpr(e.step, cx) : null;
  return (f) => {
    const a = lower ? lower(f) : newNone();
    const b = upper ? upper(f) : newNone();
    const c = step ? step(f) : newNone();
    return newSlice(a, b, c);
  };
}

// ---------------------------------------------------------------- calls

type ArgPlan = { fns: ExprFn[]; starred: boolean[]; kwnames: string[]; kwStarStar: (ExprFn | null)[] };

function compileArgs(e: ExprOf<'Call'>, cx: CodeContext): ArgPlan {
  const fns: ExprFn[] = [];
  const starred: boolean[] = [];
  for (const a of e.args) {
    if (a.kind === 'Starred') {
      fns.push(compileExpr(a.value, cx));
      starred.push(true);
    } else {
      fns.push(compileExpr(a, cx));
      starred.push(false);
    }
  }
  const kwnames: string[] = [];
  const kwStarStar: (ExprFn | null)[] = [];
  for (const k of e.keywords) {
    if (k.arg === null) {
      kwStarStar.push(compileExpr(k.value, cx));
      kwnames.push('**');
    } else {
      kwStarStar.push(compileExpr(k.value, cx));
      kwnames.push(k.arg);
    }
  }
  return { fns, starred, kwnames, kwStarStar };
}

/** Evaluate arguments into [positional..., keyword values...] and the keyword names. */
function evaluateArgs(f: Frame, plan: ArgPlan, out: PyObject[]): readonly string[] | null {
  const { fns, starred, kwnames, kwStarStar } = plan;
  for (let i = 0; i < fns.length; i++) {
    const v = fns[i]!(f);
    if (starred[i]) {
      try {
        for (const x of iterateStarred(v)) out.push(x);
      } finally {
        decref(v);
      }
    } else out.push(v);
  }
  if (!kwnames.length) return null;
  const names: string[] = [];
  for (let i = 0; i < kwnames.length; i++) {
    const v = kwStarStar[i]!(f);
    if (kwnames[i] !== '**') {
      names.push(kwnames[i]!);
      out.push(v);
      continue;
    }
    try {
      for (const [k, val] of mappingItems(v)) {
        if (names.includes(k)) {
          decref(val);
          throw pyError(E.TypeError!, `got multiple values for keyword argument '${k}'`);
        }
        names.push(k);
        out.push(val);
      }
    } finally {
      decref(v);
    }
  }
  return names;
}

function iterateStarred(v: PyObject): PyObject[] {
  try {
    return iterateToArray(v);
  } catch (e) {
    if (e instanceof PyRaise && e.exc.type === E.TypeError && v.type.iter === null && v.type.getitem === null) {
      decref(e.exc);
      throw pyError(E.TypeError!, `Value after * must be an iterable, not ${typeName(v)}`);
    }
    throw e;
  }
}

/** Items of a ** mapping as (str key, new value reference). */
function mappingItems(m: PyObject): [string, PyObject][] {
  const out: [string, PyObject][] = [];
  try {
    if (m instanceof PyDict) {
      for (let i = 0; i < m.keys.length; i++) {
        const k = m.keys[i];
        if (!k) continue;
        if (!(k instanceof PyStr)) throw pyError(E.TypeError!, 'keywords must be strings');
        out.push([k.v, newref(m.values[i]!)]);
      }
    } else {
      forEachKeyOf(callMethod(m, 'keys'), (k) => {
        if (!(k instanceof PyStr)) throw pyError(E.TypeError!, 'keywords must be strings');
        out.push([k.v, getItem(m, k)]);
      });
    }
  } catch (e) {
    // The values taken before a key that is not a str go back (a dict's as well).
    for (const [, v] of out) decref(v);
    throw e;
  }
  return out;
}

function compileCall(e: ExprOf<'Call'>, cx: CodeContext): ExprFn {
  if (e.func.kind !== 'Attribute') checkCaller(e, cx);
  const plan = compileArgs(e, cx);
  const simple = !plan.starred.some(Boolean) && !plan.kwnames.includes('**');
  const kwnames = simple && plan.kwnames.length ? plan.kwnames : null;
  // obj.method(...) without creating a bound method (LOAD_METHOD / CALL).
  if (e.func.kind === 'Attribute') {
    const objFn = compileExpr(e.func.value, cx);
    const name = e.func.attr;
    const attrPos = e.func;
    cx.useName(name);
    const n = plan.fns.length;
    return (f) => {
      const obj = objFn(f);
      f.instr = attrPos;
      let m;
      try {
        m = loadMethod(obj, name);
      } finally {
        decref(obj);
      }
      const args: PyObject[] = [];
      if (m.self !== null) args.push(m.self);
      try {
        let names: readonly string[] | null = kwnames;
        try {
          if (simple) {
            for (let i = 0; i < n; i++) args.push(plan.fns[i]!(f));
            if (kwnames) for (const kv of plan.kwStarStar) args.push(kv!(f));
          } else names = evaluateArgs(f, plan, args);
        } catch (err) {
          for (const a of args) decref(a);
          throw err;
        }
        f.instr = e;
        return call(m.func, args, names);
      } finally {
        decref(m.func);
      }
    };
  }
  const fnExpr = compileExpr(e.func, cx);
  const n = plan.fns.length;
  if (simple && !kwnames && n === 1) {
    const a0 = plan.fns[0]!;
    return (f) => {
      const fn = fnExpr(f);
      try {
        const x = a0(f);
        f.instr = e;
        return call(fn, [x], null);
      } finally {
        decref(fn);
      }
    };
  }
  return (f) => {
    const fn = fnExpr(f);
    try {
      const args: PyObject[] = [];
      let names: readonly string[] | null = kwnames;
      try {
        if (simple) {
          for (let i = 0; i < n; i++) args.push(plan.fns[i]!(f));
          if (kwnames) for (const kv of plan.kwStarStar) args.push(kv!(f));
        } else names = evaluateArgs(f, plan, args);
      } catch (err) {
        for (const a of args) decref(a);
        throw err;
      }
      f.instr = e;
      return call(fn, args, names);
    } finally {
      decref(fn);
    }
  };
}

// ---------------------------------------------------------------- operators

const BINOP_SLOTS = {
  Add: 'add', Sub: 'sub', Mult: 'mul', MatMult: 'matmul', Div: 'truediv', Mod: 'mod', Pow: 'pow',
  LShift: 'lshift', RShift: 'rshift', BitOr: 'or', BitXor: 'xor', BitAnd: 'and', FloorDiv: 'floordiv',
} as const;

export function binarySlotOf(op: keyof typeof BINOP_SLOTS) {
  return BINOP_SLOTS[op];
}

function compileBinOp(e: ExprOf<'BinOp'>, cx: CodeContext): ExprFn {
  const left = compileExpr(e.left, cx);
  const right = compileExpr(e.right, cx);
  const slot = BINOP_SLOTS[e.op];
  if (slot === 'add' || slot === 'sub') {
    const add = slot === 'add';
    return (f) => {
      const a = left(f);
      let b: PyObject;
      try {
        b = right(f);
      } catch (err) {
        decref(a);
        throw err;
      }
      // int + int fast path (BINARY_OP_ADD_INT)
      if (a.type === intType && b.type === intType) {
        const r = newIntValue(add ? addValues((a as PyInt).v, (b as PyInt).v) : subValues((a as PyInt).v, (b as PyInt).v));
        decref(a);
        decref(b);
        return r;
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
  return (f) => {
    const a = left(f);
    let b: PyObject;
    try {
      b = right(f);
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

function compileUnaryOp(e: ExprOf<'UnaryOp'>, cx: CodeContext): ExprFn {
  if (e.op === 'Not') {
    const test = compileTest(e.operand, cx);
    return (f) => newBool(!test(f));
  }
  const operand = compileExpr(e.operand, cx);
  const which = e.op === 'USub' ? 'neg' : e.op === 'UAdd' ? 'pos' : 'invert';
  return (f) => {
    const o = operand(f);
    f.instr = e;
    try {
      return unaryOp(o, which);
    } finally {
      decref(o);
    }
  };
}

function compileBoolOp(e: ExprOf<'BoolOp'>, cx: CodeContext): ExprFn {
  const values = e.values.map((v) => compileExpr(v, cx));
  const isAnd = e.op === 'And';
  return (f) => {
    let v = values[0]!(f);
    for (let i = 1; i < values.length; i++) {
      const t = isTrue(v);
      if (isAnd ? !t : t) return v;
      decref(v);
      v = values[i]!(f);
    }
    return v;
  };
}

const RICH_OPS: Record<string, RichOp> = { Eq: EQ, NotEq: NE, Lt: LT, LtE: LE, Gt: GT, GtE: GE };

/** One comparison of two evaluated operands (borrowed), as a new reference. */
function compareOnce(op: string, a: PyObject, b: PyObject): PyObject {
  switch (op) {
    case 'Is':
      return newBool(a === b);
    case 'IsNot':
      return newBool(a !== b);
    case 'In':
      return newBool(contains(b, a));
    case 'NotIn':
      return newBool(!contains(b, a));
    default:
      return richCompare(a, b, RICH_OPS[op]!);
  }
}

/** compiler_warn: a SyntaxWarning printed at compile time with the source line. */
function compilerWarn(cx: CodeContext, pos: Position, msg: string): void {
  // warnings.formatwarning shows the source line when linecache can read the file
  const source = cx.module.filename.startsWith('<') ? '' : `  ${cx.line(pos).trim()}\n`;
  rt.writeStderr(`${cx.module.filename}:${pos.line}: SyntaxWarning: ${msg}\n${source}`);
}

/** infer_type: the type a display or constant expression will certainly produce. */
function inferTypeName(e: Expr): string | null {
  switch (e.kind) {
    case 'Tuple':
      return 'tuple';
    case 'List':
    case 'ListComp':
      return 'list';
    case 'Dict':
    case 'DictComp':
      return 'dict';
    case 'Set':
    case 'SetComp':
      return 'set';
    case 'GeneratorExp':
      return 'generator';
    case 'Lambda':
      return 'function';
    case 'JoinedStr':
    case 'FormattedValue':
      return 'str';
    case 'Constant':
      return ({ int: 'int', float: 'float', complex: 'complex', str: 'str', bytes: 'bytes', bool: 'bool', None: 'NoneType', Ellipsis: 'ellipsis' } as const)[e.value.type];
    default:
      return null;
  }
}

/** check_caller: calling a literal ("perhaps you missed a comma?"). */
function checkCaller(e: ExprOf<'Call'>, cx: CodeContext): void {
  const f = e.func;
  if (['Constant', 'Tuple', 'List', 'ListComp', 'Dict', 'DictComp', 'Set', 'SetComp', 'GeneratorExp', 'JoinedStr', 'FormattedValue'].includes(f.kind)) {
    compilerWarn(cx, e, `'${inferTypeName(f)}' object is not callable; perhaps you missed a comma?`);
  }
}

/** check_subscripter and check_index for `x[i]` in a load. */
function checkSubscript(e: ExprOf<'Subscript'>, cx: CodeContext): void {
  const v = e.value;
  const notSubscriptable =
    (v.kind === 'Constant' && ['None', 'Ellipsis', 'int', 'float', 'complex', 'bool'].includes(v.value.type)) ||
    v.kind === 'Set' || v.kind === 'SetComp' || v.kind === 'GeneratorExp' || v.kind === 'Lambda';
  if (notSubscriptable) {
    compilerWarn(cx, e, `'${inferTypeName(v)}' object is not subscriptable; perhaps you missed a comma?`);
    return;
  }
  const indexType = inferTypeName(e.slice);
  if (indexType === null || indexType === 'int' || indexType === 'bool' || e.slice.kind === 'Slice') return;
  const indexable = (v.kind === 'Constant' && ['str', 'bytes'].includes(v.value.type)) || ['Tuple', 'List', 'ListComp', 'JoinedStr', 'FormattedValue'].includes(v.kind);
  if (indexable) {
    compilerWarn(cx, e, `${inferTypeName(v)} indices must be integers or slices, not ${indexType}; perhaps you missed a comma?`);
  }
}

/**
 * The compiler's "is" with a literal SyntaxWarning (check_compare): one per comparison
 * chain, for an operand that is a constant after folding other than None/True/False/....
 */
function checkCompare(e: ExprOf<'Compare'>, cx: CodeContext): void {
  let left = !isLiteral(e.left);
  for (let i = 0; i < e.ops.length; i++) {
    const op = e.ops[i]!;
    const right = !isLiteral(e.comparators[i]!);
    if ((op === 'Is' || op === 'IsNot') && (!left || !right)) {
      const msg = op === 'Is' ? '"is" with a literal. Did you mean "=="?' : '"is not" with a literal. Did you mean "!="?';
      compilerWarn(cx, e, msg);
      return;
    }
    left = right;
  }
}

function isLiteral(e: Expr): boolean {
  switch (e.kind) {
    case 'Constant':
      return !['None', 'bool', 'Ellipsis'].includes(e.value.type);
    case 'Tuple':
      return e.elts.every((x) => x.kind === 'Constant' || isLiteral(x));
    case 'UnaryOp':
      return e.op !== 'Not' && e.operand.kind === 'Constant' && ['int', 'float', 'complex'].includes(e.operand.value.type);
    case 'BinOp':
      return isLiteral(e.left) && isLiteral(e.right);
    default:
      return false;
  }
}

/** The last operand of `in`/`not in` is an iterable: a constant display there is folded. */
function compileComparator(op: string, e: Expr, cx: CodeContext): ExprFn {
  return op === 'In' || op === 'NotIn' ? compileIterable(e, cx) : compileExpr(e, cx);
}

/**
 * An expression used only for iteration or membership (fold_iter in ast_opt.c): a list or
 * set display of constants becomes a constant tuple or frozenset.
 */
export function compileIterable(e: Expr, cx: CodeContext): ExprFn {
  if ((e.kind === 'List' || e.kind === 'Set') && e.elts.every((x) => x.kind !== 'Starred' && isConstantTree(x))) {
    const folded = foldDisplay(e.elts, e.kind === 'List' ? 'tuple' : 'frozenset', cx);
    if (folded !== null) return compileConstantObject(folded, cx);
  }
  return compileExpr(e, cx);
}

function compileCompare(e: ExprOf<'Compare'>, cx: CodeContext): ExprFn {
  checkCompare(e, cx);
  const left = compileExpr(e.left, cx);
  const last = e.comparators.length - 1;
  const rights = e.comparators.map((c, i) => (i === last ? compileComparator(e.ops[i]!, c, cx) : compileExpr(c, cx)));
  const ops = e.ops;
  return (f) => {
    let a = left(f);
    for (let i = 0; i < ops.length; i++) {
      let b: PyObject;
      try {
        b = rights[i]!(f);
      } catch (err) {
        decref(a);
        throw err;
      }
      f.instr = e;
      let r: PyObject;
      try {
        r = compareOnce(ops[i]!, a, b);
      } catch (err) {
        decref(a);
        decref(b);
        throw err;
      }
      decref(a);
      if (i === ops.length - 1) {
        decref(b);
        return r;
      }
      let t: boolean;
      try {
        t = isTrue(r);
      } catch (err) {
        decref(b);
        decref(r);
        throw err;
      }
      if (!t) {
        decref(b);
        return r;
      }
      decref(r);
      a = b;
    }
    return a;
  };
}

/** A single comparison used as a condition, without building a bool object when possible. */
function compileCompareBool(e: ExprOf<'Compare'>, cx: CodeContext): ((f: Frame) => boolean) | null {
  checkCompare(e, cx);
  const op = e.ops[0]!;
  const left = compileExpr(e.left, cx);
  const right = compileComparator(op, e.comparators[0]!, cx);
  const rich = RICH_OPS[op];
  return (f) => {
    const a = left(f);
    let b: PyObject;
    try {
      b = right(f);
    } catch (err) {
      decref(a);
      throw err;
    }
    f.instr = e;
    try {
      if (rich !== undefined) {
        if (a.type === intType && b.type === intType) {
          const c = compareValues((a as PyInt).v, (b as PyInt).v);
          switch (rich) {
            case LT:
              return c < 0;
            case LE:
              return c <= 0;
            case EQ:
              return c === 0;
            case NE:
              return c !== 0;
            case GT:
              return c > 0;
            default:
              return c >= 0;
          }
        }
        return richCompareBool(a, b, rich);
      }
      switch (op) {
        case 'Is':
          return a === b;
        case 'IsNot':
          return a !== b;
        case 'In':
          return contains(b, a);
        default:
          return !contains(b, a);
      }
    } finally {
      decref(a);
      decref(b);
    }
  };
}

// ---------------------------------------------------------------- displays

function compileSequence(elts: readonly Expr[], cx: CodeContext, kind: 'tuple' | 'list', pos: Position): ExprFn {
  // A list display of 3+ constants: BUILD_LIST 0 + LIST_EXTEND from a constant tuple, which
  // rounds the capacity up to even (section 1.3).
  if (kind === 'list' && elts.length >= 3 && elts.every((x) => x.kind !== 'Starred' && isConstantTree(x))) {
    const folded = foldDisplay(elts, 'tuple', cx);
    if (folded !== null) {
      const load = compileConstantObject(folded, cx);
      return (f) => {
        const t = load(f) as PyTuple;
        const l = newList(t.items.map((x) => newref(x)), (t.items.length + 1) & ~1);
        decref(t);
        return l;
      };
    }
  }
  const hasStar = elts.some((x) => x.kind === 'Starred');
  const fns = elts.map((x) => compileExpr(x.kind === 'Starred' ? x.value : x, cx));
  const starred = elts.map((x) => x.kind === 'Starred');
  if (!hasStar) {
    const n = fns.length;
    const bigDisplay = kind === 'list' && n > 30;
    if (kind === 'tuple' && n === 0) return () => newEmptyTuple();
    return (f) => {
      const items: PyObject[] = new Array(n);
      let i = 0;
      try {
        for (; i < n; i++) items[i] = fns[i]!(f);
      } catch (err) {
        for (let j = 0; j < i; j++) decref(items[j]!);
        throw err;
      }
      if (kind === 'tuple') return newTuple(items);
      if (bigDisplay) return listByAppends(items);
      return newList(items, n);
    };
  }
  // BUILD_LIST + LIST_APPEND / LIST_EXTEND (+ LIST_TO_TUPLE for a tuple display)
  return (f) => {
    const l = newList([], 0);
    try {
      for (let i = 0; i < fns.length; i++) {
        const v = fns[i]!(f);
        if (starred[i]) {
          f.instr = pos;
          try {
            extendStarred(l, v);
          } finally {
            decref(v);
          }
        } else listAppendSteal(l, v);
      }
    } catch (err) {
      decref(l);
      throw err;
    }
    if (kind === 'list') return l;
    const t = newTuple(l.items.map((x) => newref(x)));
    decref(l);
    return t;
  };
}

function extendStarred(l: PyList, v: PyObject): void {
  try {
    listExtend(l, v);
  } catch (e) {
    if (e instanceof PyRaise && e.exc.type === E.TypeError && v.type.iter === null && v.type.getitem === null) {
      decref(e.exc);
      throw pyError(E.TypeError!, `Value after * must be an iterable, not ${typeName(v)}`);
    }
    throw e;
  }
}

function listByAppends(items: PyObject[]): PyObject {
  const l = newList([], 0);
  for (const x of items) listAppendSteal(l, x);
  return l;
}

function compileSet(e: ExprOf<'Set'>, cx: CodeContext): ExprFn {
  // {1, 2, 3, ...}: BUILD_SET 0 + SET_UPDATE from a constant frozenset (one presize).
  if (e.elts.length >= 3 && e.elts.every((x) => x.kind !== 'Starred' && isConstantTree(x))) {
    const folded = foldDisplay(e.elts, 'frozenset', cx);
    if (folded !== null) {
      const load = compileConstantObject(folded, cx);
      return (f) => {
        const frozen = load(f);
        const s = newSet();
        try {
          setUpdateFrom(s, frozen);
        } catch (err) {
          decref(s);
          throw err;
        } finally {
          decref(frozen);
        }
        return s;
      };
    }
  }
  const fns = e.elts.map((x) => compileExpr(x.kind === 'Starred' ? x.value : x, cx));
  const starred = e.elts.map((x) => x.kind === 'Starred');
  // BUILD_SET n (no star, at most 30 items): the items are evaluated first, then the set
  // is made — the order of the objects in the collector's lists depends on it.
  if (!starred.some((x) => x) && fns.length <= 30) {
    return (f) => {
      const items = evaluateAll(fns, f);
      f.instr = e;
      const s = newSet();
      try {
        for (const v of items) setAdd(s, v);
        return s;
      } catch (err) {
        decref(s);
        throw err;
      } finally {
        for (const v of items) decref(v);
      }
    };
  }
  return (f) => {
    const s = newSet();
    try {
      for (let i = 0; i < fns.length; i++) {
        const v = fns[i]!(f);
        try {
          f.instr = e;
          if (starred[i]) setUpdateFrom(s, v);
          else setAdd(s, v);
        } finally {
          decref(v);
        }
      }
      return s;
    } catch (err) {
      decref(s);
      throw err;
    }
  };
}

/** Evaluate expressions left to right into owned values (released again on an error). */
function evaluateAll(fns: readonly ExprFn[], f: Frame): PyObject[] {
  const out: PyObject[] = [];
  try {
    for (const fn of fns) out.push(fn(f));
  } catch (err) {
    for (const v of out) decref(v);
    throw err;
  }
  return out;
}

function compileDict(e: ExprOf<'Dict'>, cx: CodeContext): ExprFn {
  const keys = e.keys.map((k) => (k ? compileExpr(k, cx) : null));
  const values = e.values.map((v) => compileExpr(v, cx));
  // BUILD_MAP n / BUILD_CONST_KEY_MAP (no **, at most 15 pairs): keys and values first,
  // then the dict.
  if (keys.every((k) => k !== null) && values.length <= 15) {
    const fns: ExprFn[] = [];
    for (let i = 0; i < values.length; i++) fns.push(keys[i]!, values[i]!);
    return (f) => {
      const items = evaluateAll(fns, f);
      f.instr = e;
      const d = newDict();
      let i = 0;
      try {
        for (; i < items.length; i += 2) dictSetSteal(d, items[i]!, items[i + 1]!);
        return d;
      } catch (err) {
        for (let j = i + 2; j < items.length; j++) decref(items[j]!);
        decref(d);
        throw err;
      }
    };
  }
  return (f) => {
    const d = newDict();
    try {
      for (let i = 0; i < values.length; i++) {
        const kf = keys[i];
        if (kf === null) {
          const m = values[i]!(f);
          f.instr = e;
          try {
            dictMergeFrom(d, m, true);
          } finally {
            decref(m);
          }
          continue;
        }
        const k = kf!(f);
        let v: PyObject;
        try {
          v = values[i]!(f);
        } catch (err) {
          decref(k);
          throw err;
        }
        f.instr = e;
        dictSetSteal(d, k, v);
      }
      return d;
    } catch (err) {
      decref(d);
      throw err;
    }
  };
}

// ---------------------------------------------------------------- f-strings

function compileJoinedStr(e: ExprOf<'JoinedStr'>, cx: CodeContext): ExprFn {
  const parts = e.values.map((v) => compileExpr(v, cx));
  if (parts.length === 1) return parts[0]!;
  return (f) => {
    const out: PyObject[] = [];
    try {
      for (const p of parts) out.push(p(f));
    } catch (err) {
      for (const x of out) decref(x);
      throw err;
    }
    return joinStrings(out);
  };
}

function compileFormattedValue(e: ExprOf<'FormattedValue'>, cx: CodeContext): ExprFn {
  const value = compileExpr(e.value, cx);
  const spec = e.formatSpec ? compileExpr(e.formatSpec, cx) : null;
  const conversion = e.conversion;
  return (f) => {
    let v = value(f);
    f.instr = e;
    try {
      if (conversion === 115) {
        const s = strObject(v);
        decref(v);
        v = s;
      } else if (conversion === 114) {
        const s = reprObject(v);
        decref(v);
        v = s;
      } else if (conversion === 97) {
        const s = newStr(asciiOf(v));
        decref(v);
        v = s;
      }
      const specObj = spec ? spec(f) : null;
      try {
        const specStr = specObj ? (specObj as PyStr).v : '';
        if (!specStr && v.type === strType) return newref(v);
        return newStr(formatObject(v, specStr));
      } finally {
        if (specObj) decref(specObj);
      }
    } finally {
      decref(v);
    }
  };
}

export { newList, PyList, dictType, PySet, iterNext, getIter, newTuple };
