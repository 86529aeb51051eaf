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
import { newList } from './list.js';
import { PySlice } from './range.js';
import { indexOf, normalizeIndex, sliceIndices } from './sequence.js';
import { bindArgs, defineMethods } from '../builtins/args.js';
import { getIter, indexValue, typeName, iterateToArray } from '../protocols/abstract.js';
import { decodeBytes, encodeStr, percentFormat } from './str-methods.js';
import { installBytesLikeMethods, indexIn, subArg } from './bytes-like.js';
import { reserveMemory } from '../limits.js';
import { latin1 } from '../../python/source-file.js';

const b = (o: PyObject | null | undefined) => (o as PyBytes).v;

function cmp(x: Uint8Array, y: Uint8Array): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export function bytesFromObject(x: PyObject, encoding?: PyObject): PyObject {
  if (x instanceof PyStr) {
    if (!encoding) throw pyError(E.TypeError!, 'string argument without an encoding');
    return newBytes(encodeStr(x.v, (encoding as PyStr).v));
  }
  if (x instanceof PyBytes && x.type === bytesType) return newref(x);
  if (x instanceof PyBytes) return newBytes(x.v.slice());
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
    return indexIn(b(o), subArg(x)) >= 0;
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
  t.number.mod = (x, values) => {
    if (!(x instanceof PyBytes)) return newNotImplemented();
    const text = percentFormat(latin1(x.v), values, true);
    return newBytes(Uint8Array.from(text, (c) => c.charCodeAt(0)));
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
  });
  installBytesLikeMethods(t, newBytes);
  void EQ;
  void NE;
  void LT;
  void LE;
  void GT;
  void GE;
}
