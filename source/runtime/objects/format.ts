/**
 * format() and f-string format specs: the format-specification mini-language for int,
 * float and str, with correctly rounded (half-even on the exact binary value) decimal
 * conversion as CPython's dtoa gives it.
 */
import type { PyObject } from './object.js';
import { decref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from './exceptions.js';
import { PyInt, intType, boolType, big, type IntValue } from './int.js';
import { PyFloat, floatType, floatRepr } from './float.js';
import { fixed, roundedDigits } from './decimal-digits.js';
import { PyStr, strType, newStr } from './str.js';
import { lookup } from './typeobject.js';
import { call, str as strOf, typeName } from '../protocols/abstract.js';
import { newref } from '../heap/refcount.js';
import { intRepr } from './number-methods.js';

type Spec = {
  fill: string;
  align: string | null;
  sign: string | null;
  z: boolean;
  alternate: boolean;
  zero: boolean;
  width: number;
  grouping: string | null;
  precision: number | null;
  type: string | null;
};

function parseSpec(spec: string, what: string): Spec {
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([a-zA-Z%])?$/su.exec(spec);
  if (!m) {
    if (/\.(?!\d)/.test(spec)) throw pyError(E.ValueError!, 'Format specifier missing precision');
    throw pyError(E.ValueError!, `Invalid format specifier '${spec}' for object of type '${what}'`);
  }
  const [, fill, align, sign, z, alt, zero, width, grouping, precision, type] = m;
  return {
    fill: fill ?? (zero && !align ? '0' : ' '),
    align: align ?? (zero ? '=' : null),
    sign: sign ?? null,
    z: !!z,
    alternate: !!alt,
    zero: !!zero,
    width: width ? Number(width) : 0,
    grouping: grouping ?? null,
    precision: precision !== undefined ? Number(precision) : null,
    type: type ?? null,
  };
}

function pad(body: string, sign: string, spec: Spec, defaultAlign: string, prefix = ''): string {
  const align = spec.align ?? defaultAlign;
  const total = sign.length + prefix.length + [...body].length;
  const n = Math.max(0, spec.width - total);
  switch (align) {
    case '<':
      return sign + prefix + body + spec.fill.repeat(n);
    case '^': {
      const left = Math.floor(n / 2);
      return spec.fill.repeat(left) + sign + prefix + body + spec.fill.repeat(n - left);
    }
    case '=':
      return sign + prefix + spec.fill.repeat(n) + body;
    default:
      return spec.fill.repeat(n) + sign + prefix + body;
  }
}

function group(digits: string, sep: string, every: number): string {
  let out = '';
  let count = 0;
  for (let i = digits.length - 1; i >= 0; i--) {
    out = digits[i] + out;
    if (++count % every === 0 && i > 0) out = sep + out;
  }
  return out;
}

/** Grouping plus zero padding that grows through the separators, as CPython does. */
function groupedWithZeroPad(intPart: string, rest: string, spec: Spec, signLen: number, every = 3): string {
  const sep = spec.grouping;
  if (!sep) {
    if (spec.zero && spec.align === '=' && spec.fill === '0') {
      const need = spec.width - signLen - rest.length;
      if (intPart.length < need) intPart = intPart.padStart(need, '0');
    }
    return intPart + rest;
  }
  if (spec.fill === '0' && spec.align === '=') {
    const minWidth = spec.width - signLen - rest.length;
    let digits = intPart;
    let g = group(digits, sep, every);
    while (g.length < minWidth) {
      digits = '0' + digits;
      g = group(digits, sep, every);
    }
    return g + rest;
  }
  return group(intPart, sep, every) + rest;
}

function signOf(negative: boolean, spec: Spec): string {
  if (negative) return '-';
  if (spec.sign === '+') return '+';
  if (spec.sign === ' ') return ' ';
  return '';
}

// ---------------------------------------------------------------- integers

function formatInt(v: IntValue, spec: Spec, typeNameForError: string): string {
  const type = spec.type ?? 'd';
  if ('eEfFgG%'.includes(type)) return formatFloatValue(Number(v), spec, 'int');
  if (spec.precision !== null) throw pyError(E.ValueError!, 'Precision not allowed in integer format specifier');
  const negative = v < 0;
  const a = typeof v === 'number' ? Math.abs(v) : v < 0n ? -v : v;
  let digits: string;
  let prefix = '';
  let every = 3;
  switch (type) {
    case 'd':
    case 'n':
      digits = a.toString();
      break;
    case 'b':
      digits = a.toString(2);
      prefix = spec.alternate ? '0b' : '';
      every = 4;
      break;
    case 'o':
      digits = a.toString(8);
      prefix = spec.alternate ? '0o' : '';
      every = 4;
      break;
    case 'x':
      digits = a.toString(16);
      prefix = spec.alternate ? '0x' : '';
      every = 4;
      break;
    case 'X':
      digits = a.toString(16).toUpperCase();
      prefix = spec.alternate ? '0X' : '';
      every = 4;
      break;
    case 'c': {
      if (spec.sign) throw pyError(E.ValueError!, "Sign not allowed with integer format specifier 'c'");
      const code = Number(a);
      if (negative || code > 0x10ffff) throw pyError(E.OverflowError!, '%c arg not in range(0x110000)');
      return pad(String.fromCodePoint(code), '', spec, '>');
    }
    default:
      throw pyError(E.ValueError!, `Unknown format code '${type}' for object of type '${typeNameForError}'`);
  }
  if (spec.grouping === ',' && type !== 'd') throw pyError(E.ValueError!, "Cannot specify ',' with '" + type + "'.");
  if (type === 'd' && !spec.grouping && typeof v === 'bigint') intRepr(v); // the digit limit check
  const sign = signOf(negative, spec);
  const body = groupedWithZeroPad(digits, '', { ...spec, width: spec.width - prefix.length }, sign.length, every);
  return pad(body, sign, spec, '>', prefix);
}

// ---------------------------------------------------------------- floats


function scientific(x: number, places: number, upper: boolean, alternate: boolean): string {
  if (x === 0) return `0${places > 0 ? '.' + '0'.repeat(places) : alternate ? '.' : ''}${upper ? 'E' : 'e'}+00`;
  const { digits, exp } = roundedDigits(x, 'sig', places + 1);
  const e = exp - 1;
  const mant = digits.length > 1 || places > 0 ? `${digits[0]}.${digits.slice(1).padEnd(places, '0')}` : digits + (alternate ? '.' : '');
  return `${mant}${upper ? 'E' : 'e'}${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** 'g' formatting of |x| with precision p. */
function general(x: number, p: number, upper: boolean, alternate: boolean, reprLike: boolean): string {
  if (p === 0) p = 1;
  if (x === 0) return reprLike ? '0.0' : alternate ? '0.' + '0'.repeat(p - 1) : '0';
  const { exp } = roundedDigits(x, 'sig', p);
  const e = exp - 1;
  let out: string;
  if (-4 <= e && e < (reprLike ? Math.max(p, 16) : p)) {
    out = fixed(x, Math.max(0, p - 1 - e));
    if (!alternate && out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, reprLike ? '.0' : '');
    if (reprLike && !out.includes('.')) out += '.0';
  } else {
    out = scientific(x, p - 1, upper, alternate);
    if (!alternate) out = out.replace(/\.?0+(?=[eE])/, '');
  }
  return out;
}

function formatFloatValue(x: number, spec: Spec, typeNameForError: string): string {
  let type = spec.type;
  const negative = x < 0 || Object.is(x, -0);
  let ax = Math.abs(x);
  let body: string;
  if (Number.isNaN(x) || !Number.isFinite(x)) {
    body = Number.isNaN(x) ? 'nan' : 'inf';
    if (type && 'EFG'.includes(type)) body = body.toUpperCase();
    if (type === '%') body += '%';
    return pad(body, signOf(negative && !Number.isNaN(x), spec), spec, '>');
  }
  const precision = spec.precision;
  switch (type) {
    case 'f':
    case 'F':
      body = fixed(ax, precision ?? 6);
      if (spec.alternate && !body.includes('.')) body += '.';
      break;
    case 'e':
    case 'E':
      body = scientific(ax, precision ?? 6, type === 'E', spec.alternate);
      break;
    case 'g':
    case 'G':
    case 'n':
      body = general(ax, precision ?? 6, type === 'G', spec.alternate, false);
      if (type === 'G') body = body.toUpperCase();
      break;
    case '%':
      ax *= 100;
      body = fixed(ax, precision ?? 6) + '%';
      break;
    case null:
      body = precision === null ? floatRepr(ax) : general(ax, precision, false, spec.alternate, true);
      break;
    default:
      throw pyError(E.ValueError!, `Unknown format code '${type}' for object of type '${typeNameForError}'`);
  }
  let neg = negative;
  if (spec.z && neg && /^[0.]*(e[+-]\d+)?%?$/i.test(body.replace(/e.*/i, ''))) neg = false;
  if (Number(body.replace('%', '')) === 0 && !negative) neg = false;
  const sign = signOf(neg, spec);
  const dot = body.search(/[.eE%]/);
  const intPart = dot < 0 ? body : body.slice(0, dot);
  const rest = dot < 0 ? '' : body.slice(dot);
  body = /^\d+$/.test(intPart) ? groupedWithZeroPad(intPart, rest, spec, sign.length) : body;
  return pad(body, sign, spec, '>');
}

// ---------------------------------------------------------------- strings

function formatStr(s: string, spec: Spec): string {
  if (spec.type !== null && spec.type !== 's') throw pyError(E.ValueError!, `Unknown format code '${spec.type}' for object of type 'str'`);
  if (spec.sign) throw pyError(E.ValueError!, 'Sign not allowed in string format specifier');
  if (spec.alternate) throw pyError(E.ValueError!, 'Alternate form (#) not allowed in string format specifier');
  if (spec.align === '=') throw pyError(E.ValueError!, "'=' alignment not allowed in string format specifier");
  if (spec.grouping) throw pyError(E.ValueError!, `Cannot specify '${spec.grouping}' with 's'.`);
  const body = spec.precision !== null ? [...s].slice(0, spec.precision).join('') : s;
  return pad(body, '', spec, '<');
}

/** int.__format__ / float.__format__ for builtin numbers. */
export function formatNumber(o: PyObject, specText: string): string {
  if (o instanceof PyFloat) {
    if (!specText) return floatRepr(o.v);
    return formatFloatValue(o.v, parseSpec(specText, 'float'), 'float');
  }
  const v = (o as PyInt).v;
  if (!specText) return o.type === boolType ? (v ? 'True' : 'False') : intRepr(v);
  return formatInt(v, parseSpec(specText, 'int'), 'int');
}

/** format(o, spec): builtin fast paths, else type(o).__format__(o, spec). */
export function formatObject(o: PyObject, spec: string): string {
  const t = o.type;
  if (t === strType) return spec ? formatStr((o as PyStr).v, parseSpec(spec, 'str')) : (o as PyStr).v;
  if (t === intType || t === boolType || t === floatType) return formatNumber(o, spec);
  const method = lookup(t, '__format__');
  if (method !== null && method.type.name === 'function') {
    const r = call(method, [newref(o), newStr(spec)]);
    try {
      if (!(r instanceof PyStr)) throw pyError(E.TypeError!, `__format__ must return a str, not ${typeName(r)}`);
      return r.v;
    } finally {
      decref(r);
    }
  }
  if (o instanceof PyStr) return spec ? formatStr(o.v, parseSpec(spec, 'str')) : o.v;
  if (o instanceof PyInt || o instanceof PyFloat) return formatNumber(o, spec);
  if (spec) throw pyError(E.TypeError!, `unsupported format string passed to ${t.name}.__format__`);
  return strOf(o);
}

export { big };
