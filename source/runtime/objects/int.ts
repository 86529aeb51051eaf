/**
 * int (arbitrary precision) and bool. A value is held as a JS number while it is a safe
 * integer and as a bigint beyond, so that ordinary arithmetic stays fast.
 *
 * CPython 3.11 caches the ints -5..256 (static objects); every other int result is a new
 * object, even when the value is unchanged (`a + 0 is a` is False for a = 1000).
 */
import { PyObject, type PyType } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { incref } from '../heap/refcount.js';
import { makeStatic } from './str.js';
import { toPyHash, type PyHash } from './object.js';

export type IntValue = number | bigint;

export class PyInt extends PyObject {
  constructor(
    type: PyType,
    /** A JS number when it is a safe integer, otherwise a bigint. */
    public v: IntValue,
  ) {
    super(type);
  }
}

export let intType: PyType;
export let boolType: PyType;
export let True: PyInt;
export let False: PyInt;

const SMALL_MIN = -5;
const SMALL_MAX = 256;
let smallInts: PyInt[] = [];

export function initIntTypes(): void {
  intType = makeBuiltinType('int', { basicSize: 24, itemSize: 4 });
  intType.sizeof = (o) => intSizeof((o as PyInt).v);
  // The block: a one-digit int is made by _PyLong_FromMedium, which asks for
  // sizeof(PyLongObject) = 32 bytes (24 + one 4-byte digit, padded); longer ones by
  // _PyLong_New, 24 + 4 per digit. (_PyLong_New(1) asks for 28, on paths such as int(str);
  // both land in the 32-byte size class.)
  intType.objectSize = (o) => intBlockBytes(intSizeof((o as PyInt).v));
  intType.plain = true;
  boolType = makeBuiltinType('bool', { base: intType, baseType: false, basicSize: 24, itemSize: 4 });
}

export function initIntSingletons(): void {
  smallInts = [];
  for (let i = SMALL_MIN; i <= SMALL_MAX; i++) {
    const o = new PyInt(intType, i);
    rt.heap.allocate(o, false);
    makeStatic(o);
    smallInts.push(o);
  }
  // True and False are static too, but start from an ordinary count (section 2.2); their
  // counts at script start come from startup-refcounts.ts.
  False = new PyInt(boolType, 0);
  rt.heap.allocate(False, false);
  True = new PyInt(boolType, 1);
  rt.heap.allocate(True, false);
}

/** An int object for a safe-integer value (new reference). */
export function newInt(n: number): PyInt {
  if (n >= SMALL_MIN && n <= SMALL_MAX) {
    const o = smallInts[n - SMALL_MIN]!;
    incref(o);
    return o;
  }
  const o = new PyInt(intType, n);
  const size = intSizeof(n);
  rt.heap.allocatePlain(o, intBlockBytes(size), size);
  return o;
}

/** The block asked for an int of `size` bytes (intType.objectSize; see initIntTypes). */
function intBlockBytes(size: number): number {
  return size === 28 ? 32 : size;
}

/** An int object for any value, normalizing safe bigints to numbers (new reference). */
export function newIntValue(v: IntValue): PyInt {
  if (typeof v === 'bigint') {
    if (v >= MIN_SAFE && v <= MAX_SAFE) return newInt(Number(v));
    const o = new PyInt(intType, v);
    rt.heap.allocate(o, false);
    return o;
  }
  return newInt(v);
}

export function newBool(b: boolean): PyInt {
  const o = b ? True : False;
  incref(o);
  return o;
}

export function isSmallInt(o: PyObject): boolean {
  return o instanceof PyInt && o.type === intType && typeof o.v === 'number' && o.v >= SMALL_MIN && o.v <= SMALL_MAX && smallInts[o.v - SMALL_MIN] === o;
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function normalize(v: bigint): IntValue {
  return v >= MIN_SAFE && v <= MAX_SAFE ? Number(v) : v;
}

export function big(v: IntValue): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** Number of 30-bit digits CPython uses for the value. */
export function intDigits(v: IntValue): number {
  if (typeof v === 'number') {
    const a = Math.abs(v);
    if (a < 2 ** 30) return 1;
    if (a < 2 ** 60) return 2;
    return 2 + intDigits(Math.floor(a / 2 ** 60));
  }
  const a = v < 0n ? -v : v;
  const bits = a === 0n ? 0 : a.toString(2).length;
  return Math.max(1, Math.ceil(bits / 30));
}

/** sys.getsizeof of an int: 24 + 4 per 30-bit digit, at least one digit. */
export function intSizeof(v: IntValue): number {
  return 24 + 4 * intDigits(v);
}

const HASH_MODULUS = (1n << 61n) - 1n;

/** CPython's int hash: the value modulo 2**61 - 1, with -1 mapped to -2. */
export function intHash(v: IntValue): PyHash {
  if (typeof v === 'number' && Math.abs(v) < 2 ** 53) return v === -1 ? -2 : v;
  const b = BigInt(v);
  const a = b < 0n ? -b : b;
  let h = a % HASH_MODULUS;
  if (b < 0n) h = -h;
  return h === -1n ? -2 : toPyHash(h);
}

export const INT_MAX_STR_DIGITS = 4300;

export function intToString(v: IntValue): string {
  return v.toString();
}

// ---------------------------------------------------------------- arithmetic on values

export function addValues(a: IntValue, b: IntValue): IntValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normalize(big(a) + big(b));
}

export function subValues(a: IntValue, b: IntValue): IntValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normalize(big(a) - big(b));
}

export function mulValues(a: IntValue, b: IntValue): IntValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return normalize(big(a) * big(b));
}

/** Floor division and modulo with Python's signs (b must be non-zero). */
export function divmodValues(a: IntValue, b: IntValue): [IntValue, IntValue] {
  if (typeof a === 'number' && typeof b === 'number' && Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31) {
    let q = Math.floor(a / b);
    let r = a - q * b;
    if (r !== 0 && r < 0 !== b < 0) {
      r += b;
      q -= 1;
    }
    if (r === 0) r = 0;
    return [q === 0 ? 0 : q, r];
  }
  const x = big(a);
  const y = big(b);
  let q = x / y;
  let r = x % y;
  if (r !== 0n && r < 0n !== y < 0n) {
    r += y;
    q -= 1n;
  }
  return [normalize(q), normalize(r)];
}

export function modValue(a: IntValue, b: IntValue): IntValue {
  if (typeof a === 'number' && typeof b === 'number') {
    let r = a % b;
    if (r !== 0 && r < 0 !== b < 0) r += b;
    return r === 0 ? 0 : r;
  }
  return divmodValues(a, b)[1];
}

export function powValues(a: IntValue, b: IntValue): IntValue {
  // b >= 0 here
  if (typeof a === 'number' && typeof b === 'number' && b <= 1) return b === 0 ? 1 : a;
  return normalize(big(a) ** big(b));
}

export function compareValues(a: IntValue, b: IntValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = big(a);
  const y = big(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function bitLength(v: IntValue): number {
  const a = typeof v === 'number' ? BigInt(Math.abs(v)) : v < 0n ? -v : v;
  return a === 0n ? 0 : a.toString(2).length;
}

export function toNumber(v: IntValue): number {
  return typeof v === 'number' ? v : Number(v);
}

/** int → float conversion with CPython's overflow rule. */
export function intToFloat(v: IntValue): number | null {
  if (typeof v === 'number') return v;
  const f = Number(v);
  return Number.isFinite(f) ? f : null;
}
