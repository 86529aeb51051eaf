/**
 * The number protocol of int, bool and float: operators (returning NotImplemented for
 * foreign operands, as their C slots do), comparison, hashing, repr, constructors and
 * methods, with CPython's error messages.
 */
import { PyObject, PyType, EQ, NE, LT, LE, GT, type RichOp } from './object.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from './exceptions.js';
import { newNotImplemented, NotImplemented, None } from './singletons.js';
import {
  PyInt, intType, boolType, True, False, newInt, newIntValue, newBool, addValues, subValues, mulValues, divmodValues,
  modValue, powValues, compareValues, intHash, big, normalize, intToFloat, bitLength, INT_MAX_STR_DIGITS, type IntValue,
} from './int.js';
import { PyFloat, floatType, newFloat, floatRepr, floatHash, roundFloat } from './float.js';
import { PyStr, newStr, newStrUncached, strType } from './str.js';
import { PyBytes } from './bytes.js';
import { newTuple } from './tuple.js';
import { bindArgs, defineMethods, defineClassMethods, defineAttribute, noArgs, positional } from '../builtins/args.js';
import { newGetSetDescriptor } from './descriptors.js';
import { indexValue, typeName, str as strOf, getAttrOrNull, call } from '../protocols/abstract.js';
import { lookup } from './typeobject.js';
import { newComplex, PyComplex, complexType } from './complex.js';
import { bindPowWithModulus } from './slot-methods.js';

const isInt = (o: PyObject): o is PyInt => o instanceof PyInt;
const isFloat = (o: PyObject): o is PyFloat => o instanceof PyFloat;

function intResult(v: IntValue): PyObject {
  return newIntValue(v);
}

/** A float from an int operand, or OverflowError. */
function toDouble(o: PyObject): number {
  if (isFloat(o)) return o.v;
  const f = intToFloat((o as PyInt).v);
  if (f === null) throw pyError(E.OverflowError!, 'int too large to convert to float');
  return f;
}

// ---------------------------------------------------------------- int

function intBinary(fn: (a: IntValue, b: IntValue) => PyObject) {
  return (a: PyObject, b: PyObject): PyObject => (isInt(a) && isInt(b) ? fn(a.v, b.v) : newNotImplemented());
}

function checkZero(b: IntValue, message: string): void {
  if (b === 0 || b === 0n) throw pyError(E.ZeroDivisionError!, message);
}

export function intTrueDivide(a: IntValue, b: IntValue): number {
  if (b === 0 || b === 0n) throw pyError(E.ZeroDivisionError!, 'division by zero');
  if (typeof a === 'number' && typeof b === 'number') return a / b;
  // Correctly rounded big division: scale to 53+ significant bits.
  const x = big(a);
  const y = big(b);
  const neg = x < 0n !== y < 0n;
  const ax = x < 0n ? -x : x;
  const ay = y < 0n ? -y : y;
  const shift = BigInt(Math.max(0, 64 - (bitLength(normalize(ax)) - bitLength(normalize(ay)))));
  const q = (ax << shift) / ay;
  const r = Number(q) / 2 ** Number(shift);
  if (!Number.isFinite(r)) throw pyError(E.OverflowError!, 'integer division result too large for a float');
  return neg ? -r : r;
}

function intPow(a: IntValue, b: IntValue, mod: PyObject | null): PyObject {
  if (mod !== null && mod !== None) {
    if (!isInt(mod)) return newNotImplemented();
    let m = big(mod.v);
    if (m === 0n) throw pyError(E.ValueError!, 'pow() 3rd argument cannot be 0');
    let e = big(b);
    let base = big(a);
    const negMod = m < 0n;
    if (negMod) m = -m;
    if (e < 0n) {
      base = modInverse(((base % m) + m) % m, m);
      e = -e;
    }
    let r = 1n % m;
    base = ((base % m) + m) % m;
    while (e > 0n) {
      if (e & 1n) r = (r * base) % m;
      base = (base * base) % m;
      e >>= 1n;
    }
    if (negMod && r !== 0n) r -= m;
    return newIntValue(normalize(r));
  }
  if (b < 0) {
    const x = toDouble(newTempInt(a));
    const y = toDouble(newTempInt(b));
    if (x === 0) throw pyError(E.ZeroDivisionError!, '0.0 cannot be raised to a negative power');
    return newFloat(x ** y);
  }
  return intResult(powValues(a, b));
}

