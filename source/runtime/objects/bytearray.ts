/**
 * bytearray: a mutable byte buffer with CPython 3.11's allocation model
 * (Objects/bytearrayobject.c). sys.getsizeof = 56 + ob_alloc. PyByteArray_Resize keeps
 * a trailing NUL, over-allocates by 1/8 (+3 or +6) on moderate growth, allocates
 * exactly size+1 on big jumps and when shrinking below half; deleting from the front
 * only advances a logical start offset (ob_start), which later growth must account for.
 * bytearray is not a GC type and holds no references.
 *
 * It extends PyBytes (sharing `v`, the current contents) so that every operation that
 * accepts "a bytes-like object" accepts a bytearray as well.
 */
import { reserveMemory } from '../limits.js';
import { PyObject, type PyType, type RichOp } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { decref, newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from './exceptions.js';
import { PyBytes, bytesRepr } from './bytes.js';
import { PyInt, newInt, newBool } from './int.js';
import { PyStr, newStr } from './str.js';
import { newNone, newNotImplemented } from './singletons.js';
import { PySlice } from './range.js';
import { PyList, newList } from './list.js';
import { PyTuple } from './tuple.js';
import { indexOf, normalizeIndex, sliceIndices } from './sequence.js';
import { bindArgs, defineMethods, exactlyOne, noArgs, positional } from '../builtins/args.js';
import { getIter, iterNext, indexValue, typeName, hashNotImplemented, iterateToArray } from '../protocols/abstract.js';
import { lengthHint } from './list-methods.js';
import { decodeBytes, encodeStr } from './str-methods.js';
import { installBytesLikeMethods, indexIn, subArg } from './bytes-like.js';

export class PyByteArray extends PyBytes {
  /** Allocated bytes (ob_alloc), counting the trailing NUL; 0 before the first allocation. */
  alloc = 0;
  /** Logical start offset inside the allocation (ob_start - ob_bytes). */
  start = 0;
  /** The allocation; the contents are buf[start, start + size). */
  buf = new Uint8Array(0);
  size = 0;
  constructor(type: PyType) {
    super(type, new Uint8Array(0));
  }
}

export let bytearrayType: PyType;

function sync(b: PyByteArray): void {
  (b as { v: Uint8Array }).v = b.buf.subarray(b.start, b.start + b.size);
}

/** PyByteArray_Resize. */
export function bytearrayResize(b: PyByteArray, size: number): void {
  if (size === b.size) return;
  let alloc = b.alloc;
  const offset = b.start;
  if (size + offset + 1 <= alloc) {
    if (size < Math.floor(alloc / 2)) {
      alloc = size + 1;
    } else {
      b.size = size;
      sync(b);
      return;
    }
  } else if (size <= alloc * 1.125) {
    alloc = size + (size >> 3) + (size < 9 ? 3 : 6);
  } else {
    alloc = size + 1;
  }
  reserveMemory(size);
  const buf = new Uint8Array(alloc);
  buf.set(b.buf.subarray(offset, offset + Math.min(size, b.size)));
  b.buf = buf;
  b.start = 0;
  b.size = size;
  b.alloc = alloc;
  sync(b);
  rt.heap.resized(b);
}

/** A new bytearray holding exactly `data` (PyByteArray_FromStringAndSize: alloc = n + 1). */
export function newByteArray(data: Uint8Array, type: PyType = bytearrayType): PyByteArray {
  const b = new PyByteArray(type);
  if (data.length) {
    b.alloc = data.length + 1;
    b.buf = new Uint8Array(b.alloc);
    b.buf.set(data);
    b.size = data.length;
    sync(b);
  }
  rt.heap.allocate(b, false);
  return b;
}

function byteValue(o: PyObject): number {
  if (!(o instanceof PyInt) && o.type.number.index === null) {
    throw pyError(E.TypeError!, `'${typeName(o)}' object cannot be interpreted as an integer`);
  }
  const n = Number(indexValue(o));
  if (n < 0 || n > 255) throw pyError(E.ValueError!, 'byte must be in range(0, 256)');
  return n;
}

function bufferOf(o: PyObject): Uint8Array | null {
  return o instanceof PyBytes ? o.v.slice() : null;
}

/** bytearray_setslice_linear: replace [lo, hi) by `data`. */
function setSliceLinear(b: PyByteArray, lo: number, hi: number, data: Uint8Array): void {
  const growth = data.length - (hi - lo);
  if (growth < 0) {
    if (lo === 0) {
      // Shrink by advancing the logical start; Py_SIZE changes in the resize below.
      b.start -= growth;
      sync(b);
    } else {
      const tail = b.buf.slice(b.start + hi, b.start + b.size);
      b.buf.set(tail, b.start + lo + data.length);
    }
    bytearrayResize(b, b.size + growth);
  } else if (growth > 0) {
    const tail = b.buf.slice(b.start + hi, b.start + b.size);
    bytearrayResize(b, b.size + growth);
    b.buf.set(tail, b.start + lo + data.length);
  }
  if (data.length) b.buf.set(data, b.start + lo);
  sync(b);
}

const ba = (o: PyObject | null) => o as PyByteArray;

/** bytearray(source, encoding, errors) into `b` (empty). */
function initFrom(b: PyByteArray, source: PyObject | undefined, encoding: PyObject | undefined): void {
  if (b.size) bytearrayResize(b, 0);
  if (source === undefined) {
    if (encoding !== undefined) throw pyError(E.TypeError!, 'encoding without a string argument');
    return;
  }
  if (source instanceof PyStr) {
    if (encoding === undefined) throw pyError(E.TypeError!, 'string argument without an encoding');
    const data = encodeStr(source.v, (encoding as PyStr).v);
    bytearrayResize(b, data.length);
    b.buf.set(data, b.start);
    return;
  }
  if (encoding !== undefined) throw pyError(E.TypeError!, 'encoding without a string argument');
  if (source instanceof PyInt || (source.type.number.index !== null && !(source instanceof PyBytes))) {
    const n = Number(indexValue(source));
    if (n < 0) throw pyError(E.ValueError!, 'negative count');
    bytearrayResize(b, n);
    return;
  }
  const buffer = bufferOf(source);
  if (buffer !== null) {
    bytearrayResize(b, buffer.length);
    b.buf.set(buffer, b.start);
    sync(b);
    return;
  }
  if (source instanceof PyList || source instanceof PyTuple) {
    const values = source.items.map(byteValue);
    bytearrayResize(b, values.length);
    b.buf.set(values, b.start);
    sync(b);
    return;
  }
  const it = getIter(source);
  try {
    for (let x = iterNext(it); x !== null; x = iterNext(it)) {
      let v: number;
      try {
        v = byteValue(x);
      } finally {
        decref(x);
      }
      if (b.size + 1 < b.alloc) {
        b.size++;
        sync(b);
      } else bytearrayResize(b, b.size + 1);
      b.buf[b.start + b.size - 1] = v;
    }
  } finally {
    decref(it);
  }
}

/** bytearray.extend for iterables that are not buffers: a temporary buffer grown by half. */
function extendFromIterable(b: PyByteArray, iterable: PyObject): void {
  let bufSize = lengthHint(iterable, 32);
  const temp = newByteArray(new Uint8Array(bufSize));
  try {
    let len = 0;
    const it = getIter(iterable);
    try {
      for (let x = iterNext(it); x !== null; x = iterNext(it)) {
        let v: number;
        try {
          v = byteValue(x);
        } finally {
          decref(x);
        }
        temp.buf[temp.start + len++] = v;
        if (len >= bufSize) {
          bufSize = len + (len >> 1) + 1;
          bytearrayResize(temp, bufSize);
        }
      }
    } finally {
      decref(it);
    }
    bytearrayResize(temp, len);
    setSliceLinear(b, b.size, b.size, temp.v.slice());
  } finally {
    decref(temp);
  }
}

export function initByteArrayType(): void {
  bytearrayType = makeBuiltinType('bytearray', { basicSize: 56 });
}

export function initByteArraySlots(): void {
  const t = bytearrayType;
  t.sizeof = (o) => 56 + ba(o).alloc;
  t.hash = hashNotImplemented;
  t.newInstance = (type) => {
    const b = new PyByteArray(type);
    rt.heap.allocate(b, false);
    return b;
  };
  t.init = (o, args, kw) => {
    const [source, encoding] = bindArgs('bytearray', args, kw, ['source', 'encoding', 'errors'], 0, 3);
    initFrom(ba(o), source, encoding);
  };
  t.repr = (o) => newStr(`${o.type === bytearrayType ? 'bytearray' : o.type.name}(${bytesRepr(ba(o).v)})`);
  t.str = t.repr;
  t.length = (o) => ba(o).size;
  t.richcompare = (x, y, op: RichOp) => {
    if (!(x instanceof PyBytes) || !(y instanceof PyBytes)) return newNotImplemented();
    const a = x.v;
    const c = y.v;
    let d = 0;
    for (let i = 0; i < Math.min(a.length, c.length) && d === 0; i++) d = a[i]! - c[i]!;
    if (d === 0) d = a.length - c.length;
    return newBool([d < 0, d <= 0, d === 0, d !== 0, d > 0, d >= 0][op]!);
  };
  t.getitem = (o, key) => {
    const b = ba(o);
    if (key instanceof PySlice) {
      const s = sliceIndices(key, b.size);
      const out = new Uint8Array(s.length);
      for (let i = 0, j = s.start; i < s.length; i++, j += s.step) out[i] = b.v[j]!;
      return newByteArray(out);
    }
    const i = normalizeIndex(indexOf(key, 'bytearray'), b.size);
    if (i < 0) throw pyError(E.IndexError!, 'bytearray index out of range');
    return newInt(b.v[i]!);
  };
  t.setitem = (o, key, value) => {
    const b = ba(o);
    if (key instanceof PySlice) {
      const s = sliceIndices(key, b.size);
      let data: Uint8Array;
      if (value === null) data = new Uint8Array(0);
      else if (value instanceof PyInt) throw pyError(E.TypeError!, `can assign only bytes, buffers, or iterables of ints in range(0, 256)`);
      else {
        const buffer = bufferOf(value);
        data = buffer ?? Uint8Array.from(iterateAndRelease(value).map(byteValue));
      }
      if (s.step === 1 || s.length === 0) {
        setSliceLinear(b, s.start, Math.max(s.start, s.start + s.length), data);
        return;
      }
      if (value === null) {
        const keep: number[] = [];
        const drop = new Set<number>();
        for (let i = 0, j = s.start; i < s.length; i++, j += s.step) drop.add(j);
        for (let i = 0; i < b.size; i++) if (!drop.has(i)) keep.push(b.v[i]!);
        b.buf.set(keep, b.start);
        bytearrayResize(b, keep.length);
        return;
      }
      if (data.length !== s.length) {
        throw pyError(E.ValueError!, `attempt to assign bytes of size ${data.length} to extended slice of size ${s.length}`);
      }
      for (let i = 0, j = s.start; i < s.length; i++, j += s.step) b.buf[b.start + j] = data[i]!;
      return;
    }
    const i = normalizeIndex(indexOf(key, 'bytearray'), b.size);
    if (i < 0) throw pyError(E.IndexError!, 'bytearray index out of range');
    if (value === null) {
      setSliceLinear(b, i, i + 1, new Uint8Array(0));
      return;
    }
    b.buf[b.start + i] = byteValue(value);
  };
  t.contains = (o, x) => indexIn(ba(o).v, subArg(x)) >= 0;
  t.iter = (o) => {
    const l = newList(Array.from(ba(o).v, (c) => newInt(c)));
    try {
      return getIter(l);
    } finally {
      decref(l);
    }
  };
  t.concat = (x, y) => {
    const other = bufferOf(y);
    if (other === null) throw pyError(E.TypeError!, `can't concat ${typeName(y)} to ${typeName(x)}`);
    const a = (x as PyBytes).v;
    const out = new Uint8Array(a.length + other.length);
    out.set(a);
    out.set(other, a.length);
    return newByteArray(out);
  };
  t.inplaceConcat = (x, y) => {
    const other = bufferOf(y);
    if (other === null) throw pyError(E.TypeError!, `can't concat ${typeName(y)} to ${typeName(x)}`);
    const b = ba(x);
    const at = b.size;
    bytearrayResize(b, b.size + other.length);
    b.buf.set(other, b.start + at);
    return newref(x);
  };
  t.repeat = (x, n) => {
    const v = ba(x).v;
    n = Math.max(0, n);
    reserveMemory(v.length * n);
    const out = new Uint8Array(v.length * n);
    for (let k = 0; k < n; k++) out.set(v, k * v.length);
    return newByteArray(out);
  };
  t.inplaceRepeat = (x, n) => {
    const b = ba(x);
    const v = b.v.slice();
    n = Math.max(0, n);
    bytearrayResize(b, v.length * n);
    for (let k = 0; k < n; k++) b.buf.set(v, b.start + k * v.length);
    return newref(x);
  };

  defineMethods(t, {
    append: (self, args, kw) => {
      const b = ba(self);
      const v = byteValue(exactlyOne('bytearray.append', args, kw));
      bytearrayResize(b, b.size + 1);
      b.buf[b.start + b.size - 1] = v;
      return newNone();
    },
    extend: (self, args, kw) => {
      const b = ba(self);
      const src = exactlyOne('bytearray.extend', args, kw);
      const buffer = bufferOf(src);
      if (buffer !== null) {
        const at = b.size;
        bytearrayResize(b, b.size + buffer.length);
        b.buf.set(buffer, b.start + at);
      } else {
        if (src instanceof PyStr) throw pyError(E.TypeError!, 'expected iterable of integers; got: str');
        extendFromIterable(b, src);
      }
      return newNone();
    },
    insert: (self, args, kw) => {
      const b = ba(self);
      const [where, value] = positional('insert', args, kw, 2, 2);
      let i = Number(indexValue(where!));
      const v = byteValue(value!);
      const n = b.size;
      if (i < 0) i = Math.max(0, i + n);
      if (i > n) i = n;
      bytearrayResize(b, n + 1);
      b.buf.copyWithin(b.start + i + 1, b.start + i, b.start + n);
      b.buf[b.start + i] = v;
      return newNone();
    },
    pop: (self, args, kw) => {
      const b = ba(self);
      const [index] = positional('pop', args, kw, 0, 1);
      const n = b.size;
      if (n === 0) throw pyError(E.IndexError!, 'pop from empty bytearray');
      let i = index === undefined ? -1 : Number(indexValue(index));
      if (i < 0) i += n;
      if (i < 0 || i >= n) throw pyError(E.IndexError!, 'pop index out of range');
      const v = b.buf[b.start + i]!;
      b.buf.copyWithin(b.start + i, b.start + i + 1, b.start + n);
      bytearrayResize(b, n - 1);
      return newInt(v);
    },
    remove: (self, args, kw) => {
      const b = ba(self);
      const v = byteValue(exactlyOne('bytearray.remove', args, kw));
      const i = b.v.indexOf(v);
      if (i < 0) throw pyError(E.ValueError!, 'value not found in bytearray');
      b.buf.copyWithin(b.start + i, b.start + i + 1, b.start + b.size);
      bytearrayResize(b, b.size - 1);
      return newNone();
    },
    clear: (self, args, kw) => {
      noArgs('bytearray.clear', args, kw);
      bytearrayResize(ba(self), 0);
      return newNone();
    },
    copy: (self, args, kw) => {
      noArgs('bytearray.copy', args, kw);
      return newByteArray(ba(self).v.slice());
    },
    reverse: (self, args, kw) => {
      noArgs('bytearray.reverse', args, kw);
      ba(self).v.reverse();
      return newNone();
    },
    decode: (self, args, kw) => {
      const [enc] = bindArgs('decode', args, kw, ['encoding', 'errors'], 0, 2);
      return newStr(decodeBytes(ba(self).v, enc ? (enc as PyStr).v : 'utf-8'));
    },
    __alloc__: (self) => newInt(ba(self).alloc),
  });
  installBytesLikeMethods(t, (v) => newByteArray(v));
}

function iterateAndRelease(o: PyObject): PyObject[] {
  const items = iterateToArray(o);
  for (const x of items) decref(x);
  return items;
}
