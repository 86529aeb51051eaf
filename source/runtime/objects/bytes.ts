/**
 * bytes: immutable byte strings. `b''` and the 256 one-byte strings are static singletons
 * in CPython 3.11 (bytes([97]) is b'a').
 */
import { PyObject, type PyType } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { incref } from '../heap/refcount.js';
import { makeStatic } from './str.js';

export class PyBytes extends PyObject {
  h: number | null = null;
  constructor(
    type: PyType,
    readonly v: Uint8Array,
  ) {
    super(type);
  }
}

export let bytesType: PyType;
let emptyBytes: PyBytes;
let singleBytes: PyBytes[] = [];

export function initBytesType(): void {
  bytesType = makeBuiltinType('bytes', { basicSize: 33, itemSize: 1 });
  bytesType.sizeof = (o) => 33 + (o as PyBytes).v.length;
}

export function initBytesSingletons(): void {
  emptyBytes = new PyBytes(bytesType, new Uint8Array(0));
  rt.heap.allocate(emptyBytes, false);
  makeStatic(emptyBytes);
  singleBytes = [];
  for (let i = 0; i < 256; i++) {
    const b = new PyBytes(bytesType, Uint8Array.of(i));
    rt.heap.allocate(b, false);
    makeStatic(b);
    singleBytes.push(b);
  }
}

export function newBytes(v: Uint8Array): PyBytes {
  if (v.length <= 1) {
    const o = v.length === 0 ? emptyBytes : singleBytes[v[0]!]!;
    incref(o);
    return o;
  }
  const o = new PyBytes(bytesType, v);
  rt.heap.allocate(o, false);
  return o;
}

export function bytesRepr(v: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of v) {
    if (c === 39) hasSingle = true;
    else if (c === 34) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = 'b' + quote;
  for (const c of v) {
    if (c === quote.charCodeAt(0) || c === 92) out += '\\' + String.fromCharCode(c);
    else if (c === 9) out += '\\t';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c < 32 || c >= 127) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += String.fromCharCode(c);
  }
  return out + quote;
}

export function bytesHash(o: PyBytes): number {
  if (o.h !== null) return o.h;
  let a = 0x811c9dc5 | 0;
  for (const c of o.v) a = Math.imul(a ^ c, 0x01000193);
  o.h = a === -1 ? -2 : a;
  return o.h;
}