function newTempInt(v: IntValue): PyInt {
  return { v } as PyInt;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw pyError(E.ValueError!, 'base is not invertible for the given modulus');
  return ((oldS % m) + m) % m;
}

function shiftLeft(a: IntValue, b: IntValue): PyObject {
  if (b < 0) throw pyError(E.ValueError!, 'negative shift count');
  if (typeof a === 'number' && typeof b === 'number' && b < 31 && Math.abs(a) < 2 ** 21) return intResult(a * 2 ** b);
  return intResult(normalize(big(a) << big(b)));
}

function shiftRight(a: IntValue, b: IntValue): PyObject {
  if (b < 0) throw pyError(E.ValueError!, 'negative shift count');
  if (typeof a === 'number' && typeof b === 'number' && Math.abs(a) < 2 ** 31) return intResult(b > 31 ? (a < 0 ? -1 : 0) : a >> b);
  return intResult(normalize(big(a) >> big(b)));
}

function bitwise(op: '&' | '|' | '^') {
  return (a: IntValue, b: IntValue): PyObject => {
    if (typeof a === 'number' && typeof b === 'number' && Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31) {
      return intResult(op === '&' ? a & b : op === '|' ? a | b : a ^ b);
    }
    const x = big(a);
    const y = big(b);
    return intResult(normalize(op === '&' ? x & y : op === '|' ? x | y : x ^ y));
  };
}

/** repr/str of an int value, with the 4300-digit limit of CPython 3.11. */
export function intRepr(v: IntValue): string {
  if (typeof v === 'bigint') {
    const a = v < 0n ? -v : v;
    if (a >= 10n ** BigInt(INT_MAX_STR_DIGITS)) {
      throw pyError(E.ValueError!, `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`);
    }
  }
  return String(v);
}

function compareResult(c: number, op: RichOp): PyObject {
  switch (op) {
    case LT:
      return newBool(c < 0);
    case LE:
      return newBool(c <= 0);
    case EQ:
      return newBool(c === 0);
    case NE:
      return newBool(c !== 0);
    case GT:
      return newBool(c > 0);
    default:
      return newBool(c >= 0);
  }
}

/** Exact comparison of an int with a float (float_richcompare's int branch). */
function compareIntFloat(i: IntValue, x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return -1;
  if (x === -Infinity) return 1;
  if (typeof i === 'number') return i < x ? -1 : i > x ? 1 : 0;
  const fl = Math.floor(x);
  const c = compareValues(i, normalize(BigInt(fl)));
  if (c !== 0) return c;
  return fl < x ? -1 : 0;
}

/** pow(a, b, m) for ints (the only types with a 3-argument pow here). */
export function powWithModulus(a: PyObject, b: PyObject, m: PyObject): PyObject {
  if (!isInt(a) || !isInt(b) || !isInt(m)) throw pyError(E.TypeError!, 'pow() 3rd argument not allowed unless all arguments are integers');
  return intPow(a.v, b.v, m);
}

