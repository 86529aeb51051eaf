/**
 * complex (a minimal model: construction, repr, arithmetic, abs; 32 bytes).
 */
import { PyObject, type PyType, EQ, NE } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { pyError } from '../errors.js';
import { E } from './exceptions.js';
import { floatRepr, PyFloat } from './float.js';
import { PyInt } from './int.js';
import { newStr } from './str.js';
import { newNotImplemented } from './singletons.js';
import { newBool } from './int.js';
import { newFloat } from './float.js';
import { toPyHash } from './object.js';
import { floatHash } from './float.js';

export class PyComplex extends PyObject {
  constructor(
    type: PyType,
    readonly re: number,
    readonly im: number,
  ) {
    super(type);
  }
}

export let complexType: PyType;

export function newComplex(re: number, im: number): PyComplex {
  const c = new PyComplex(complexType, re, im);
  rt.heap.allocate(c, false);
  return c;
}

function parts(o: PyObject): [number, number] | null {
  if (o instanceof PyComplex) return [o.re, o.im];
  if (o instanceof PyFloat) return [o.v, 0];
  if (o instanceof PyInt) return [Number(o.v), 0];
  return null;
}

function fmt(x: number): string {
  const r = floatRepr(x);
  return r.endsWith('.0') ? r.slice(0, -2) : r;
}

export function initComplexType(): void {
  complexType = makeBuiltinType('complex', { basicSize: 32 });
  complexType.repr = (o) => {
    const c = o as PyComplex;
    if (c.re === 0 && !Object.is(c.re, -0)) return newStr(`${fmt(c.im)}j`);
    const sign = c.im < 0 || Object.is(c.im, -0) ? '-' : '+';
    return newStr(`(${fmt(c.re)}${sign}${fmt(Math.abs(c.im))}j)`);
  };
  // complex_hash: hash(real) + 1000003 * hash(imag), in unsigned 64-bit arithmetic
  complexType.hash = (o) => {
    const c = o as PyComplex;
    const h = BigInt.asIntN(64, BigInt(floatHash(c.re)) + 1000003n * BigInt(floatHash(c.im)));
    return h === -1n ? -2 : toPyHash(h);
  };
  const n = complexType.number;
  const bin = (fn: (a: [number, number], b: [number, number]) => [number, number]) => (x: PyObject, y: PyObject) => {
    const a = parts(x);
    const b = parts(y);
    if (!a || !b) return newNotImplemented();
    const [re, im] = fn(a, b);
    return newComplex(re, im);
  };
  n.add = bin((a, b) => [a[0] + b[0], a[1] + b[1]]);
  n.sub = bin((a, b) => [a[0] - b[0], a[1] - b[1]]);
  n.mul = bin((a, b) => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]]);
  n.truediv = bin((a, b) => {
    const d = b[0] * b[0] + b[1] * b[1];
    if (d === 0) throw pyError(E.ZeroDivisionError!, 'complex division by zero');
    return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
  });
  n.neg = (o) => newComplex(-(o as PyComplex).re, -(o as PyComplex).im);
  n.pos = (o) => newComplex((o as PyComplex).re, (o as PyComplex).im);
  n.abs = (o) => newFloat(Math.hypot((o as PyComplex).re, (o as PyComplex).im));
  n.bool = (o) => (o as PyComplex).re !== 0 || (o as PyComplex).im !== 0;
  complexType.richcompare = (x, y, op) => {
    const a = parts(x);
    const b = parts(y);
    if (!a || !b || (op !== EQ && op !== NE)) return newNotImplemented();
    const eq = a[0] === b[0] && a[1] === b[1];
    return newBool(op === EQ ? eq : !eq);
  };
}
