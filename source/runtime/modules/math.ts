/**
 * The math module (Modules/mathmodule.c): argument conversion and the domain/range
 * error rules of math_1 (a NaN from a non-NaN argument is "math domain error", an
 * infinity from a finite one is "math range error" for the functions that can
 * overflow), exact integer functions on big ints, fsum (Shewchuk's partials) and the
 * scaled, compensated vector norm behind hypot and dist.
 *
 * Transcendental functions use JavaScript's Math, whose results can differ from glibc's
 * libm in the last bit (see the report / docs); sqrt, floor, fsum, hypot are exact.
 */
import type { PyObject } from '../objects/object.js';
import { newModule, moduleSet, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { newBuiltinFunction, type BuiltinImpl } from '../objects/function.js';
import { rt } from '../runtime.js';
import { decref, newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { None } from '../objects/singletons.js';
import { PyInt, newInt, newIntValue, newBool, normalize, big, intToFloat, type IntValue } from '../objects/int.js';
import { PyFloat, newFloat } from '../objects/float.js';
import { newTuple } from '../objects/tuple.js';
import { bindArgs, exactlyOne, positional } from '../builtins/args.js';
import { binaryOp, getIter, iterNext, indexValue, iterateToArray, typeName, getAttrOrNull, callBorrowed } from '../protocols/abstract.js';
import { lookup } from '../objects/typeobject.js';
import { floatToInt } from '../objects/number-methods.js';

// ---------------------------------------------------------------- conversions

/** PyFloat_AsDouble with math's TypeError. */
export function asDouble(o: PyObject): number {
  if (o instanceof PyFloat) return o.v;
  if (o instanceof PyInt) {
    const f = intToFloat(o.v);
    if (f === null) throw pyError(E.OverflowError!, 'int too large to convert to float');
    return f;
  }
  const nb = o.type.number;
  if (nb.float !== null) {
    const r = nb.float(o);
    try {
      return (r as PyFloat).v;
    } finally {
      decref(r);
    }
  }
  if (nb.index !== null) {
    const f = intToFloat(indexValue(o));
    if (f === null) throw pyError(E.OverflowError!, 'int too large to convert to float');
    return f;
  }
  throw pyError(E.TypeError!, `must be real number, not ${typeName(o)}`);
}

function asInt(o: PyObject): IntValue {
  if (o instanceof PyFloat) throw pyError(E.TypeError!, `'float' object cannot be interpreted as an integer`);
  return indexValue(o);
}

const domainError = () => pyError(E.ValueError!, 'math domain error');
const rangeError = () => pyError(E.OverflowError!, 'math range error');

/** math_1: apply f with CPython's NaN/infinity error rules. */
function math1(name: string, f: (x: number) => number, canOverflow: boolean): BuiltinImpl {
  return (_s, args, kw) => {
    const x = asDouble(exactlyOne(name, args, kw));
    const r = f(x);
    if (Number.isNaN(r) && !Number.isNaN(x)) throw domainError();
    if (!Number.isFinite(r) && !Number.isNaN(r) && Number.isFinite(x)) throw canOverflow ? rangeError() : domainError();
    return newFloat(r);
  };
}

/** log of an int or float, using frexp for ints too large for a float (loghelper). */
function logHelper(o: PyObject, f: (x: number) => number): number {
  if (o instanceof PyInt) {
    const v = big(o.v);
    if (v <= 0n) throw domainError();
    const x = intToFloat(o.v);
    if (x !== null) return f(x);
    const e = v.toString(2).length;
    const shift = BigInt(Math.max(0, e - 60));
    const mant = Number(v >> shift) / 2 ** (e - Number(shift));
    return f(mant) + f(2) * e;
  }
  const x = asDouble(o);
  if (Number.isNaN(x)) return x;
  if (x <= 0) throw domainError();
  return f(x);
}

// ---------------------------------------------------------------- exact helpers

function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  const view = new DataView(new ArrayBuffer(8));
  let scale = 0;
  if (Math.abs(x) < 2.2250738585072014e-308) {
    x *= 2 ** 64; // subnormal: make it normal first
    scale = -64;
  }
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const e = ((hi >>> 20) & 0x7ff) - 1022;
  view.setUint32(0, (hi & 0x800fffff) | (1022 << 20));
  return [view.getFloat64(0), e + scale];
}

function ldexp(x: number, e: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  if (e > 2100) e = 2100;
  if (e < -2100) e = -2100;
  let r = x;
  while (e > 1000) {
    r *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    r *= 2 ** -1000;
    e += 1000;
  }
  return r * 2 ** e;
}

/** Dekker's exact product: hi + lo == x * y. */
function dlMul(x: number, y: number): [number, number] {
  const split = (a: number) => {
    const c = 134217729 * a;
    const hi = c - (c - a);
    return [hi, a - hi] as const;
  };
  const [xh, xl] = split(x);
  const [yh, yl] = split(y);
  const hi = x * y;
  const lo = xh * yh - hi + xh * yl + xl * yh + xl * yl;
  return [hi, lo];
}

/** vector_norm of mathmodule.c (3.11): the length of a vector of non-negative finite values. */
function vectorNorm(vec: number[], max: number, foundNan: boolean): number {
  if (!Number.isFinite(max) && !Number.isNaN(max)) return max;
  if (foundNan) return NaN;
  if (max === 0 || vec.length <= 1) return max;
  const maxE = frexp(max)[1];
  if (maxE < -1023) {
    const DBL_MIN = 2.2250738585072014e-308;
    return DBL_MIN * vectorNorm(vec.map((v) => v / DBL_MIN), max / DBL_MIN, foundNan);
  }
  const scale = ldexp(1, -maxE);
  let csum = 1;
  let frac1 = 0;
  let frac2 = 0;
  for (const v of vec) {
    const x = v * scale;
    const [hi, lo] = dlMul(x, x);
    const s = csum + hi;
    const z = s - csum;
    frac1 += lo;
    frac2 += hi - z;
    csum = s;
  }
  let h = Math.sqrt(csum - 1 + (frac1 + frac2));
  const [phi, plo] = dlMul(-h, h);
  const s = csum + phi;
  const z = s - csum;
  frac1 += plo;
  frac2 += phi - z;
  csum = s;
  const x = csum - 1 + (frac1 + frac2);
  h += x / (2 * h);
  return h / scale;
}

function normOf(values: number[]): number {
  let max = 0;
  let nan = false;
  const vec = values.map((v) => {
    const a = Math.abs(v);
    if (Number.isNaN(a)) nan = true;
    else if (a > max) max = a;
    return a;
  });
  return vectorNorm(vec, max, nan);
}

/** math.fsum: exact sum of floats, correctly rounded (msum / Shewchuk). */
function fsum(values: number[]): number {
  const partials: number[] = [];
  let specialSum = 0;
  let infSum = 0;
  for (let x of values) {
    if (!Number.isFinite(x)) {
      if (!Number.isNaN(x)) infSum += x;
      specialSum += x;
      continue;
    }
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    if (!Number.isFinite(x)) throw pyError(E.OverflowError!, 'intermediate overflow in fsum');
    partials.length = i;
    partials.push(x);
  }
  if (specialSum !== 0) {
    if (Number.isNaN(infSum)) throw pyError(E.ValueError!, '-inf + inf in fsum');
    return specialSum;
  }
  let n = partials.length;
  let hi = 0;
  let lo = 0;
  if (n > 0) {
    hi = partials[--n]!;
    while (n > 0) {
      const x = hi;
      const y = partials[--n]!;
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo !== 0) break;
    }
    if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      const yr = x - hi;
      if (y === yr) hi = x;
    }
  }
  return hi;
}