export function initNumberSlots(): void {
  bindPowWithModulus(powWithModulus);
  const n = intType.number;
  n.add = intBinary((a, b) => intResult(addValues(a, b)));
  n.sub = intBinary((a, b) => intResult(subValues(a, b)));
  n.mul = intBinary((a, b) => intResult(mulValues(a, b)));
  n.floordiv = intBinary((a, b) => {
    checkZero(b, 'integer division or modulo by zero');
    return intResult(divmodValues(a, b)[0]);
  });
  n.mod = intBinary((a, b) => {
    checkZero(b, 'integer modulo by zero');
    return intResult(modValue(a, b));
  });
  n.divmod = intBinary((a, b) => {
    checkZero(b, 'integer division or modulo by zero');
    const [q, r] = divmodValues(a, b);
    return newTuple([intResult(q), intResult(r)]);
  });
  n.truediv = intBinary((a, b) => newFloat(intTrueDivide(a, b)));
  n.pow = intBinary((a, b) => intPow(a, b, null));
  n.lshift = intBinary(shiftLeft);
  n.rshift = intBinary(shiftRight);
  n.and = intBinary(bitwise('&'));
  n.or = intBinary(bitwise('|'));
  n.xor = intBinary(bitwise('^'));
  n.neg = (o) => intResult(typeof (o as PyInt).v === 'number' ? -(o as PyInt).v || 0 : normalize(-((o as PyInt).v as bigint)));
  n.pos = (o) => (o.type === intType ? newref(o) : intResult((o as PyInt).v));
  n.abs = (o) => {
    const v = (o as PyInt).v;
    return intResult(typeof v === 'number' ? Math.abs(v) : normalize(v < 0n ? -v : v));
  };
  n.invert = (o) => intResult(subValues(typeof (o as PyInt).v === 'number' ? -(o as PyInt).v : normalize(-((o as PyInt).v as bigint)), 1));
  n.bool = (o) => (o as PyInt).v !== 0 && (o as PyInt).v !== 0n;
  n.int = (o) => (o.type === intType ? newref(o) : intResult((o as PyInt).v));
  n.index = n.int;
  n.float = (o) => newFloat(toDouble(o));
  intType.hash = (o) => intHash((o as PyInt).v);
  intType.repr = (o) => newStrUncached(intRepr((o as PyInt).v));
  intType.richcompare = (a, b, op) => {
    if (!isInt(a)) return newNotImplemented();
    if (isInt(b)) return compareResult(compareValues(a.v, b.v), op);
    return newNotImplemented();
  };
  intType.newInstance = intNew;

  // bool: & | ^ of two bools stay bool; repr True/False
  const b = boolType.number;
  const boolOp = (op: '&' | '|' | '^', intSlot: typeof n.and) => (x: PyObject, y: PyObject) => {
    if (x.type === boolType && y.type === boolType) {
      const p = (x as PyInt).v === 1;
      const q = (y as PyInt).v === 1;
      return newBool(op === '&' ? p && q : op === '|' ? p || q : p !== q);
    }
    return intSlot!(x, y);
  };
  b.and = boolOp('&', n.and);
  b.or = boolOp('|', n.or);
  b.xor = boolOp('^', n.xor);
  boolType.repr = (o) => newStr((o as PyInt).v ? 'True' : 'False');
  boolType.newInstance = (_t, args, kw) => {
    const [x] = bindArgs('bool', args, kw, ['x'], 0, 1);
    return newBool(x !== undefined && isTrueValue(x));
  };

  // float
  const fl = floatType.number;
  const floatBinary = (fn: (x: number, y: number) => PyObject) => (a: PyObject, b: PyObject): PyObject => {
    if (!(isFloat(a) || isInt(a)) || !(isFloat(b) || isInt(b))) return newNotImplemented();
    return fn(toDouble(a), toDouble(b));
  };
  fl.add = floatBinary((x, y) => newFloat(x + y));
  fl.sub = floatBinary((x, y) => newFloat(x - y));
  fl.mul = floatBinary((x, y) => newFloat(x * y));
  fl.truediv = floatBinary((x, y) => {
    if (y === 0) throw pyError(E.ZeroDivisionError!, 'float division by zero');
    return newFloat(x / y);
  });
  fl.floordiv = floatBinary((x, y) => {
    if (y === 0) throw pyError(E.ZeroDivisionError!, 'float floor division by zero');
    return newFloat(floatDivmod(x, y)[0]);
  });
  fl.mod = floatBinary((x, y) => {
    if (y === 0) throw pyError(E.ZeroDivisionError!, 'float modulo');
    return newFloat(floatDivmod(x, y)[1]);
  });
  fl.divmod = floatBinary((x, y) => {
    if (y === 0) throw pyError(E.ZeroDivisionError!, 'float divmod()');
    const [q, r] = floatDivmod(x, y);
    return newTuple([newFloat(q), newFloat(r)]);
  });
  fl.pow = floatBinary((x, y) => {
    if (x === 0 && y < 0) throw pyError(E.ZeroDivisionError!, '0.0 cannot be raised to a negative power');
    if (x < 0 && !Number.isInteger(y)) return newComplexPow(x, y);
    const r = x ** y;
    if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) throw pyError(E.OverflowError!, "(34, 'Numerical result out of range')");
    return newFloat(r);
  });
  fl.neg = (o) => newFloat(-(o as PyFloat).v);
  fl.pos = (o) => (o.type === floatType ? newref(o) : newFloat((o as PyFloat).v));
  fl.abs = (o) => newFloat(Math.abs((o as PyFloat).v));
  fl.bool = (o) => (o as PyFloat).v !== 0;
  fl.int = (o) => floatToInt((o as PyFloat).v);
  fl.float = (o) => (o.type === floatType ? newref(o) : newFloat((o as PyFloat).v));
  floatType.hash = (o) => floatHash((o as PyFloat).v);
  floatType.repr = (o) => newStrUncached(floatRepr((o as PyFloat).v));
  floatType.richcompare = (a, b, op) => {
    if (!isFloat(a)) return newNotImplemented();
    let c: number;
    if (isFloat(b)) c = a.v < b.v ? -1 : a.v > b.v ? 1 : a.v === b.v ? 0 : NaN;
    else if (isInt(b)) c = -compareIntFloat(b.v, a.v);
    else return newNotImplemented();
    if (Number.isNaN(c)) return newBool(op === NE);
    return compareResult(c, op);
  };
  // int <op> float comparisons are answered by float's reflected slot.
  floatType.newInstance = floatNew;
}

