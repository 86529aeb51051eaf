/**
 * bytes behaviour: repr, hashing, comparison, subscription (ints and slices),
 * concatenation, repetition, constructors, decode and common methods. Also the reprs of
 * None, NotImplemented and Ellipsis.
 */
import { PyObject, EQ, NE, LT, LE, GT, GE, type RichOp } from './object.js';
import { decref, newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from './exceptions.js';
import { newNotImplemented, noneType, notImplementedType, ellipsisType, None, NotImplemented, Ellipsis } from './singletons.js';
import { PyBytes, bytesType, newBytes, bytesRepr, bytesHash } from './bytes.js';
import { PyInt, newInt, newBool } from './int.js';
import { PyStr, newStr } from './str.js';
import { PyList, newList, listAppendSteal } from './list.js';
import { PyTuple } from './tuple.js';
import { PySlice } from './range.js';
import { indexOf, normalizeIndex, sliceIndices } from './sequence.js';
import { bindArgs, defineMethods, exactlyOne, positional } from '../builtins/args.js';
import { getIter, iterNext, indexValue, typeName, iterateToArray } from '../protocols/abstract.js';
import { decodeBytes, encodeStr } from './str-methods.js';
import { rt } from '../runtime.js';
import { reserveMemory } from '../limits.js';

const b = (o: PyObject | null | undefined) => (o as PyBytes).v;

function argBytes(o: PyObject | undefined, fname: string): Uint8Array {
  if (!(o instanceof PyBytes)) throw pyError(E.TypeError!, `a bytes-like object is required, not '${o ? typeName(o) : 'NoneType'}'`);
  return o.v;
}

function cmp(x: Uint8Array, y: Uint8Array): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

function indexIn(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

export function bytesFromObject(x: PyObject, encoding?: PyObject): PyObject {
  if (x instanceof PyStr) {
    if (!encoding) throw pyError(E.TypeError!, 'string argument without an encoding');
    return newBytes(encodeStr(x.v, (encoding as PyStr).v));
  }
  if (x instanceof PyBytes) return newref(x);
  if (x instanceof PyInt) {
    const n = Number(indexValue(x));
    if (n < 0) throw pyError(E.ValueError!, 'negative count');
    return newBytes(new Uint8Array(n));
  }
  const items = iterateToArray(x);
  try {
    const out = new Uint8Array(items.length);
    items.forEach((v, i) => {
      const n = Number(indexValue(v));
      if (n < 0 || n > 255) throw pyError(E.ValueError!, 'bytes must be in range(0, 256)');
      out[i] = n;
    });
    return newBytes(out);
  } finally {
    items.forEach((v) => decref(v));
  }
}

export function initBytesSlots(): void {
  noneType.repr = () => newStr('None');
  const singletonNew = (name: string, value: () => PyObject) => (_t: unknown, args: PyObject[], kw: readonly string[] | null) => {
    if (args.length) throw pyError(E.TypeError!, `${name} takes no arguments`);
    void kw;
    return newref(value());
  };
  noneType.newInstance = singletonNew('NoneType', () => None);
  notImplementedType.newInstance = singletonNew('NotImplementedType', () => NotImplemented);
  ellipsisType.newInstance = singletonNew('ellipsis', () => Ellipsis);
  noneType.number.bool = () => false;
  notImplementedType.repr = () => newStr('NotImplemented');
  ellipsisType.repr = () => newStr('Ellipsis');
  const t = bytesType;
  t.repr = (o) => newStr(bytesRepr(b(o)));
  t.str = t.repr;
  t.hash = (o) => bytesHash(o as PyBytes);
  t.length = (o) => b(o).length;
  t.richcompare = (x, y, op: RichOp) => {
    if (!(x instanceof PyBytes) || !(y instanceof PyBytes)) return newNotImplemented();
    const c = cmp(x.v, y.v);
    return newBool([c < 0, c <= 0, c === 0, c !== 0, c > 0, c >= 0][op]!);
  };
  t.getitem = (o, key) => {
    const v = b(o);
    if (key instanceof PySlice) {
      const s = sliceIndices(key, v.length);
      const out = new Uint8Array(s.length);
      for (let i = 0, j = s.start; i < s.length; i++, j += s.step) out[i] = v[j]!;
      return newBytes(out);
    }
    const i = normalizeIndex(indexOf(key, 'byte'), v.length);
    if (i < 0) throw pyError(E.IndexError!, 'index out of range');
    return newInt(v[i]!);
  };
  t.contains = (o, x) => {
    if (x instanceof PyInt) return b(o).includes(Number(x.v));
    return indexIn(b(o), argBytes(x, '__contains__')) >= 0;
  };
  t.iter = (o) => {
    const l = newList(Array.from(b(o), (c) => newInt(c)));
    try {
      return getIter(l);
    } finally {
      decref(l);
    }
  };
  t.concat = (x, y) => {
    if (!(y instanceof PyBytes)) throw pyError(E.TypeError!, `can't concat ${typeName(y)} to bytes`);
    const xv = (x as PyBytes).v;
    const out = new Uint8Array(xv.length + y.v.length);
    out.set(xv);
    out.set(y.v, xv.length);
    return newBytes(out);
  };
  t.repeat = (x, count) => {
    const s = x as PyBytes;
    count = Math.max(0, count);
    reserveMemory(s.v.length * count);
    const out = new Uint8Array(s.v.length * count);
    for (let k = 0; k < count; k++) out.set(s.v, k * s.v.length);
    return newBytes(out);
  };
  t.newInstance = (_t, args, kw) => {
    const [x, encoding] = bindArgs('bytes', args, kw, ['source', 'encoding', 'errors'], 0, 3);
    if (x === undefined) return newBytes(new Uint8Array(0));
    return bytesFromObject(x, encoding);
  };
  defineMethods(t, {
    decode: (self, args, kw) => {
      const [enc] = bindArgs('decode', args, kw, ['encoding', 'errors'], 0, 2);
      return newStr(decodeBytes(b(self), enc ? (enc as PyStr).v : 'utf-8'));
    },
    hex: (self) => newStr(Array.from(b(self), (c) => c.toString(16).padStart(2, '0')).join('')),
    startswith: (self, args, kw) => {
      const p = exactlyOne('startswith', args, kw);
      const prefixes = p instanceof PyTuple ? p.items.map((x) => argBytes(x, 'startswith')) : [argBytes(p, 'startswith')];
      return newBool(prefixes.some((q) => cmp(b(self).slice(0, q.length), q) === 0));
    },
    endswith: (self, args, kw) => {
      const p = argBytes(exactlyOne('endswith', args, kw), 'endswith');
      const v = b(self);
      return newBool(v.length >= p.length && cmp(v.slice(v.length - p.length), p) === 0);
    },
    find: (self, args, kw) => newInt(indexIn(b(self), argBytes(positional('find', args, kw, 1, 3)[0], 'find'))),
    count: (self, args, kw) => {
      const needle = argBytes(exactlyOne('count', args, kw), 'count');
      let n = 0;
      for (let i = indexIn(b(self), needle); i >= 0; i = indexIn(b(self), needle, i + Math.max(1, needle.length))) n++;
      return newInt(n);
    },
    join: (self, args, kw) => {
      const parts = iterateToArray(exactlyOne('join', args, kw));
      try {
        const sep = b(self);
        const arrays = parts.map((p) => argBytes(p, 'join'));
        const total = arrays.reduce((s, a) => s + a.length, 0) + sep.length * Math.max(0, arrays.length - 1);
        const out = new Uint8Array(total);
        let at = 0;
        arrays.forEach((a, i) => {
          if (i) {
            out.set(sep, at);
            at += sep.length;
          }
          out.set(a, at);
          at += a.length;
        });
        return newBytes(out);
      } finally {
        parts.forEach((p) => decref(p));
      }
    },
    split: (self, args, kw) => {
      const [sepObj] = bindArgs('split', args, kw, ['sep', 'maxsplit'], 0, 2);
      const text = String.fromCharCode(...b(self));
      const parts = sepObj === undefined || sepObj === None ? text.split(/[ \t\n\r\x0b\x0c]+/).filter(Boolean) : text.split(String.fromCharCode(...argBytes(sepObj, 'split')));
      const l = newList([], 12) as PyList;
      for (const p of parts) listAppendSteal(l, newBytes(Uint8Array.from(p, (c) => c.charCodeAt(0))));
      return l;
    },
    upper: (self) => newBytes(b(self).map((c) => (c >= 97 && c <= 122 ? c - 32 : c))),
    lower: (self) => newBytes(b(self).map((c) => (c >= 65 && c <= 90 ? c + 32 : c))),
    strip: (self) => newBytes(Uint8Array.from(String.fromCharCode(...b(self)).trim(), (c) => c.charCodeAt(0))),
    replace: (self, args, kw) => {
      const [x, y] = positional('replace', args, kw, 2, 3);
      const text = String.fromCharCode(...b(self));
      const out = text.split(String.fromCharCode(...argBytes(x, 'replace'))).join(String.fromCharCode(...argBytes(y, 'replace')));
      return newBytes(Uint8Array.from(out, (c) => c.charCodeAt(0)));
    },
  });
  void EQ;
  void NE;
  void LT;
  void LE;
  void GT;
  void GE;
}
