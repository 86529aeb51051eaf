/**
 * Literal constants and compile-time folding (CPython's ast_opt.c), with the reference
 * structure of a main script: every literal is held by the AST arena while the module
 * runs, equal constants are merged across the module, and each code object that uses a
 * constant holds it once in co_consts.
 */
import type { ConstantValue, Expr, ExprOf } from '../../python/ast.js';
import type { PyObject } from '../objects/object.js';
import type { CodeContext } from './context.js';
import type { ExprFn } from './code.js';
import { incref } from '../heap/refcount.js';
import { PyRaise } from '../errors.js';
import { decref } from '../heap/refcount.js';
import { newIntValue, True, False, PyInt, intType, bitLength, normalize } from '../objects/int.js';
import { newFloat, floatType, PyFloat } from '../objects/float.js';
import { internStr, isIdentifierLike, newStr, strType, PyStr } from '../objects/str.js';
import { newBytes, bytesType, PyBytes } from '../objects/bytes.js';
import { None, Ellipsis } from '../objects/singletons.js';
import { newTuple, PyTuple, tupleType } from '../objects/tuple.js';
import { binaryOp, unaryOp } from '../protocols/abstract.js';
import { newComplex } from '../objects/complex.js';

/** A fresh object for a literal (owned): interned when identifier-like, as the parser does. */
function literalObject(v: ConstantValue): PyObject {
  switch (v.type) {
    case 'int':
      return newIntValue(normalize(v.value));
    case 'float':
      return newFloat(v.value);
    case 'complex':
      return newComplex(0, v.imag);
    case 'str':
      return isIdentifierLike(v.value) ? internStr(v.value) : newStr(v.value);
    case 'bytes':
      return newBytes(v.value);
    case 'bool':
      incref(v.value ? True : False);
      return v.value ? True : False;
    case 'None':
      incref(None);
      return None;
    case 'Ellipsis':
      incref(Ellipsis);
      return Ellipsis;
  }
}

/** The constant-cache key of a value: type and value, as _PyCode_ConstantKey. */
export function constantKey(o: PyObject): string {
  const t = o.type;
  if (t === strType) return 's' + (o as PyStr).v;
  if (t === intType) return 'i' + String((o as PyInt).v);
  if (t === floatType) return 'f' + (Object.is((o as PyFloat).v, -0) ? '-0' : String((o as PyFloat).v));
  if (t === bytesType) return 'b' + Array.from((o as PyBytes).v).join(',');
  if (t === tupleType) return 't(' + (o as PyTuple).items.map(constantKey).join(',') + ')';
  if (o === True) return 'T';
  if (o === False) return 'F';
  if (o === None) return 'N';
  if (o === Ellipsis) return 'E';
  return 'o' + o.serial;
}

// Limits of CPython's constant folding (Python/ast_opt.c).
const MAX_INT_SIZE = 128; // bits
const MAX_COLLECTION_SIZE = 256;
const MAX_STR_SIZE = 4096;

/**
 * Fold an expression made only of constants into one object (owned, held by the arena),
 * or return null when CPython would not fold it.
 */
export function foldConstant(e: Expr, cx: CodeContext): PyObject | null {
  const arena = cx.module.arena;
  switch (e.kind) {
    case 'Constant': {
      const o = literalObject(e.value);
      arena.push(o);
      return o;
    }
    case 'UnaryOp': {
      if (e.op === 'Not') return null;
      const operand = foldConstant(e.operand, cx);
      if (operand === null || !(operand.type === intType || operand.type === floatType || operand === True || operand === False)) return null;
      try {
        const r = unaryOp(operand, e.op === 'USub' ? 'neg' : e.op === 'UAdd' ? 'pos' : 'invert');
        arena.push(r);
        return r;
      } catch (err) {
        if (err instanceof PyRaise) {
          decref(err.exc);
          return null;
        }
        throw err;
      }
    }
    case 'BinOp': {
      const a = foldConstant(e.left, cx);
      if (a === null) return null;
      const b = foldConstant(e.right, cx);
      if (b === null || !safeToFold(e.op, a, b)) return null;
      try {
        const r = binaryOp(a, b, SLOTS[e.op]);
        arena.push(r);
        return r;
      } catch (err) {
        if (err instanceof PyRaise) {
          decref(err.exc);
          return null;
        }
        throw err;
      }
    }
    case 'Tuple': {
      if (e.ctx !== 'Load' || e.elts.some((x) => x.kind === 'Starred')) return null;
      const items: PyObject[] = [];
      for (const x of e.elts) {
        const v = foldConstant(x, cx);
        if (v === null) return null;
        items.push(v);
      }
      for (const x of items) incref(x);
      const t = newTuple(items);
      arena.push(t);
      return t;
    }
    default:
      return null;
  }
}