function newComplexPow(x: number, y: number): PyObject {
  // (-8) ** (1/3): complex result via polar form
  const r = Math.abs(x) ** y;
  const theta = Math.PI * y;
  return newComplex(r * Math.cos(theta), r * Math.sin(theta));
}

export function floatDivmod(x: number, y: number): [number, number] {
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod) {
    if (y < 0 !== mod < 0) {
      mod += y;
      div -= 1;
    }
  } else {
    mod = y < 0 ? -0 : 0;
  }
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else {
    floordiv = x / y < 0 ? -0 : 0;
  }
  return [floordiv, mod];
}

export function floatToInt(x: number): PyObject {
  if (Number.isNaN(x)) throw pyError(E.ValueError!, 'cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw pyError(E.OverflowError!, 'cannot convert float infinity to integer');
  const t = Math.trunc(x);
  return newIntValue(Number.isSafeInteger(t) ? t || 0 : normalize(BigInt(t)));
}

let isTrueValue: (o: PyObject) => boolean;
export function bindNumberTruth(fn: (o: PyObject) => boolean): void {
  isTrueValue = fn;
}

// ---------------------------------------------------------------- constructors

/** Parse an int literal string the way int(s, base) does. */
export function parseIntString(text: string, base: number): IntValue | null {
  let s = text.trim();
  let sign = 1n;
  if (s.startsWith('+') || s.startsWith('-')) {
    if (s[0] === '-') sign = -1n;
    s = s.slice(1);
  }
  const lower = s.toLowerCase();
  if (base === 0) {
    if (/^0[xob]/.test(lower)) base = lower[1] === 'x' ? 16 : lower[1] === 'o' ? 8 : 2;
    else {
      base = 10;
      if (/^0+[1-9_]/.test(s) && !/^0+$/.test(s.replace(/_/g, ''))) return null;
    }
    if (base !== 10) s = s.slice(2);
  } else if ((base === 16 && lower.startsWith('0x')) || (base === 8 && lower.startsWith('0o')) || (base === 2 && lower.startsWith('0b'))) {
    s = s.slice(2);
    if (s.startsWith('_')) s = s.slice(1);
  }
  if (!s || s.startsWith('_') || s.endsWith('_') || s.includes('__')) return null;
  s = s.replace(/_/g, '');
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
  let v = 0n;
  const B = BigInt(base);
  for (const ch of s.toLowerCase()) {
    const d = digits.indexOf(ch);
    if (d < 0) return null;
    v = v * B + BigInt(d);
  }
  if (base === 10 && s.length > INT_MAX_STR_DIGITS) {
    throw pyError(E.ValueError!, `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${s.length} digits; use sys.set_int_max_str_digits() to increase the limit`);
  }
  return normalize(sign * v);
}

function intNew(t: PyType, args: PyObject[], kw: readonly string[] | null): PyObject {
  const [x, baseObj] = bindArgs('int', args, kw, ['x', 'base'], 0, 2);
  let result: PyObject;
  if (x === undefined) result = newInt(0);
  else if (baseObj !== undefined) {
    const base = Number(indexValue(baseObj));
    if (!(x instanceof PyStr) && !(x instanceof PyBytes)) throw pyError(E.TypeError!, "int() can't convert non-string with explicit base");
    if (base !== 0 && (base < 2 || base > 36)) throw pyError(E.ValueError!, 'int() base must be >= 2 and <= 36, or 0');
    result = parseIntObject(x, base);
  } else if (x instanceof PyStr || x instanceof PyBytes) {
    result = parseIntObject(x, 10);
  } else if (x.type === intType) {
    result = newref(x);
  } else if (x.type.number.int !== null) {
    result = x.type.number.int(x);
  } else if (x.type.number.index !== null) {
    result = x.type.number.index(x);
  } else {
    const trunc = lookup(x.type, '__trunc__');
    if (trunc !== null) {
      const m = getAttrOrNull(x, '__trunc__')!;
      try {
        result = call(m, []);
      } finally {
        decref(m);
      }
    } else {
      throw pyError(E.TypeError!, `int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
    }
  }
  if (t === intType) {
    if (result.type !== intType && isInt(result)) {
      const r = newIntValue(result.v);
      decref(result);
      return r;
    }
    return result;
  }
  // a subclass of int
  const o = new PyInt(t, (result as PyInt).v);
  decref(result);
  allocate(o);
  return o;
}

import { rt } from '../runtime.js';
function allocate(o: PyObject): void {
  rt.heap.allocate(o, o.type.flags.heap);
}

function parseIntObject(x: PyObject, base: number): PyObject {
  const text = x instanceof PyStr ? x.v : latin1((x as PyBytes).v);
  const v = parseIntString(text, base);
  if (v === null) {
    const shown = x instanceof PyStr ? reprForError(x.v) : `b${reprForError(text)}`;
    throw pyError(E.ValueError!, `invalid literal for int() with base ${base}: ${shown}`);
  }
  return newIntValue(v);
}

function reprForError(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function parseFloatString(text: string): number | null {
  const s = text.trim().toLowerCase().replace(/_/g, (m, i, all) => (/\d/.test(all[i - 1] ?? '') && /\d/.test(all[i + 1] ?? '') ? '' : 'x'));
  if (/^[+-]?(inf|infinity)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(s)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) return null;
  return Number(s);
}

function floatNew(t: PyType, args: PyObject[], kw: readonly string[] | null): PyObject {
  const [x] = positional('float', args, kw, 0, 1);
  let v: number;
  if (x === undefined) v = 0;
  else if (x instanceof PyStr) {
    const p = parseFloatString(x.v);
    if (p === null) throw pyError(E.ValueError!, `could not convert string to float: ${reprForError(x.v)}`);
    v = p;
  } else if (isFloat(x)) v = x.v;
  else if (isInt(x)) v = toDouble(x);
  else if (x.type.number.float !== null) {
    const r = x.type.number.float(x);
    v = (r as PyFloat).v;
    decref(r);
  } else if (x.type.number.index !== null) {
    v = toDouble({ v: indexValue(x) } as PyInt);
  } else throw pyError(E.TypeError!, `float() argument must be a string or a real number, not '${typeName(x)}'`);
  if (t === floatType) return newFloat(v);
  const o = new PyFloat(t, v);
  allocate(o);
  return o;
}

// ---------------------------------------------------------------- methods

export function installNumberMethods(): void {
  defineMethods(intType, {
    bit_length: (self, args, kw) => {
      noArgs('bit_length', args, kw);
      return newInt(bitLength((self as PyInt).v));
    },
    bit_count: (self, args, kw) => {
      noArgs('bit_count', args, kw);
      const v = (self as PyInt).v;
      return newInt([...big(v < 0 ? -big(v) : v).toString(2)].filter((c) => c === '1').length);
    },
    conjugate: (self) => newIntValue((self as PyInt).v),
    as_integer_ratio: (self) => newTuple([newIntValue((self as PyInt).v), newInt(1)]),
    is_integer: () => newBool(true),
    __index__: (self) => newIntValue((self as PyInt).v),
    __int__: (self) => newIntValue((self as PyInt).v),
    __float__: (self) => newFloat(toDouble(self!)),
    __abs__: (self) => intType.number.abs!(self!),
    __neg__: (self) => intType.number.neg!(self!),
    __bool__: (self) => newBool(intType.number.bool!(self!)),
    __round__: (self, args, kw) => {
      const [nd] = positional('__round__', args, kw, 0, 1);
      if (nd === undefined || nd === None) return newIntValue((self as PyInt).v);
      return roundInt((self as PyInt).v, Number(indexValue(nd)));
    },
    __format__: (self, args) => newStr(formatNumber(self!, (args[0] as PyStr).v)),
    __sizeof__: (self) => newInt(intType.sizeof!(self!)),
    __getnewargs__: (self) => newTuple([newIntValue((self as PyInt).v)]),
    to_bytes: (self, args, kw) => {
      const [lengthObj, orderObj, signedObj] = bindArgs('to_bytes', args, kw, ['length', 'byteorder', 'signed'], 0, 2);
      const length = lengthObj ? Number(indexValue(lengthObj)) : 1;
      const little = orderObj ? (orderObj as PyStr).v === 'little' : false;
      let v = big((self as PyInt).v);
      const signed = signedObj ? isTrueValue(signedObj) : false;
      if (v < 0n) {
        if (!signed) throw pyError(E.OverflowError!, "can't convert negative int to unsigned");
        v += 1n << BigInt(8 * length);
      }
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) {
        out[little ? i : length - 1 - i] = Number(v & 0xffn);
        v >>= 8n;
      }
      if (v !== 0n) throw pyError(E.OverflowError!, 'int too big to convert');
      return newBytesFrom(out);
    },
  });
  defineClassMethods(intType, {
    from_bytes: (cls, args, kw) => {
      const [bytesObj, orderObj, signedObj] = bindArgs('from_bytes', args, kw, ['bytes', 'byteorder', 'signed'], 1, 2);
      const bytes = (bytesObj as PyBytes).v;
      const little = orderObj ? (orderObj as PyStr).v === 'little' : false;
      let v = 0n;
      for (let i = 0; i < bytes.length; i++) v = (v << 8n) | BigInt(bytes[little ? bytes.length - 1 - i : i]!);
      if (signedObj && isTrueValue(signedObj) && bytes.length && bytes[little ? bytes.length - 1 : 0]! & 0x80) v -= 1n << BigInt(8 * bytes.length);
      void cls;
      return newIntValue(normalize(v));
    },
  });
  const attr = (t: PyType, name: string, get: (o: PyObject) => PyObject) => defineAttribute(t, name, newGetSetDescriptor(name, t, get, null));
  attr(intType, 'real', (o) => newIntValue((o as PyInt).v));
  attr(intType, 'imag', () => newInt(0));
  attr(intType, 'numerator', (o) => newIntValue((o as PyInt).v));
  attr(intType, 'denominator', () => newInt(1));
  attr(floatType, 'real', (o) => newFloat((o as PyFloat).v));
  attr(floatType, 'imag', () => newFloat(0));
  defineMethods(floatType, {
    is_integer: (self) => newBool(Number.isInteger((self as PyFloat).v)),
    conjugate: (self) => newFloat((self as PyFloat).v),
    as_integer_ratio: (self) => {
      const x = (self as PyFloat).v;
      if (!Number.isFinite(x)) throw pyError(Number.isNaN(x) ? E.ValueError! : E.OverflowError!, Number.isNaN(x) ? 'cannot convert NaN to integer ratio' : 'cannot convert Infinity to integer ratio');
      let num = x;
      let den = 1n;
      while (!Number.isInteger(num)) {
        num *= 2;
        den *= 2n;
      }
      let n = BigInt(num);
      const g = gcd(n < 0n ? -n : n, den);
      n /= g;
      den /= g;
      return newTuple([newIntValue(normalize(n)), newIntValue(normalize(den))]);
    },
    hex: (self) => newStr(floatHex((self as PyFloat).v)),
    __round__: (self, args, kw) => {
      const [nd] = positional('__round__', args, kw, 0, 1);
      const x = (self as PyFloat).v;
      if (nd === undefined || nd === None) return floatToInt(roundHalfEven(x));
      return newFloat(roundFloat(x, Number(indexValue(nd))));
    },
    __int__: (self) => floatToInt((self as PyFloat).v),
    __float__: (self) => newFloat((self as PyFloat).v),
    __trunc__: (self) => floatToInt((self as PyFloat).v),
    __floor__: (self) => floatToInt(Math.floor((self as PyFloat).v)),
    __ceil__: (self) => floatToInt(Math.ceil((self as PyFloat).v)),
    __format__: (self, args) => newStr(formatNumber(self!, (args[0] as PyStr).v)),
    __sizeof__: () => newInt(24),
    __getnewargs__: (self) => newTuple([newFloat((self as PyFloat).v)]),
  });
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

function floatHex(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0x0.0p+0' : '0x0.0p+0';
  const sign = x < 0 ? '-' : '';
  let m = Math.abs(x);
  let e = 0;
  while (m >= 2) {
    m /= 2;
    e++;
  }
  while (m < 1) {
    m *= 2;
    e--;
  }
  let frac = '';
  m -= 1;
  for (let i = 0; i < 13; i++) {
    m *= 16;
    const d = Math.floor(m);
    frac += d.toString(16);
    m -= d;
  }
  return `${sign}0x1.${frac.replace(/0+$/, '') || '0'}p${e >= 0 ? '+' : ''}${e}`;
}

/** round(x) for a float: half to even, as an integer-valued double. */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  if (Math.abs(x - Math.trunc(x)) === 0.5) return 2 * Math.round(x / 2);
  return r;
}

function roundInt(v: IntValue, ndigits: number): PyObject {
  if (ndigits >= 0) return newIntValue(v);
  const p = 10n ** BigInt(-ndigits);
  const x = big(v);
  let q = x / p;
  let r = x % p;
  if (r < 0n) {
    r += p;
    q -= 1n;
  }
  if (2n * r > p || (2n * r === p && q % 2n !== 0n)) q += 1n;
  return newIntValue(normalize(q * p));
}

import { formatNumber } from './format.js';
import { newBytes as newBytesFrom } from './bytes.js';
import { latin1 } from '../../python/source-file.js';

export { True, False, NotImplemented, complexType, PyComplex, strType, PyRaise, strOf, incref };
