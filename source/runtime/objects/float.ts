/**
 * float: an IEEE double. CPython keeps up to 100 freed floats on a free list, so a new
 * float often reuses the address (id) of the last one freed.
 */
import { PyObject, type PyType } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { FreeList } from '../heap/heap.js';
import { toPyHash, type PyHash } from './object.js';
import { exactDecimal } from './decimal-digits.js';

export class PyFloat extends PyObject {
  constructor(
    type: PyType,
    public v: number,
  ) {
    super(type);
  }
}

export let floatType: PyType;
export let floatFreeList: FreeList;

export function initFloatType(): void {
  floatType = makeBuiltinType('float', { basicSize: 24 });
  floatFreeList = new FreeList('float', 100, 24, false);
  floatType.freeListFor = (o) => (o.type === floatType ? floatFreeList : null);
}

export function newFloat(v: number): PyFloat {
  const o = new PyFloat(floatType, v);
  rt.heap.allocate(o, false);
  return o;
}

/** repr(float): the shortest repr that round-trips, in CPython's notation. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // JS gives the same shortest digits; only the layout differs.
  const [mantissa, expPart] = x.toExponential().split('e') as [string, string];
  const exp = Number(expPart);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  let out: string;
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    out = `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  } else if (exp < 0) {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    out = `${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  } else {
    out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return negative ? '-' + out : out;
}

/** CPython's float hash (Python/pyhash.c _Py_HashDouble), for values that fit. */
export function floatHash(x: number): PyHash {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 0 : x > 0 ? 314159 : -314159;
  if (Number.isInteger(x) && Math.abs(x) < 2 ** 53) return x === -1 ? -2 : x;
  // Reduce m * 2**e modulo 2**61 - 1, following _Py_HashDouble.
  const P = (1n << 61n) - 1n;
  let m = Math.abs(x);
  let e = 0;
  while (m < 0.5) {
    m *= 2;
    e--;
  }
  while (m >= 1) {
    m /= 2;
    e++;
  }
  let h = 0n;
  while (m) {
    h = ((h << 28n) & P) | (h >> 33n);
    m *= 268435456.0;
    e -= 28;
    const y = Math.floor(m);
    m -= y;
    h += BigInt(y);
    if (h >= P) h -= P;
  }
  const shift = BigInt(((e % 61) + 61) % 61);
  h = ((h << shift) & P) | (h >> (61n - shift));
  if (x < 0) h = -h;
  return h === -1n ? -2 : toPyHash(h);
}

/** Python's round-half-even of a float to `ndigits` decimal places (via correctly rounded strings). */
export function roundFloat(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (ndigits > 22) return x;
  if (ndigits < -308) return 0 * x;
  // Exact decimal expansion of x, then round half to even on the digit string.
  const s = exactDecimal(Math.abs(x));
  const point = s.indexOf('.');
  const intPart = point < 0 ? s : s.slice(0, point);
  const frac = point < 0 ? '' : s.slice(point + 1);
  const digits = intPart + frac;
  const keep = intPart.length + ndigits;
  if (keep < 0) return 0 * x;
  if (keep >= digits.length) return x;
  const kept = digits.slice(0, keep) || '0';
  const rest = digits.slice(keep);
  let up = false;
  if (rest[0]! > '5') up = true;
  else if (rest[0] === '5') up = /[1-9]/.test(rest.slice(1)) || Number(kept[kept.length - 1] ?? '0') % 2 === 1;
  let n = BigInt(kept);
  if (up) n += 1n;
  const value = Number(n.toString() + 'e' + String(-ndigits));
  return x < 0 ? -value : value;
}