const SLOTS = {
  Add: 'add', Sub: 'sub', Mult: 'mul', MatMult: 'matmul', Div: 'truediv', Mod: 'mod', Pow: 'pow',
  LShift: 'lshift', RShift: 'rshift', BitOr: 'or', BitXor: 'xor', BitAnd: 'and', FloorDiv: 'floordiv',
} as const;

function isNumber(o: PyObject): boolean {
  return o.type === intType || o.type === floatType || o === True || o === False;
}

function sizeOf(o: PyObject): number {
  if (o.type === strType) return (o as PyStr).length;
  if (o.type === bytesType) return (o as PyBytes).v.length;
  if (o.type === tupleType) return (o as PyTuple).items.length;
  return -1;
}

function safeToFold(op: keyof typeof SLOTS, a: PyObject, b: PyObject): boolean {
  const ints = a.type === intType && b.type === intType;
  switch (op) {
    case 'Mult': {
      if (ints) {
        const x = (a as PyInt).v;
        const y = (b as PyInt).v;
        return !(x && y && bitLength(x) + bitLength(y) > MAX_INT_SIZE);
      }
      const seq = sizeOf(a) >= 0 ? a : sizeOf(b) >= 0 ? b : null;
      const n = seq === a ? b : a;
      if (seq !== null && n.type === intType) {
        const count = Number((n as PyInt).v);
        const limit = seq.type === tupleType ? MAX_COLLECTION_SIZE : MAX_STR_SIZE;
        return count <= 0 || sizeOf(seq) <= limit / count;
      }
      return isNumber(a) && isNumber(b);
    }
    case 'Pow':
      if (ints) {
        const base = (a as PyInt).v;
        const exp = (b as PyInt).v;
        if (exp > 0 && base && bitLength(base) * Number(exp) > MAX_INT_SIZE) return false;
        return true;
      }
      return isNumber(a) && isNumber(b);
    case 'LShift':
      if (ints) {
        const x = (a as PyInt).v;
        const y = Number((b as PyInt).v);
        if (y < 0) return true;
        return !(x && (y > MAX_INT_SIZE || bitLength(x) > MAX_INT_SIZE - y));
      }
      return false;
    case 'Mod':
      // str/bytes %-formatting is never folded
      return isNumber(a) && isNumber(b);
    case 'Add':
      if ((a.type === strType && b.type === strType) || (a.type === bytesType && b.type === bytesType) || (a.type === tupleType && b.type === tupleType)) return true;
      return isNumber(a) && isNumber(b);
    default:
      return isNumber(a) && isNumber(b);
  }
}

/**
 * fold_iter (Python/ast_opt.c): a list display that is only iterated (a for loop's or a
 * comprehension's iterable, the right side of `in`) is built as a tuple instead — a
 * constant one when all items are constants.
 */
export function foldIter(e: Expr): Expr {
  if (e.kind !== 'List' || e.elts.some((x) => x.kind === 'Starred')) return e;
  return { ...e, kind: 'Tuple', elts: e.elts, ctx: e.ctx } as Expr;
}

/** A literal or folded-constant expression: returns the merged constant each time. */
export function compileConstantObject(o: PyObject, cx: CodeContext): ExprFn {
  const merged = cx.module.constCache.get(constantKey(o));
  let c: PyObject;
  if (merged !== undefined) c = merged;
  else {
    cx.module.constCache.set(constantKey(o), o);
    c = o;
  }
  cx.useConstant(c);
  return () => {
    incref(c);
    return c;
  };
}

export function compileConstant(e: ExprOf<'Constant'>, cx: CodeContext): ExprFn {
  return compileConstantObject(foldConstant(e, cx)!, cx);
}

export { newTuple };