function gcd2(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) {
      // Newton from above may stall one too high.
      while (x * x > n) x--;
      while ((x + 1n) * (x + 1n) <= n) x++;
      return x;
    }
    x = y;
  }
}

function product(lo: bigint, hi: bigint): bigint {
  // product of lo..hi inclusive, by splitting (keeps the numbers balanced)
  if (lo > hi) return 1n;
  if (hi - lo < 8n) {
    let r = 1n;
    for (let i = lo; i <= hi; i++) r *= i;
    return r;
  }
  const mid = (lo + hi) >> 1n;
  return product(lo, mid) * product(mid + 1n, hi);
}

function intOut(v: bigint): PyObject {
  return newIntValue(normalize(v));
}

// ---------------------------------------------------------------- module

// Lanczos approximation as mathmodule.c computes it (m_tgamma / m_lgamma), so that
// results match CPython bit for bit where libm is not involved.
const LANCZOS_G = 6.024680040776729583740234375;
const LANCZOS_G_MINUS_HALF = 5.524680040776729583740234375;
const LANCZOS_NUM = [
  23531376880.410759688572007674451636754734846804940, 42919803642.649098768957899047001988850926355848959,
  35711959237.355668049440185451547166705960488635843, 17921034426.037209699919755754458931112671403265390,
  6039542586.3520280050642916443072979210699388420708, 1439720407.3117216736632230727949123939715485786772,
  248874557.86205415651146038641322942321632125127801, 31426415.585400194380614231628318205362874684987640,
  2876370.6289353724412254090516208496135991145378768, 186056.26539522349504029498971604569928220784236328,
  8071.6720023658162106380029022722506138218516325024, 210.82427775157934587250973392071336271166969580291,
  2.5066282746310002701649081771338373386264310793408,
];
const LANCZOS_DEN = [0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0];
const GAMMA_INTEGRAL = [
  1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0, 362880.0, 3628800.0, 39916800.0, 479001600.0, 6227020800.0,
  87178291200.0, 1307674368000.0, 20922789888000.0, 355687428096000.0, 6402373705728000.0, 121645100408832000.0,
  2432902008176640000.0, 51090942171709440000.0, 1124000727777607680000.0,
];
const LOG_PI = 1.144729885849400174143427351353058711647;

