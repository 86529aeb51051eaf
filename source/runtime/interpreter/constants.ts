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
import { newIntValue, True, False, PyInt, intType, bitLength, normalize, isSmallInt } from '../objects/int.js';
import { newFloat, floatType, PyFloat } from '../objects/float.js';
import { internStr, isIdentifierLike, newStr, strType, PyStr } from '../objects/str.js';
import { newBytes, bytesType, PyBytes } from '../objects/bytes.js';
import { None, Ellipsis } from '../objects/singletons.js';
import { newTuple, PyTuple, tupleType } from '../objects/tuple.js';
import { binaryOp, unaryOp, getItem } from '../protocols/abstract.js';
import { newComplex, complexType } from '../objects/complex.js';
import { newSet, setAdd, setKeys, frozensetType, type PySet } from '../objects/set.js';

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

/**
 * `x = <value>`: before parsing the value as an expression, the parser tries to read it as
 * one more assignment target (`x = y = ...`), which reads its first token once more.
 */
export function noteAssignedValue(value: Expr, cx: CodeContext): void {
  let e: Expr = value;
  for (;;) {
    switch (e.kind) {
      case 'BinOp':
        e = e.left;
        continue;
      case 'Compare':
        e = e.left;
        continue;
      case 'BoolOp':
        e = e.values[0]!;
        continue;
      case 'IfExp':
        e = e.body;
        continue;
      case 'Attribute':
      case 'Subscript':
        e = e.value;
        continue;
      case 'Call':
        e = e.func;
        continue;
      case 'Tuple':
      case 'List':
        if (!e.elts.length) return;
        e = e.elts[0]!;
        continue;
      case 'ListComp':
      case 'GeneratorExp':
        e = e.elt;
        continue;
      case 'Constant':
        cx.module.assignedFirstTokens.add(e);
        return;
      default:
        return;
    }
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
  if (t === frozensetType) return 'z(' + setKeys(o as PySet).map(constantKey).sort().join(',') + ')';
  if (o === True) return 'T';
  if (o === False) return 'F';
  if (o === None) return 'N';
  if (o === Ellipsis) return 'E';
  return 'o' + o.serial;
}

/** Is the expression made only of constants (a candidate for folding)? */
export function isConstantTree(e: Expr): boolean {
  switch (e.kind) {
    case 'Constant':
      return true;
    case 'UnaryOp':
      return e.op !== 'Not' && isConstantTree(e.operand);
    case 'BinOp':
      return isConstantTree(e.left) && isConstantTree(e.right);
    case 'Tuple':
      return e.ctx === 'Load' && e.elts.every((x) => x.kind !== 'Starred' && isConstantTree(x));
    case 'Subscript':
      return e.ctx === 'Load' && e.slice.kind !== 'Slice' && isConstantTree(e.value) && isConstantTree(e.slice);
    default:
      return false;
  }
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
      const v = e.value.type;
      // True, False, None and ... are keywords: the parser makes no object for them
      if (v === 'bool' || v === 'None' || v === 'Ellipsis') return v === 'bool' ? (e.value.value ? True : False) : v === 'None' ? None : Ellipsis;
      const o = literalObject(e.value);
      arena.push(o);
      // The parser builds a number's object each time a rule reads its token, and a cached
      // small int is one object: twice for most occurrences, three times for the first
      // token of an assignment's value (measured; see noteAssignedValue).
      if (isSmallInt(o)) {
        const extra = cx.module.assignedFirstTokens.has(e) ? 2 : 1;
        for (let i = 0; i < extra; i++) {
          incref(o);
          arena.push(o);
        }
      }
      return o;
    }
    case 'UnaryOp': {
      if (e.op === 'Not') return null;
      const operand = foldConstant(e.operand, cx);
      if (operand === null || !(isNumber(operand) || operand.type === complexType)) return null;
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
    case 'Subscript': {
      // 'abc'[1] is folded (fold_subscr); slices are not constants in 3.11
      if (e.slice.kind === 'Slice') return null;
      const value = foldConstant(e.value, cx);
      if (value === null) return null;
      const index = foldConstant(e.slice, cx);
      if (index === null) return null;
      try {
        const r = getItem(value, index);
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
      const merged = items.map((v) => mergeItem(v, cx));
      for (const x of merged) incref(x);
      const t = newTuple(merged);
      arena.push(t);
      return t;
    }
    default:
      return null;
  }
}

/**
 * A display of constants folded into one constant (owned, held by the arena): a tuple for
 * `[1, 2, 3]` and `x in [a, b]`, a frozenset for `{1, 2, 3}` and `x in {a, b}`; null when
 * an element is not a constant after folding.
 */
export function foldDisplay(elts: readonly Expr[], kind: 'tuple' | 'frozenset', cx: CodeContext): PyObject | null {
  const items: PyObject[] = [];
  for (const x of elts) {
    if (x.kind === 'Starred') return null;
    const v = foldConstant(x, cx);
    if (v === null) return null;
    items.push(v);
  }
  const merged = items.map((v) => mergeItem(v, cx));
  let o: PyObject;
  if (kind === 'tuple') {
    for (const x of merged) incref(x);
    o = newTuple(merged);
  } else {
    const s = newSet(frozensetType);
    for (const x of merged) setAdd(s, x);
    o = s;
  }
  cx.module.arena.push(o);
  return o;
}

/** merge_consts_recursive: the items of a constant tuple or frozenset are merged constants too. */
function mergeItem(v: PyObject, cx: CodeContext): PyObject {
  const key = constantKey(v);
  const existing = cx.module.constCache.get(key);
  if (existing !== undefined) return existing;
  cx.module.constCache.set(key, v);
  return v;
}

const SLOTS = {
  Add: 'add', Sub: 'sub', Mult: 'mul', MatMult: 'matmul', Div: 'truediv', Mod: 'mod', Pow: 'pow',
  LShift: 'lshift', RShift: 'rshift', BitOr: 'or', BitXor: 'xor', BitAnd: 'and', FloorDiv: 'floordiv',
} as const;

function isNumber(o: PyObject): boolean {
  return o.type === intType || o.type === floatType || o.type === complexType || o === True || o === False;
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
 * A constant the compiler makes itself rather than the parser (compile.c's
 * ADDOP_LOAD_CONST_NEW: lengths, tuples of names and of keys): `o` (owned) is merged with
 * an equal constant of the module and held by co_consts only, not by the AST arena.
 */
export function compilerConstant(o: PyObject, cx: CodeContext): PyObject {
  const key = constantKey(o);
  const existing = cx.module.constCache.get(key);
  const c = existing ?? o;
  if (existing === undefined) cx.module.constCache.set(key, o);
  cx.useConstant(c);
  decref(o);
  return c;
}

/** A tuple of constants (owned) made by the compiler (fold_tuple_on_constants), items merged. */
export function tupleConstant(items: PyObject[], cx: CodeContext): PyObject {
  const merged = items.map((v) => {
    const key = constantKey(v);
    const existing = cx.module.constCache.get(key);
    if (existing === undefined) {
      cx.module.constCache.set(key, v);
      return v;
    }
    incref(existing);
    decref(v);
    return existing;
  });
  return compilerConstant(newTuple(merged), cx);
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
