/**
 * The array module (Modules/arraymodule.c): array.array stores raw C values, so it
 * holds no references to the ints or floats it was built from, and reading an item
 * creates a new object. sys.getsizeof = 64 + allocated·itemsize (+16 GC header), with
 * array_resize's growth: newsize + newsize/16 + (3 while the old size is below 8, else 7),
 * and no shrink unless the size drops 16 below the allocation.
 */
import { reserveMemory } from '../limits.js';
import { PyObject, PyType, type RichOp, EQ, NE } from '../objects/object.js';
import { nativeType, defineGetter } from '../objects/native-type.js';
import { newModule, moduleSet, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { rt } from '../runtime.js';
import { decref, newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { newNone, newNotImplemented } from '../objects/singletons.js';
import { newInt, newIntValue, newBool, normalize } from '../objects/int.js';
import { PyFloat, newFloat, floatRepr } from '../objects/float.js';
import { PyStr, newStr, strRepr } from '../objects/str.js';
import { PyBytes, newBytes } from '../objects/bytes.js';
import { PyList, newList } from '../objects/list.js';
import { PyTuple, newTuple } from '../objects/tuple.js';
import { PySlice } from '../objects/range.js';
import { normalizeIndex, sliceIndices, indexOf } from '../objects/sequence.js';
import { defineMethods, exactlyOne, noArgs, positional } from '../builtins/args.js';
import { getIter, iterNext, indexValue, typeName, hashNotImplemented, richCompareBool } from '../protocols/abstract.js';
import { asDouble } from './math.js';
import { newSeqIter } from '../objects/iterators.js';

type Code = 'b' | 'B' | 'u' | 'h' | 'H' | 'i' | 'I' | 'l' | 'L' | 'q' | 'Q' | 'f' | 'd';
const TYPECODES = 'bBuhHiIlLqQfd';

type Descr = { size: number; min?: bigint; max?: bigint; float?: boolean; unicode?: boolean; over: string; under: string };
const DESCRS: Record<Code, Descr> = {
  b: { size: 1, min: -128n, max: 127n, over: 'signed char is greater than maximum', under: 'signed char is less than minimum' },
  B: { size: 1, min: 0n, max: 255n, over: 'unsigned byte integer is greater than maximum', under: 'unsigned byte integer is less than minimum' },
  u: { size: 4, unicode: true, over: '', under: '' },
  h: { size: 2, min: -32768n, max: 32767n, over: 'signed short integer is greater than maximum', under: 'signed short integer is less than minimum' },
  H: { size: 2, min: 0n, max: 65535n, over: 'unsigned short is greater than maximum', under: 'unsigned short is less than minimum' },
  i: { size: 4, min: -(2n ** 31n), max: 2n ** 31n - 1n, over: 'signed integer is greater than maximum', under: 'signed integer is less than minimum' },
  I: { size: 4, min: 0n, max: 2n ** 32n - 1n, over: 'unsigned int is greater than maximum', under: "can't convert negative value to unsigned int" },
  l: { size: 8, min: -(2n ** 63n), max: 2n ** 63n - 1n, over: 'Python int too large to convert to C long', under: 'Python int too large to convert to C long' },
  L: { size: 8, min: 0n, max: 2n ** 64n - 1n, over: 'Python int too large to convert to C unsigned long', under: "can't convert negative value to unsigned int" },
  q: { size: 8, min: -(2n ** 63n), max: 2n ** 63n - 1n, over: 'int too big to convert', under: 'int too big to convert' },
  Q: { size: 8, min: 0n, max: 2n ** 64n - 1n, over: 'int too big to convert', under: "can't convert negative int to unsigned" },
  f: { size: 4, float: true, over: '', under: '' },
  d: { size: 8, float: true, over: '', under: '' },
};

type Item = number | bigint | string;

export class PyArray extends PyObject {
  items: Item[] = [];
  allocated = 0;
  constructor(
    type: PyType,
    readonly code: Code,
  ) {
    super(type);
  }
  get descr(): Descr {
    return DESCRS[this.code];
  }
}

/** Convert a Python value to the array's C representation (setitem of each typecode). */
function toItem(a: PyArray, v: PyObject): Item {
  const d = a.descr;
  if (d.unicode) {
    if (!(v instanceof PyStr) || [...v.v].length !== 1) {
      throw pyError(E.TypeError!, `array item must be unicode character, not ${typeName(v)}`);
    }
    return v.v;
  }
  if (d.float) {
    const x = asDouble(v);
    return a.code === 'f' ? Math.fround(x) : x;
  }
  if (v instanceof PyFloat) throw pyError(E.TypeError!, `'float' object cannot be interpreted as an integer`);
  const n = BigInt(indexValue(v));
  if (n > d.max!) throw pyError(E.OverflowError!, d.over);
  if (n < d.min!) throw pyError(E.OverflowError!, d.under);
  const small = Number(n);
  return Number.isSafeInteger(small) ? small : n;
}

function fromItem(a: PyArray, x: Item): PyObject {
  if (typeof x === 'string') return newStr(x);
  if (a.descr.float) return newFloat(x as number);
  return typeof x === 'bigint' ? newIntValue(normalize(x)) : newInt(x);
}

/** array_resize */
function resize(a: PyArray, newsize: number): void {
  const size = a.items.length;
  if (a.allocated >= newsize && size < newsize + 16 && a.allocated > 0) {
    a.items.length = newsize;
    return;
  }
  if (newsize === 0) {
    a.items.length = 0;
    a.allocated = 0;
    rt.heap.resized(a);
    return;
  }
  const allocated = (newsize >> 4) + (size < 8 ? 3 : 7) + newsize;
  reserveMemory(allocated * a.descr.size);
  a.allocated = allocated;
  a.items.length = newsize;
  rt.heap.resized(a);
}

function newArray(type: PyType, code: Code, items: Item[]): PyArray {
  const a = new PyArray(type, code);
  a.items = items;
  a.allocated = items.length;
  rt.heap.allocate(a, true);
  return a;
}

function append(a: PyArray, x: Item): void {
  const n = a.items.length;
  resize(a, n + 1);
  a.items[n] = x;
}

function insert(a: PyArray, i: number, x: Item): void {
  const n = a.items.length;
  if (i < 0) i = Math.max(0, i + n);
  if (i > n) i = n;
  resize(a, n + 1);
  a.items.copyWithin(i + 1, i, n);
  a.items[i] = x;
}

function deleteRange(a: PyArray, lo: number, hi: number): void {
  const rest = a.items.slice(hi);
  const n = a.items.length;
  for (let i = 0; i < rest.length; i++) a.items[lo + i] = rest[i]!;
  resize(a, n - (hi - lo));
}

function iterExtend(a: PyArray, iterable: PyObject): void {
  const it = getIter(iterable);
  try {
    for (let x = iterNext(it); x !== null; x = iterNext(it)) {
      try {
        append(a, toItem(a, x));
      } finally {
        decref(x);
      }
    }
  } finally {
    decref(it);
  }
}

function bytesToItems(a: PyArray, data: Uint8Array): Item[] {
  const size = a.descr.size;
  if (data.length % size) throw pyError(E.ValueError!, 'bytes length not a multiple of item size');
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  const out: Item[] = [];
  for (let off = 0; off < data.length; off += size) {
    switch (a.code) {
      case 'b': out.push(view.getInt8(off)); break;
      case 'B': out.push(view.getUint8(off)); break;
      case 'h': out.push(view.getInt16(off, true)); break;
      case 'H': out.push(view.getUint16(off, true)); break;
      case 'i': out.push(view.getInt32(off, true)); break;
      case 'I': out.push(view.getUint32(off, true)); break;
      case 'u': out.push(String.fromCodePoint(view.getUint32(off, true))); break;
      case 'f': out.push(view.getFloat32(off, true)); break;
      case 'd': out.push(view.getFloat64(off, true)); break;
      case 'l': case 'q': {
        const v = view.getBigInt64(off, true);
        out.push(Number.isSafeInteger(Number(v)) ? Number(v) : v);
        break;
      }
      default: {
        const v = view.getBigUint64(off, true);
        out.push(Number.isSafeInteger(Number(v)) ? Number(v) : v);
      }
    }
  }
  return out;
}

function itemsToBytes(a: PyArray): Uint8Array {
  const size = a.descr.size;
  const out = new Uint8Array(a.items.length * size);
  const view = new DataView(out.buffer);
  a.items.forEach((x, k) => {
    const off = k * size;
    switch (a.code) {
      case 'b': view.setInt8(off, x as number); break;
      case 'B': view.setUint8(off, x as number); break;
      case 'h': view.setInt16(off, x as number, true); break;
      case 'H': view.setUint16(off, x as number, true); break;
      case 'i': view.setInt32(off, x as number, true); break;
      case 'I': view.setUint32(off, x as number, true); break;
      case 'u': view.setUint32(off, (x as string).codePointAt(0)!, true); break;
      case 'f': view.setFloat32(off, x as number, true); break;
      case 'd': view.setFloat64(off, x as number, true); break;
      case 'l': case 'q': view.setBigInt64(off, BigInt(x), true); break;
      default: view.setBigUint64(off, BigInt(x), true);
    }
  });
  return out;
}

function itemRepr(a: PyArray, x: Item): string {
  if (a.descr.float) return floatRepr(x as number);
  return String(x);
}

function createArrayType(): PyType {
  let iterType: PyType | null = null;
  const t = nativeType('array', { module: 'array', gc: true, weakrefable: true, basicSize: 64 }, (t) => {
    t.newInstance = (type, args, kw) => {
      if (type === t && kw && kw.length) throw pyError(E.TypeError!, 'array.array() takes no keyword arguments');
      const [codeObj, initial] = positional('array', args, kw, 1, 2);
      if (!(codeObj instanceof PyStr) || codeObj.v.length !== 1) {
        throw pyError(E.TypeError!, `array() argument 1 must be a unicode character, not ${typeName(codeObj!)}`);
      }
      const code = codeObj.v as Code;
      if (!TYPECODES.includes(code)) throw pyError(E.ValueError!, 'bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)');
      if (initial instanceof PyStr && code !== 'u') {
        throw pyError(E.TypeError!, `cannot use a str to initialize an array with typecode '${code}'`);
      }
      const a = newArray(type, code, []);
      try {
        if (initial === undefined) return a;
        if (initial instanceof PyList || initial instanceof PyTuple) {
          const items = initial.items.map((x) => toItem(a, x));
          a.items = items;
          a.allocated = items.length;
          rt.heap.resized(a);
        } else if (initial instanceof PyBytes) {
          // array_array_frombytes on the empty array: an ordinary resize.
          const add = bytesToItems(a, initial.v);
          resize(a, add.length);
          a.items = add;
        } else if (initial instanceof PyStr) {
          a.items = [...initial.v];
          a.allocated = a.items.length;
          rt.heap.resized(a);
        } else if (initial instanceof PyArray && initial.code === code) {
          a.items = initial.items.slice();
          a.allocated = a.items.length;
          rt.heap.resized(a);
        } else iterExtend(a, initial);
      } catch (e) {
        decref(a);
        throw e;
      }
      return a;
    };
    t.init = () => {};
    t.sizeof = (o) => 64 + (o as PyArray).allocated * (o as PyArray).descr.size;
    t.hash = hashNotImplemented;
    t.length = (o) => (o as PyArray).items.length;
    t.repr = (o) => {
      const a = o as PyArray;
      const name = o.type.name === 'array' ? 'array' : o.type.name;
      if (!a.items.length) return newStr(`${name}('${a.code}')`);
      if (a.code === 'u') return newStr(`${name}('u', ${strRepr(a.items.join(''))})`);
      return newStr(`${name}('${a.code}', [${a.items.map((x) => itemRepr(a, x)).join(', ')}])`);
    };
    t.getitem = (o, key) => {
      const a = o as PyArray;
      if (key instanceof PySlice) {
        const s = sliceIndices(key, a.items.length);
        const out: Item[] = [];
        for (let i = 0, j = s.start; i < s.length; i++, j += s.step) out.push(a.items[j]!);
        return newArray(a.type, a.code, out);
      }
      const i = normalizeIndex(indexOf(key, 'array'), a.items.length);
      if (i < 0) throw pyError(E.IndexError!, 'array index out of range');
      return fromItem(a, a.items[i]!);
    };
    t.setitem = (o, key, value) => {
      const a = o as PyArray;
      if (key instanceof PySlice) {
        const s = sliceIndices(key, a.items.length);
        let values: Item[] = [];
        if (value !== null) {
          if (!(value instanceof PyArray)) {
            throw pyError(E.TypeError!, `can only assign array (not "${typeName(value)}") to array slice`);
          }
          if (value.code !== a.code) throw pyError(E.TypeError!, 'bad argument type for built-in operation');
          values = value.items.slice();
        }
        if (s.step === 1 || (value === null && s.length === 0)) {
          const start = s.start;
          const stop = start + s.length;
          const rebuilt = [...a.items.slice(0, start), ...values, ...a.items.slice(stop)];
          if (values.length !== s.length) resize(a, rebuilt.length);
          a.items = rebuilt;
          return;
        }
        if (value === null) {
          const drop = new Set<number>();
          for (let i = 0, j = s.start; i < s.length; i++, j += s.step) drop.add(j);
          const keep = a.items.filter((_, i) => !drop.has(i));
          for (let i = 0; i < keep.length; i++) a.items[i] = keep[i]!;
          resize(a, keep.length);
          return;
        }
        if (values.length !== s.length) {
          throw pyError(E.ValueError!, `attempt to assign array of size ${values.length} to extended slice of size ${s.length}`);
        }
        for (let i = 0, j = s.start; i < s.length; i++, j += s.step) a.items[j] = values[i]!;
        return;
      }
      const i = normalizeIndex(indexOf(key, 'array'), a.items.length);
      if (i < 0) throw pyError(E.IndexError!, value === null ? 'array assignment index out of range' : 'array assignment index out of range');
      if (value === null) deleteRange(a, i, i + 1);
      else a.items[i] = toItem(a, value);
    };
    t.contains = (o, x) => {
      const a = o as PyArray;
      for (const item of a.items) {
        const v = fromItem(a, item);
        try {
          if (richCompareBool(v, x, EQ)) return true;
        } finally {
          decref(v);
        }
      }
      return false;
    };
    t.iter = (o) => newSeqIter(iterType!, o);
    t.richcompare = (x, y, op: RichOp) => {
      if (!(x instanceof PyArray) || !(y instanceof PyArray)) return newNotImplemented();
      const xs = x.items.map((v) => fromItem(x, v));
      const ys = y.items.map((v) => fromItem(y, v));
      try {
        if ((op === EQ || op === NE) && xs.length !== ys.length) return newBool(op === NE);
        let i = 0;
        for (; i < xs.length && i < ys.length; i++) if (!richCompareBool(xs[i]!, ys[i]!, EQ)) break;
        if (i < xs.length && i < ys.length) {
          if (op === EQ) return newBool(false);
          if (op === NE) return newBool(true);
          return newBool(richCompareBool(xs[i]!, ys[i]!, op));
        }
        const c = xs.length - ys.length;
        return newBool([c < 0, c <= 0, c === 0, c !== 0, c > 0, c >= 0][op]!);
      } finally {
        xs.forEach((v) => decref(v));
        ys.forEach((v) => decref(v));
      }
    };
    t.concat = (x, y) => {
      if (!(y instanceof PyArray)) throw pyError(E.TypeError!, `can only append array (not "${typeName(y)}") to array`);
      const a = x as PyArray;
      if (y.code !== a.code) throw pyError(E.TypeError!, 'bad argument type for built-in operation');
      return newArray(a.type, a.code, [...a.items, ...y.items]);
    };
    t.inplaceConcat = (x, y) => {
      const a = x as PyArray;
      if (!(y instanceof PyArray)) throw pyError(E.TypeError!, `can only extend array with array (not "${typeName(y)}")`);
      if (y.code !== a.code) throw pyError(E.TypeError!, 'can only extend with array of same kind');
      const add = y.items.slice();
      const n = a.items.length;
      resize(a, n + add.length);
      for (let i = 0; i < add.length; i++) a.items[n + i] = add[i]!;
      return newref(x);
    };
    t.repeat = (x, n) => {
      const a = x as PyArray;
      const out: Item[] = [];
      for (let k = 0; k < n; k++) out.push(...a.items);
      return newArray(a.type, a.code, out);
    };
    t.inplaceRepeat = (x, n) => {
      const a = x as PyArray;
      const size = a.items.length;
      if (size > 0 && n !== 1) {
        const src = a.items.slice();
        resize(a, Math.max(0, n) * size);
        for (let k = 0; k < Math.max(0, n); k++) for (let i = 0; i < size; i++) a.items[k * size + i] = src[i]!;
      }
      return newref(x);
    };
  });
  iterType = nativeType('arrayiterator', { module: 'array', gc: true, baseType: false, basicSize: 40 }, (it) => {
    it.iter = (o) => newref(o);
    it.iternext = (o) => {
      const s = o as import('../objects/iterators.js').PySeqIter;
      const a = s.seq as PyArray | null;
      if (a === null || s.index >= a.items.length) return null;
      return fromItem(a, a.items[s.index++]!);
    };
    it.traverse = (o, visit) => {
      const s = o as import('../objects/iterators.js').PySeqIter;
      if (s.seq) visit(s.seq, 0);
    };
    it.dealloc = (o) => {
      const s = o as import('../objects/iterators.js').PySeqIter;
      if (s.seq) decref(s.seq);
    };
  });
  const self = (o: PyObject | null) => o as PyArray;
  defineGetter(t, 'typecode', (o) => newStr(self(o).code));
  defineGetter(t, 'itemsize', (o) => newInt(self(o).descr.size));
  defineMethods(t, {
    append: (o, args, kw) => {
      append(self(o), toItem(self(o), exactlyOne('append', args, kw)));
      return newNone();
    },
    extend: (o, args, kw) => {
      const a = self(o);
      const src = exactlyOne('extend', args, kw);
      if (src instanceof PyArray) {
        if (src.code !== a.code) throw pyError(E.TypeError!, 'can only extend with array of same kind');
        const add = src.items.slice();
        const n = a.items.length;
        resize(a, n + add.length);
        for (let i = 0; i < add.length; i++) a.items[n + i] = add[i]!;
      } else iterExtend(a, src);
      return newNone();
    },
    insert: (o, args, kw) => {
      const [i, v] = positional('insert', args, kw, 2, 2);
      insert(self(o), Number(indexValue(i!)), toItem(self(o), v!));
      return newNone();
    },
    pop: (o, args, kw) => {
      const a = self(o);
      const [index] = positional('pop', args, kw, 0, 1);
      if (!a.items.length) throw pyError(E.IndexError!, 'pop from empty array');
      let i = index === undefined ? -1 : Number(indexValue(index));
      if (i < 0) i += a.items.length;
      if (i < 0 || i >= a.items.length) throw pyError(E.IndexError!, 'pop index out of range');
      const v = fromItem(a, a.items[i]!);
      deleteRange(a, i, i + 1);
      return v;
    },
    remove: (o, args, kw) => {
      const a = self(o);
      const x = exactlyOne('remove', args, kw);
      for (let i = 0; i < a.items.length; i++) {
        const v = fromItem(a, a.items[i]!);
        const same = richCompareBool(v, x, EQ);
        decref(v);
        if (same) {
          deleteRange(a, i, i + 1);
          return newNone();
        }
      }
      throw pyError(E.ValueError!, 'array.remove(x): x not in array');
    },
    index: (o, args, kw) => {
      const a = self(o);
      const [x] = positional('index', args, kw, 1, 3);
      for (let i = 0; i < a.items.length; i++) {
        const v = fromItem(a, a.items[i]!);
        const same = richCompareBool(v, x!, EQ);
        decref(v);
        if (same) return newInt(i);
      }
      throw pyError(E.ValueError!, 'array.index(x): x not in array');
    },
    count: (o, args, kw) => {
      const a = self(o);
      const x = exactlyOne('count', args, kw);
      let n = 0;
      for (const item of a.items) {
        const v = fromItem(a, item);
        if (richCompareBool(v, x, EQ)) n++;
        decref(v);
      }
      return newInt(n);
    },
    reverse: (o, args, kw) => {
      noArgs('reverse', args, kw);
      self(o).items.reverse();
      return newNone();
    },
    tolist: (o, args, kw) => {
      noArgs('tolist', args, kw);
      const a = self(o);
      return newList(a.items.map((x) => fromItem(a, x)));
    },
    fromlist: (o, args, kw) => {
      const a = self(o);
      const l = exactlyOne('fromlist', args, kw);
      if (!(l instanceof PyList)) throw pyError(E.TypeError!, 'arg must be list');
      const add = l.items.map((x) => toItem(a, x));
      const n = a.items.length;
      resize(a, n + add.length);
      for (let i = 0; i < add.length; i++) a.items[n + i] = add[i]!;
      return newNone();
    },
    tobytes: (o, args, kw) => {
      noArgs('tobytes', args, kw);
      return newBytes(itemsToBytes(self(o)));
    },
    frombytes: (o, args, kw) => {
      const a = self(o);
      const b = exactlyOne('frombytes', args, kw);
      if (!(b instanceof PyBytes)) throw pyError(E.TypeError!, `a bytes-like object is required, not '${typeName(b)}'`);
      const add = bytesToItems(a, b.v);
      const n = a.items.length;
      resize(a, n + add.length);
      for (let i = 0; i < add.length; i++) a.items[n + i] = add[i]!;
      return newNone();
    },
    tounicode: (o) => {
      const a = self(o);
      if (a.code !== 'u') throw pyError(E.ValueError!, "tounicode() may only be called on unicode type arrays");
      return newStr(a.items.join(''));
    },
    byteswap: (o) => {
      const a = self(o);
      const data = itemsToBytes(a);
      const size = a.descr.size;
      for (let off = 0; off < data.length; off += size) data.subarray(off, off + size).reverse();
      a.items = bytesToItems(a, data);
      return newNone();
    },
    buffer_info: (o) => newTuple([newInt(o!.addr + 64), newInt(self(o).items.length)]),
    __copy__: (o) => newArray(o!.type, self(o).code, self(o).items.slice()),
    __deepcopy__: (o) => newArray(o!.type, self(o).code, self(o).items.slice()),
    __reduce_ex__: (o) => {
      const a = self(o);
      return newTuple([newref(a.type), newTuple([newStr(a.code), newList(a.items.map((x) => fromItem(a, x)))]), newNone()]);
    },
  });
  return t;
}

function createArrayModule(): PyModule {
  const m = newModule('array');
  const t = createArrayType();
  moduleSet(m, 'array', newref(t));
  moduleSet(m, 'ArrayType', t);
  moduleSet(m, 'typecodes', newStr(TYPECODES));
  return m;
}

provideModule('array', () => {
  let m = rt.state.get('array') as PyModule | undefined;
  if (!m) {
    m = createArrayModule();
    rt.state.set('array', m);
  }
  return newref(m);
});