function lanczosSum(x: number): number {
  let num = 0;
  let den = 0;
  if (x < 5.0) {
    for (let i = 12; i >= 0; i--) {
      num = num * x + LANCZOS_NUM[i]!;
      den = den * x + LANCZOS_DEN[i]!;
    }
  } else {
    for (let i = 0; i < 13; i++) {
      num = num / x + LANCZOS_NUM[i]!;
      den = den / x + LANCZOS_DEN[i]!;
    }
  }
  return num / den;
}

function sinpi(x: number): number {
  const y = Math.abs(x) % 2.0;
  const n = Math.round(2.0 * y);
  let r: number;
  switch (n) {
    case 0: r = Math.sin(Math.PI * y); break;
    case 1: r = Math.cos(Math.PI * (y - 0.5)); break;
    case 2: r = Math.sin(Math.PI * (1.0 - y)); break;
    case 3: r = -Math.cos(Math.PI * (y - 1.5)); break;
    default: r = Math.sin(Math.PI * (y - 2.0));
  }
  return (x < 0 || Object.is(x, -0) ? -1 : 1) * r;
}

function gamma(x: number): number {
  if (!Number.isFinite(x)) {
    if (Number.isNaN(x) || x > 0) return x;
    throw domainError();
  }
  if (x === 0) throw domainError();
  if (x === Math.floor(x)) {
    if (x < 0) throw domainError();
    if (x <= 23) return GAMMA_INTEGRAL[x - 1]!;
  }
  const absx = Math.abs(x);
  if (absx < 1e-20) return 1.0 / x;
  if (absx > 200.0) {
    if (x < 0.0) return 0.0 / sinpi(x);
    return Infinity;
  }
  const y = absx + LANCZOS_G_MINUS_HALF;
  let z: number;
  if (absx > LANCZOS_G_MINUS_HALF) {
    const q = y - absx;
    z = q - LANCZOS_G_MINUS_HALF;
  } else {
    const q = y - LANCZOS_G_MINUS_HALF;
    z = q - absx;
  }
  z = (z * LANCZOS_G) / y;
  let r: number;
  if (x < 0.0) {
    r = ((-Math.PI / sinpi(absx) / absx) * Math.exp(y)) / lanczosSum(absx);
    r -= z * r;
    if (absx < 140.0) r /= Math.pow(y, absx - 0.5);
    else {
      const sqrtpow = Math.pow(y, absx / 2.0 - 0.25);
      r /= sqrtpow;
      r /= sqrtpow;
    }
  } else {
    r = lanczosSum(absx) / Math.exp(y);
    r += z * r;
    if (absx < 140.0) r *= Math.pow(y, absx - 0.5);
    else {
      const sqrtpow = Math.pow(y, absx / 2.0 - 0.25);
      r *= sqrtpow;
      r *= sqrtpow;
    }
  }
  return r;
}

