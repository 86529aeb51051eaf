/**
 * str: immutable text, with CPython 3.11's identity rules (the empty string and the 256
 * Latin-1 one-character strings are static singletons; identifier-like literals and
 * names are interned, mortally) and its compact-representation sizes.
 */
import { PyObject, type PyType } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { incref } from '../heap/refcount.js';

export class PyStr extends PyObject {
  /** Hash cache (CPython caches a str's hash in the object). */
  h: number | null = null;
  interned = false;
  /** The event log's string id of the value, once needed (for slot labels). */
  logId = -1;
  /** Length in code points, or -1 until computed. */
  private cp = -1;
  constructor(
    type: PyType,
    readonly v: string,
  ) {
    super(type);
  }
  get length(): number {
    if (this.cp < 0) this.cp = codePointLength(this.v);
    return this.cp;
  }
}

export let strType: PyType;

/** Static singletons: '' and chr(0)..chr(255). */
let emptyStr: PyStr;
let latin1: PyStr[] = [];
/** The interned table (mortal: it does not own references; see dealloc). */
let interned = new Map<string, PyStr>();

export function initStrType(): PyType {
  strType = makeBuiltinType('str', { basicSize: 49 });
  strType.sizeof = (o) => strSizeof((o as PyStr).v, (o as PyStr).length);
  strType.dealloc = (o) => {
    const s = o as PyStr;
    if (s.interned && interned.get(s.v) === s) interned.delete(s.v);
  };
  return strType;
}

/** Create the static strings (called once the heap can allocate). */
export function initStrSingletons(): void {
  interned = new Map();
  emptyStr = allocStr('');
  makeStatic(emptyStr);
  emptyStr.interned = true;
  interned.set('', emptyStr);
  latin1 = [];
  for (let i = 0; i < 256; i++) {
    const s = allocStr(String.fromCharCode(i));
    makeStatic(s);
    latin1.push(s);
  }
}

/** Objects allocated statically by CPython start with a huge refcount (section 2.2). */
export function makeStatic(o: PyObject): void {
  // _PyObject_IMMORTAL_INIT in 3.11: a marker, not immortality.
  rt.heap.setRefcount(o, 999_999_999);
}

function allocStr(s: string): PyStr {
  const o = new PyStr(strType, s);
  rt.heap.allocate(o, false);
  return o;
}

/** A str with the value `s` as a new reference (singletons for '' and Latin-1 chars). */
export function newStr(s: string): PyStr {
  if (s.length <= 1) {
    if (s.length === 0) {
      incref(emptyStr);
      return emptyStr;
    }
    const c = s.charCodeAt(0);
    if (c < 256) {
      const o = latin1[c]!;
      incref(o);
      return o;
    }
  }
  return allocStr(s);
}

/**
 * A str built by writing characters into a fresh object (int/float to str): CPython
 * does not return the one-character singletons here, so `str(5) is '5'` is False.
 */
export function newStrUncached(s: string): PyStr {
  if (s.length === 0) return newStr(s);
  return allocStr(s);
}

/**
 * The interned str for `s` (new reference): names and identifier-like literals. In 3.11 the
 * interned copy of 29 one-character identifiers is not the chr() singleton (see the
 * reference, section 3.3), so one-character interned strings get their own object.
 */
export function internStr(s: string): PyStr {
  let o = interned.get(s);
  if (o !== undefined) {
    incref(o);
    return o;
  }
  if (s.length === 1 && s.charCodeAt(0) < 256 && !DEEP_FROZEN_CHARS.has(s)) {
    o = latin1[s.charCodeAt(0)]!;
    incref(o);
  } else {
    o = allocStr(s);
    if (s.length === 1 || STATIC_IDENTIFIERS.has(s)) makeStatic(o);
  }
  o.interned = true;
  interned.set(s, o);
  return o;
}

/** sys.intern(s): the canonical object for an existing str (new reference). */
export function internExisting(s: PyStr): PyStr {
  if (s.type !== strType) return s;
  const existing = interned.get(s.v);
  if (existing !== undefined) {
    incref(existing);
    return existing;
  }
  s.interned = true;
  interned.set(s.v, s);
  incref(s);
  return s;
}

/**
 * Identifiers CPython 3.11 allocates statically (its _Py_ID table and deep-frozen
 * start-up modules): their refcounts start near 10**9. A representative subset.
 */
const STATIC_IDENTIFIERS = new Set(
  ('__init__ __new__ __del__ __repr__ __str__ __hash__ __eq__ __ne__ __lt__ __le__ __gt__ __ge__ __len__ ' +
    '__iter__ __next__ __getitem__ __setitem__ __delitem__ __contains__ __call__ __enter__ __exit__ __add__ ' +
    '__sub__ __mul__ __class__ __dict__ __doc__ __module__ __name__ __qualname__ __slots__ __weakref__ ' +
    '__getattr__ __setattr__ __delattr__ __bool__ __main__ __builtins__ __file__ __annotations__ self ' +
    'append extend insert pop remove keys values items get update copy clear join split strip encode ' +
    'decode format read write close send throw next name args value abc').split(' '),
);

/** Characters whose interned literal differs from the chr() singleton in 3.11 (M). */
const DEEP_FROZEN_CHARS = new Set('BCLST_abcdefhijklmnopqrstvwxy'.split(''));

/** Is every character an ASCII letter, digit or underscore? (literals CPython interns) */
export function isIdentifierLike(s: string): boolean {
  return /^[A-Za-z0-9_]*$/.test(s);
}

export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** sys.getsizeof of a str (compact ASCII / Latin-1 / UCS-2 / UCS-4 layouts). */
export function strSizeof(s: string, length: number): number {
  let max = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > max) max = c;
  }
  if (max < 0x80) return 49 + length;
  if (max < 0x100) return 73 + length;
  if (length !== s.length) return 76 + 4 * length; // has characters beyond the BMP
  return 74 + 2 * length;
}

/** A deterministic string hash (CPython's is randomized per process). */
export function strHash(o: PyStr): number {
  if (o.h !== null) return o.h;
  const s = o.v;
  let h = 0;
  if (s.length) {
    let a = 0x811c9dc5 | 0;
    let b = 0x2545f491 | 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    // 52 bits of hash, signed like CPython's Py_hash_t
    h = (a | 0) * 1048576 + ((b >>> 12) & 0xfffff);
    if (h === -1) h = -2;
  }
  o.h = h;
  return h;
}

/** repr() of a str value, as CPython writes it. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 0x7f) out += ch;
    else if (!isPrintable(ch)) {
      if (c <= 0xff) out += '\\x' + c.toString(16).padStart(2, '0');
      else if (c <= 0xffff) out += '\\u' + c.toString(16).padStart(4, '0');
      else out += '\\U' + c.toString(16).padStart(8, '0');
    } else out += ch;
  }
  return out + quote;
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
export function isPrintable(ch: string): boolean {
  return ch === ' ' || !NON_PRINTABLE.test(ch);
}