function lgamma(x: number): number {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? x : Infinity;
  if (x === Math.floor(x) && x <= 2.0) {
    if (x <= 0.0) throw domainError();
    return 0.0;
  }
  const absx = Math.abs(x);
  if (absx < 1e-20) return -Math.log(absx);
  let r = Math.log(lanczosSum(absx)) - LANCZOS_G;
  r += (absx - 0.5) * (Math.log(absx + LANCZOS_G - 0.5) - 1);
  if (x < 0.0) r = LOG_PI - Math.log(Math.abs(sinpi(absx))) - Math.log(absx) - r;
  return r;
}

function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26 is too coarse; use the series / continued fraction split.
  if (Number.isNaN(x)) return x;
  const ax = Math.abs(x);
  if (ax < 1.5) {
    let sum = ax;
    let term = ax;
    const x2 = ax * ax;
    for (let n = 1; n < 60; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    const r = (2 / Math.sqrt(Math.PI)) * sum;
    return x < 0 ? -r : r;
  }
  const r = 1 - erfc(ax);
  return x < 0 ? -r : r;
}

function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x < 1.5) return 1 - erf(x);
  // continued fraction (Lentz)
  const x2 = x * x;
  let f = x;
  let C = x;
  let D = 0;
  for (let n = 1; n < 200; n++) {
    const an = n / 2;
    D = x + an * D;
    D = D === 0 ? 1e-300 : 1 / D;
    C = x + an / C;
    if (C === 0) C = 1e-300;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x2) / (f * Math.sqrt(Math.PI));
}

function createMathModule(): PyModule {
  const m = newModule('math');
  const def = (name: string, impl: BuiltinImpl) => moduleSet(m, name, newBuiltinFunction(name, impl, m));
  moduleSet(m, 'pi', newFloat(Math.PI));
  moduleSet(m, 'e', newFloat(Math.E));
  moduleSet(m, 'tau', newFloat(2 * Math.PI));
  moduleSet(m, 'inf', newFloat(Infinity));
  moduleSet(m, 'nan', newFloat(NaN));

  const simple: [string, (x: number) => number, boolean][] = [
    ['acos', Math.acos, false], ['acosh', Math.acosh, false], ['asin', Math.asin, false], ['asinh', Math.asinh, false],
    ['atan', Math.atan, false], ['atanh', (x) => (Math.abs(x) >= 1 ? NaN : Math.atanh(x)), false], ['cbrt', Math.cbrt, false],
    ['cos', Math.cos, false], ['cosh', Math.cosh, true], ['erf', erf, false], ['erfc', erfc, false], ['exp', Math.exp, true],
    ['exp2', (x) => 2 ** x, true], ['expm1', Math.expm1, true], ['fabs', Math.abs, false], ['gamma', gamma, true],
    ['lgamma', lgamma, true], ['sin', Math.sin, false], ['sinh', Math.sinh, true], ['tan', Math.tan, false], ['tanh', Math.tanh, false],
  ];
  for (const [name, f, overflow] of simple) def(name, math1(name, f, overflow));
  def('log1p', math1('log1p', (x) => (x <= -1 ? (x === -1 ? -Infinity : NaN) : Math.log1p(x)), false));
  def('sqrt', math1('sqrt', Math.sqrt, false));
  def('degrees', (_s, a, k) => newFloat(asDouble(exactlyOne('degrees', a, k)) * (180 / Math.PI)));
  def('radians', (_s, a, k) => newFloat(asDouble(exactlyOne('radians', a, k)) * (Math.PI / 180)));
  def('log', (_s, a, k) => {
    const [x, base] = positional('log', a, k, 1, 2);
    const num = logHelper(x!, Math.log);
    if (base === undefined) return newFloat(num);
    const den = logHelper(base, Math.log);
    if (den === 0) throw pyError(E.ZeroDivisionError!, 'float division by zero');
    return newFloat(num / den);
  });
  def('log2', (_s, a, k) => newFloat(logHelper(exactlyOne('log2', a, k), Math.log2)));
  def('log10', (_s, a, k) => newFloat(logHelper(exactlyOne('log10', a, k), Math.log10)));
  def('pow', (_s, a, k) => {
    const [xo, yo] = positional('pow', a, k, 2, 2);
    const x = asDouble(xo!);
    const y = asDouble(yo!);
    if (x === 0 && y < 0) throw domainError();
    if (x < 0 && Number.isFinite(x) && Number.isFinite(y) && !Number.isInteger(y)) throw domainError();
    if (x === 1 || y === 0) return newFloat(1);
    const r = x ** y;
    if (!Number.isFinite(r) && !Number.isNaN(r) && Number.isFinite(x) && Number.isFinite(y)) throw rangeError();
    return newFloat(r);
  });
  def('atan2', (_s, a, k) => {
    const [y, x] = positional('atan2', a, k, 2, 2);
    return newFloat(Math.atan2(asDouble(y!), asDouble(x!)));
  });
  def('fmod', (_s, a, k) => {
    const [xo, yo] = positional('fmod', a, k, 2, 2);
    const x = asDouble(xo!);
    const y = asDouble(yo!);
    if (!Number.isFinite(y) && !Number.isNaN(y) && Number.isFinite(x)) return newFloat(x);
    const r = x % y;
    if (Number.isNaN(r) && !Number.isNaN(x) && !Number.isNaN(y)) throw domainError();
    return newFloat(r);
  });
  def('remainder', (_s, a, k) => {
    const [xo, yo] = positional('remainder', a, k, 2, 2);
    const x = asDouble(xo!);
    const y = asDouble(yo!);
    if (Number.isNaN(x) || Number.isNaN(y)) return newFloat(NaN);
    if (!Number.isFinite(x) || y === 0) throw domainError();
    if (!Number.isFinite(y)) return newFloat(x);
    const absy = Math.abs(y);
    const mod = Math.abs(x) % absy;
    const half = absy - mod;
    let r: number;
    if (mod < half) r = mod;
    else if (mod > half) r = -half;
    else r = mod - 2 * ((0.5 * (Math.abs(x) - mod)) % absy);
    return newFloat(x < 0 ? -r : r);
  });
  def('copysign', (_s, a, k) => {
    const [x, y] = positional('copysign', a, k, 2, 2);
    const v = Math.abs(asDouble(x!));
    const s = asDouble(y!);
    return newFloat(s < 0 || Object.is(s, -0) || (Number.isNaN(s) && false) ? -v : v);
  });
  def('ldexp', (_s, a, k) => {
    const [x, i] = positional('ldexp', a, k, 2, 2);
    const v = asDouble(x!);
    const e = Number(asInt(i!));
    const r = ldexp(v, e);
    if (!Number.isFinite(r) && Number.isFinite(v)) throw rangeError();
    return newFloat(r);
  });
  def('frexp', (_s, a, k) => {
    const [mant, e] = frexp(asDouble(exactlyOne('frexp', a, k)));
    return newTuple([newFloat(mant), newInt(e)]);
  });
  def('modf', (_s, a, k) => {
    const x = asDouble(exactlyOne('modf', a, k));
    if (!Number.isFinite(x)) {
      if (Number.isNaN(x)) return newTuple([newFloat(x), newFloat(x)]);
      return newTuple([newFloat(x > 0 ? 0 : -0), newFloat(x)]);
    }
    const ip = Math.trunc(x);
    const fp = x - ip;
    return newTuple([newFloat(fp === 0 && x < 0 ? -0 : fp), newFloat(ip === 0 && x < 0 ? -0 : ip)]);
  });
  const roundingTo = (name: 'floor' | 'ceil', dunder: string) =>
    def(name, (_s, a, k) => {
      const x = exactlyOne(name, a, k);
      if (x instanceof PyFloat) return floatToInt(Math[name](x.v));
      if (x instanceof PyInt && x.type.name === 'int') return newref(x);
      if (lookup(x.type, dunder) !== null) {
        const method = getAttrOrNull(x, dunder)!;
        try {
          return callBorrowed(method, []);
        } finally {
          decref(method);
        }
      }
      return floatToInt(Math[name](asDouble(x)));
    });
  roundingTo('floor', '__floor__');
  roundingTo('ceil', '__ceil__');
  def('trunc', (_s, a, k) => {
    const x = exactlyOne('trunc', a, k);
    if (x instanceof PyFloat) return floatToInt(Math.trunc(x.v));
    if (lookup(x.type, '__trunc__') === null) throw pyError(E.TypeError!, `type ${typeName(x)} doesn't define __trunc__ method`);
    const method = getAttrOrNull(x, '__trunc__')!;
    try {
      return callBorrowed(method, []);
    } finally {
      decref(method);
    }
  });
  def('isfinite', (_s, a, k) => newBool(Number.isFinite(asDouble(exactlyOne('isfinite', a, k)))));
  def('isnan', (_s, a, k) => newBool(Number.isNaN(asDouble(exactlyOne('isnan', a, k)))));
  def('isinf', (_s, a, k) => {
    const x = asDouble(exactlyOne('isinf', a, k));
    return newBool(!Number.isFinite(x) && !Number.isNaN(x));
  });
  def('isclose', (_s, a, k) => {
    const [ao, bo, relo, abso] = bindArgs('isclose', a, k, ['a', 'b', 'rel_tol', 'abs_tol'], 2, 2);
    const x = asDouble(ao!);
    const y = asDouble(bo!);
    const rel = relo ? asDouble(relo) : 1e-9;
    const abs = abso ? asDouble(abso) : 0;
    if (rel < 0 || abs < 0) throw pyError(E.ValueError!, 'tolerances must be non-negative');
    if (x === y) return newBool(true);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return newBool(false);
    const diff = Math.abs(y - x);
    return newBool(diff <= Math.abs(rel * y) || diff <= Math.abs(rel * x) || diff <= abs);
  });
  def('fsum', (_s, a, k) => {
    const items = iterateToArray(exactlyOne('fsum', a, k));
    try {
      return newFloat(fsum(items.map(asDouble)));
    } finally {
      items.forEach((x) => decref(x));
    }
  });
  def('hypot', (_s, a, k) => newFloat(normOf(positional('hypot', a, k, 0, Infinity).map(asDouble))));
  def('dist', (_s, a, k) => {
    const [p, q] = positional('dist', a, k, 2, 2);
    const ps = iterateToArray(p!);
    const qs = iterateToArray(q!);
    try {
      if (ps.length !== qs.length) throw pyError(E.ValueError!, 'both points must have the same number of dimensions');
      return newFloat(normOf(ps.map((x, i) => asDouble(x) - asDouble(qs[i]!))));
    } finally {
      ps.forEach((x) => decref(x));
      qs.forEach((x) => decref(x));
    }
  });
  def('nextafter', (_s, a, k) => {
    const [xo, yo] = positional('nextafter', a, k, 2, 2);
    return newFloat(nextAfter(asDouble(xo!), asDouble(yo!)));
  });
  def('ulp', (_s, a, k) => {
    const x = Math.abs(asDouble(exactlyOne('ulp', a, k)));
    if (Number.isNaN(x) || !Number.isFinite(x)) return newFloat(x);
    const next = nextAfter(x, Infinity);
    if (!Number.isFinite(next)) return newFloat(x - nextAfter(x, -Infinity));
    return newFloat(next - x);
  });

  // ---- integer functions
  def('factorial', (_s, a, k) => {
    const n = big(asInt(exactlyOne('factorial', a, k)));
    if (n < 0n) throw pyError(E.ValueError!, 'factorial() not defined for negative values');
    return intOut(product(1n, n));
  });
  def('gcd', (_s, a) => {
    let g = 0n;
    for (const x of a) g = gcd2(g, big(asInt(x)));
    return intOut(g);
  });
  def('lcm', (_s, a) => {
    let l = 1n;
    for (const x of a) {
      const v = big(asInt(x));
      if (v === 0n || l === 0n) l = 0n;
      else l = ((l < 0n ? -l : l) / gcd2(l, v)) * (v < 0n ? -v : v);
    }
    return intOut(l);
  });
  def('isqrt', (_s, a, k) => {
    const n = big(indexValue(exactlyOne('isqrt', a, k)));
    if (n < 0n) throw pyError(E.ValueError!, 'isqrt() argument must be nonnegative');
    return intOut(isqrt(n));
  });
  def('comb', (_s, a, k) => {
    const [no, ko] = positional('comb', a, k, 2, 2);
    const n = big(asInt(no!));
    let r = big(asInt(ko!));
    if (n < 0n) throw pyError(E.ValueError!, 'n must be a non-negative integer');
    if (r < 0n) throw pyError(E.ValueError!, 'k must be a non-negative integer');
    if (r > n) return newInt(0);
    if (n - r < r) r = n - r;
    return intOut(product(n - r + 1n, n) / product(1n, r));
  });
  def('perm', (_s, a, k) => {
    const [no, ko] = positional('perm', a, k, 1, 2);
    const n = big(asInt(no!));
    if (n < 0n) throw pyError(E.ValueError!, 'n must be a non-negative integer');
    if (ko === undefined || ko === None) return intOut(product(1n, n));
    const r = big(asInt(ko));
    if (r < 0n) throw pyError(E.ValueError!, 'k must be a non-negative integer');
    if (r > n) return newInt(0);
    return intOut(product(n - r + 1n, n));
  });
  def('prod', (_s, a, k) => {
    const [iterable, start] = bindArgs('prod', a, k, ['iterable', 'start'], 1, 1);
    let acc: PyObject = start ? newref(start) : newInt(1);
    const it = getIter(iterable!);
    try {
      for (let x = iterNext(it); x !== null; x = iterNext(it)) {
        const next = binaryOp(acc, x, 'mul');
        decref(acc);
        decref(x);
        acc = next;
      }
    } catch (e) {
      decref(acc);
      throw e;
    } finally {
      decref(it);
    }
    return acc;
  });
  return m;
}

function nextAfter(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === y) return y;
  if (x === 0) return y > 0 ? 5e-324 : -5e-324;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  let bits = buf.getBigUint64(0);
  if (y > x === x > 0) bits += 1n;
  else bits -= 1n;
  buf.setBigUint64(0, bits);
  return buf.getFloat64(0);
}

provideModule('math', () => {
  let m = rt.state.get('math') as PyModule | undefined;
  if (!m) {
    m = createMathModule();
    rt.state.set('math', m);
  }
  return newref(m);
});
