/**
 * The methods bytes and bytearray share (Objects/bytes_methods.c and the stringlib
 * templates): searching, splitting, stripping, padding, case, classification, hex.
 * Each works on the raw bytes; only ASCII letters, digits and whitespace have meaning.
 *
 * `make` builds a result of the receiver's kind (bytes or bytearray). Where CPython
 * returns the receiver itself for an exact bytes object with nothing to change
 * (return_self in stringlib), `same` does so; a bytearray always gets a copy.
 */
import { PyObject, type PyType } from './object.js';
import { newref, decref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from './exceptions.js';
import { PyBytes, bytesType, newBytes as newBytesOf } from './bytes.js';
import { PyInt, newInt, newBool } from './int.js';
import { newStr, PyStr } from './str.js';
import { newList, listAppendSteal, type PyList } from './list.js';
import { PyTuple, newTuple } from './tuple.js';
import { None } from './singletons.js';
import { bindArgs, defineMethods, defineClassMethods, defineStatic, exactlyOne, noArgs, positional } from '../builtins/args.js';
import { indexValue, typeName, iterateToArray, call } from '../protocols/abstract.js';
import { latin1 } from '../../python/source-file.js';

type Make = (v: Uint8Array) => PyObject;

const WS = new Set([32, 9, 10, 11, 12, 13]);
const isSpace = (c: number) => WS.has(c);
const isLower = (c: number) => c >= 97 && c <= 122;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isAlpha = (c: number) => isLower(c) || isUpper(c);
const isDigit = (c: number) => c >= 48 && c <= 57;
const toUpper = (c: number) => (isLower(c) ? c - 32 : c);
const toLower = (c: number) => (isUpper(c) ? c + 32 : c);

/** A bytes-like argument (bytes, bytearray) or the TypeError CPython gives. */
export function bytesArg(o: PyObject | undefined): Uint8Array {
  if (o instanceof PyBytes) return o.v;
  throw pyError(E.TypeError!, `a bytes-like object is required, not '${o ? typeName(o) : 'NoneType'}'`);
}

/** The needle of find/count/index and `in`: bytes-like or an int in range(256). */
export function subArg(o: PyObject | undefined): Uint8Array {
  if (o instanceof PyBytes) return o.v;
  if (o instanceof PyInt) {
    const n = Number(indexValue(o));
    if (n < 0 || n > 255) throw pyError(E.ValueError!, 'byte must be in range(0, 256)');
    return Uint8Array.of(n);
  }
  throw pyError(E.TypeError!, `argument should be integer or bytes-like object, not '${o ? typeName(o) : 'NoneType'}'`);
}

export function indexIn(hay: Uint8Array, needle: Uint8Array, from = 0, to = hay.length): number {
  outer: for (let i = from; i + needle.length <= to; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function lastIndexIn(hay: Uint8Array, needle: Uint8Array, from = 0, to = hay.length): number {
  outer: for (let i = to - needle.length; i >= from; i--) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** ADJUST_INDICES for the optional start/end of find, count, startswith...; null: empty window past the end. */
function bounds(n: number, startObj: PyObject | undefined, endObj: PyObject | undefined): [number, number] | null {
  let start = startObj && startObj !== None ? Number(indexValue(startObj)) : 0;
  let end = endObj && endObj !== None ? Number(indexValue(endObj)) : n;
  if (end > n) end = n;
  else if (end < 0) end = Math.max(0, end + n);
  if (start < 0) start = Math.max(0, start + n);
  return start > n ? null : [start, end];
}

function find(v: Uint8Array, args: PyObject[], kw: readonly string[] | null, fname: string, right: boolean): number {
  const [sub, s, e] = positional(fname, args, kw, 1, 3);
  const needle = subArg(sub);
  const w = bounds(v.length, s, e);
  if (w === null || w[1] - w[0] < needle.length) return -1;
  return right ? lastIndexIn(v, needle, w[0], w[1]) : indexIn(v, needle, w[0], w[1]);
}

function equalAt(v: Uint8Array, at: number, p: Uint8Array): boolean {
  for (let j = 0; j < p.length; j++) if (v[at + j] !== p[j]) return false;
  return true;
}

function affix(v: Uint8Array, args: PyObject[], kw: readonly string[] | null, fname: 'startswith' | 'endswith'): boolean {
  const [prefix, s, e] = positional(fname, args, kw, 1, 3);
  const candidates = prefix instanceof PyTuple ? prefix.items : [prefix!];
  for (const c of candidates) {
    if (!(c instanceof PyBytes)) {
      const what = prefix instanceof PyTuple ? `a bytes-like object is required, not '${typeName(c)}'` : `${fname} first arg must be bytes or a tuple of bytes, not ${typeName(c)}`;
      throw pyError(E.TypeError!, what);
    }
  }
  const w = bounds(v.length, s, e);
  if (w === null) return false;
  const [start, end] = w;
  return candidates.some((c) => {
    const p = (c as PyBytes).v;
    if (end - start < p.length) return false;
    return equalAt(v, fname === 'startswith' ? start : end - p.length, p);
  });
}

/** The byte set of strip's argument (None: ASCII whitespace). */
function stripSet(o: PyObject | undefined): (c: number) => boolean {
  if (o === undefined || o === None) return isSpace;
  const set = new Set(bytesArg(o));
  return (c) => set.has(c);
}

function fillArg(o: PyObject | undefined, fname: string): number {
  if (o === undefined) return 32;
  if (o instanceof PyBytes && o.v.length === 1) return o.v[0]!;
  throw pyError(E.TypeError!, `${fname}() argument 2 must be a byte string of length 1, not ${typeName(o)}`);
}

function maxsplitArg(o: PyObject | undefined): number {
  if (o === undefined) return Infinity;
  const n = Number(indexValue(o));
  return n < 0 ? Infinity : n;
}

function splitWhitespace(v: Uint8Array, maxsplit: number, right: boolean): [number, number][] {
  const parts: [number, number][] = [];
  if (!right) {
    let i = 0;
    while (true) {
      while (i < v.length && isSpace(v[i]!)) i++;
      if (i >= v.length) break;
      if (parts.length >= maxsplit) {
        parts.push([i, v.length]); // the rest as it is, trailing whitespace included
        break;
      }
      const j = i;
      while (i < v.length && !isSpace(v[i]!)) i++;
      parts.push([j, i]);
    }
    return parts;
  }
  let i = v.length;
  while (true) {
    while (i > 0 && isSpace(v[i - 1]!)) i--;
    if (i <= 0) break;
    if (parts.length >= maxsplit) {
      parts.push([0, i]);
      break;
    }
    const j = i;
    while (i > 0 && !isSpace(v[i - 1]!)) i--;
    parts.push([i, j]);
  }
  return parts.reverse();
}

function splitOn(v: Uint8Array, sep: Uint8Array, maxsplit: number, right: boolean): [number, number][] {
  if (sep.length === 0) throw pyError(E.ValueError!, 'empty separator');
  const parts: [number, number][] = [];
  if (!right) {
    let start = 0;
    while (parts.length < maxsplit) {
      const i = indexIn(v, sep, start);
      if (i < 0) break;
      parts.push([start, i]);
      start = i + sep.length;
    }
    parts.push([start, v.length]);
    return parts;
  }
  let end = v.length;
  while (parts.length < maxsplit) {
    const i = lastIndexIn(v, sep, 0, end);
    if (i < 0) break;
    parts.push([i + sep.length, end]);
    end = i;
  }
  parts.push([0, end]);
  return parts.reverse();
}

export function installBytesLikeMethods(t: PyType, make: Make): void {
  const v = (o: PyObject | null | undefined) => (o as PyBytes).v;
  /** return_self: an exact bytes object stands for an unchanged result. */
  const same = (self: PyObject | null): PyObject => (self!.type === bytesType ? newref(self!) : make(v(self).slice()));
  const slice = (self: PyObject | null, start: number, end: number): PyObject =>
    start === 0 && end === v(self).length ? same(self) : make(v(self).slice(start, end));
  const list = (self: PyObject | null, parts: [number, number][]): PyList => {
    const l = newList([], parts.length) as PyList;
    for (const [s, e] of parts) listAppendSteal(l, slice(self, s, e));
    return l;
  };
  const mapped = (self: PyObject | null, f: (c: number, i: number, all: Uint8Array) => number) => make(Uint8Array.from(v(self), (c, i) => f(c, i, v(self))));
  const test = (self: PyObject | null, each: (c: number) => boolean) => newBool(v(self).length > 0 && v(self).every(each));
  const pad = (self: PyObject | null, left: number, right: number, fill: number): PyObject => {
    if (left <= 0 && right <= 0) return same(self);
    const src = v(self);
    const out = new Uint8Array(left + src.length + right).fill(fill);
    out.set(src, left);
    return make(out);
  };
  const strip = (self: PyObject | null, o: PyObject | undefined, left: boolean, right: boolean): PyObject => {
    const src = v(self);
    const drop = stripSet(o);
    let s = 0;
    let e = src.length;
    if (left) while (s < e && drop(src[s]!)) s++;
    if (right) while (e > s && drop(src[e - 1]!)) e--;
    return slice(self, s, e);
  };
  const partition = (self: PyObject | null, sepObj: PyObject, right: boolean): PyObject => {
    const src = v(self);
    const sep = bytesArg(sepObj);
    if (sep.length === 0) throw pyError(E.ValueError!, 'empty separator');
    const i = right ? lastIndexIn(src, sep) : indexIn(src, sep);
    const empty = () => make(new Uint8Array(0));
    if (i < 0) return right ? newTuple([empty(), empty(), same(self)]) : newTuple([same(self), empty(), empty()]);
    // bytes keeps the separator object; bytearray copies it (STRINGLIB_MUTABLE).
    const middle = t === bytesType && sepObj.type === bytesType ? newref(sepObj) : make(sep.slice());
    return newTuple([make(src.slice(0, i)), middle, make(src.slice(i + sep.length))]);
  };

  defineMethods(t, {
    find: (self, args, kw) => newInt(find(v(self), args, kw, 'find', false)),
    rfind: (self, args, kw) => newInt(find(v(self), args, kw, 'rfind', true)),
    index: (self, args, kw) => {
      const i = find(v(self), args, kw, 'index', false);
      if (i < 0) throw pyError(E.ValueError!, 'subsection not found');
      return newInt(i);
    },
    rindex: (self, args, kw) => {
      const i = find(v(self), args, kw, 'rindex', true);
      if (i < 0) throw pyError(E.ValueError!, 'subsection not found');
      return newInt(i);
    },
    count: (self, args, kw) => {
      const [sub, s, e] = positional('count', args, kw, 1, 3);
      const needle = subArg(sub);
      const w = bounds(v(self).length, s, e);
      if (w === null || w[1] < w[0]) return newInt(0);
      if (needle.length === 0) return newInt(w[1] - w[0] + 1);
      let n = 0;
      for (let i = indexIn(v(self), needle, w[0], w[1]); i >= 0; i = indexIn(v(self), needle, i + needle.length, w[1])) n++;
      return newInt(n);
    },
    startswith: (self, args, kw) => newBool(affix(v(self), args, kw, 'startswith')),
    endswith: (self, args, kw) => newBool(affix(v(self), args, kw, 'endswith')),
    split: (self, args, kw) => {
      const [sep, max] = bindArgs('split', args, kw, ['sep', 'maxsplit'], 0, 2);
      const m = maxsplitArg(max);
      return list(self, sep === undefined || sep === None ? splitWhitespace(v(self), m, false) : splitOn(v(self), bytesArg(sep), m, false));
    },
    rsplit: (self, args, kw) => {
      const [sep, max] = bindArgs('rsplit', args, kw, ['sep', 'maxsplit'], 0, 2);
      const m = maxsplitArg(max);
      return list(self, sep === undefined || sep === None ? splitWhitespace(v(self), m, true) : splitOn(v(self), bytesArg(sep), m, true));
    },
    splitlines: (self, args, kw) => {
      const [keep] = bindArgs('splitlines', args, kw, ['keepends'], 0, 1);
      const keepends = keep !== undefined && Number(indexValue(keep)) !== 0;
      const src = v(self);
      const parts: [number, number][] = [];
      let i = 0;
      while (i < src.length) {
        const start = i;
        while (i < src.length && src[i] !== 10 && src[i] !== 13) i++;
        let eol = i;
        if (i < src.length) {
          i += src[i] === 13 && src[i + 1] === 10 ? 2 : 1;
          if (keepends) eol = i;
        }
        parts.push([start, eol]);
      }
      return list(self, parts);
    },
    partition: (self, args, kw) => partition(self, exactlyOne('partition', args, kw), false),
    rpartition: (self, args, kw) => partition(self, exactlyOne('rpartition', args, kw), true),
    join: (self, args, kw) => {
      const parts = iterateToArray(exactlyOne('join', args, kw));
      try {
        const sep = v(self);
        parts.forEach((p, i) => {
          if (!(p instanceof PyBytes)) throw pyError(E.TypeError!, `sequence item ${i}: expected a bytes-like object, ${typeName(p)} found`);
        });
        if (parts.length === 1 && parts[0]!.type === bytesType && t === bytesType) return newref(parts[0]!);
        const arrays = parts.map((p) => (p as PyBytes).v);
        const out = new Uint8Array(arrays.reduce((s, a) => s + a.length, 0) + sep.length * Math.max(0, arrays.length - 1));
        let at = 0;
        arrays.forEach((a, i) => {
          if (i) {
            out.set(sep, at);
            at += sep.length;
          }
          out.set(a, at);
          at += a.length;
        });
        return make(out);
      } finally {
        parts.forEach((p) => decref(p));
      }
    },
    replace: (self, args, kw) => {
      const [oldObj, newObj, countObj] = positional('replace', args, kw, 2, 3);
      const src = v(self);
      const from = bytesArg(oldObj);
      const to = bytesArg(newObj);
      let max = countObj === undefined ? Infinity : Number(indexValue(countObj));
      if (max < 0) max = Infinity;
      const out: number[] = [];
      let n = 0;
      let i = 0;
      if (from.length === 0) {
        for (; i <= src.length; i++) {
          if (n < max) {
            out.push(...to);
            n++;
          }
          if (i < src.length) out.push(src[i]!);
        }
      } else {
        while (i < src.length) {
          if (n < max && equalAt(src, i, from) && i + from.length <= src.length) {
            out.push(...to);
            i += from.length;
            n++;
          } else out.push(src[i++]!);
        }
      }
      return n === 0 ? same(self) : make(Uint8Array.from(out));
    },
    removeprefix: (self, args, kw) => {
      const p = bytesArg(exactlyOne('removeprefix', args, kw));
      const src = v(self);
      return p.length && src.length >= p.length && equalAt(src, 0, p) ? make(src.slice(p.length)) : same(self);
    },
    removesuffix: (self, args, kw) => {
      const p = bytesArg(exactlyOne('removesuffix', args, kw));
      const src = v(self);
      return p.length && src.length >= p.length && equalAt(src, src.length - p.length, p) ? make(src.slice(0, src.length - p.length)) : same(self);
    },
    strip: (self, args, kw) => strip(self, positional('strip', args, kw, 0, 1)[0], true, true),
    lstrip: (self, args, kw) => strip(self, positional('lstrip', args, kw, 0, 1)[0], true, false),
    rstrip: (self, args, kw) => strip(self, positional('rstrip', args, kw, 0, 1)[0], false, true),
    ljust: (self, args, kw) => {
      const [w, f] = positional('ljust', args, kw, 1, 2);
      return pad(self, 0, Number(indexValue(w!)) - v(self).length, fillArg(f, 'ljust'));
    },
    rjust: (self, args, kw) => {
      const [w, f] = positional('rjust', args, kw, 1, 2);
      return pad(self, Number(indexValue(w!)) - v(self).length, 0, fillArg(f, 'rjust'));
    },
    center: (self, args, kw) => {
      const [w, f] = positional('center', args, kw, 1, 2);
      const width = Number(indexValue(w!));
      const marg = width - v(self).length;
      const left = Math.floor(marg / 2) + (marg & width & 1);
      return pad(self, left, marg - left, fillArg(f, 'center'));
    },
    zfill: (self, args, kw) => {
      const width = Number(indexValue(exactlyOne('zfill', args, kw)));
      const src = v(self);
      const fill = width - src.length;
      if (fill <= 0) return same(self);
      const out = new Uint8Array(width).fill(48);
      out.set(src, fill);
      if (src.length && (src[0] === 43 || src[0] === 45)) {
        out[0] = src[0]!;
        out[fill] = 48;
      }
      return make(out);
    },
    expandtabs: (self, args, kw) => {
      const [size] = bindArgs('expandtabs', args, kw, ['tabsize'], 0, 1);
      const tab = size === undefined ? 8 : Number(indexValue(size));
      const out: number[] = [];
      let col = 0;
      for (const c of v(self)) {
        if (c === 9) {
          if (tab > 0) {
            const n = tab - (col % tab);
            for (let k = 0; k < n; k++) out.push(32);
            col += n;
          }
        } else {
          out.push(c);
          col = c === 10 || c === 13 ? 0 : col + 1;
        }
      }
      return make(Uint8Array.from(out));
    },
    upper: (self, args, kw) => (noArgs('upper', args, kw), mapped(self, toUpper)),
    lower: (self, args, kw) => (noArgs('lower', args, kw), mapped(self, toLower)),
    swapcase: (self, args, kw) => (noArgs('swapcase', args, kw), mapped(self, (c) => (isLower(c) ? c - 32 : isUpper(c) ? c + 32 : c))),
    capitalize: (self, args, kw) => (noArgs('capitalize', args, kw), mapped(self, (c, i) => (i === 0 ? toUpper(c) : toLower(c)))),
    title: (self, args, kw) => {
      noArgs('title', args, kw);
      let previousCased = false;
      return mapped(self, (c) => {
        const out = previousCased ? toLower(c) : toUpper(c);
        previousCased = isAlpha(c);
        return out;
      });
    },
    isalpha: (self) => test(self, isAlpha),
    isdigit: (self) => test(self, isDigit),
    isalnum: (self) => test(self, (c) => isAlpha(c) || isDigit(c)),
    isspace: (self) => test(self, isSpace),
    isascii: (self) => newBool(v(self).every((c) => c < 128)),
    islower: (self) => newBool(v(self).some(isLower) && !v(self).some(isUpper)),
    isupper: (self) => newBool(v(self).some(isUpper) && !v(self).some(isLower)),
    istitle: (self) => {
      let cased = false;
      let previousCased = false;
      for (const c of v(self)) {
        if (isUpper(c)) {
          if (previousCased) return newBool(false);
          previousCased = cased = true;
        } else if (isLower(c)) {
          if (!previousCased) return newBool(false);
          previousCased = cased = true;
        } else previousCased = false;
      }
      return newBool(cased);
    },
    hex: (self, args, kw) => {
      const [sepObj, perObj] = bindArgs('hex', args, kw, ['sep', 'bytes_per_sep'], 0, 2);
      const digits = Array.from(v(self), (c) => c.toString(16).padStart(2, '0'));
      if (sepObj === undefined) return newStr(digits.join(''));
      const sep = sepObj instanceof PyStr ? sepObj.v : latin1(bytesArg(sepObj));
      if (sep.length !== 1) throw pyError(E.ValueError!, 'sep must be length 1.');
      const per = perObj === undefined ? 1 : Number(indexValue(perObj));
      const group = Math.max(1, Math.abs(per));
      const groups: string[] = [];
      if (per >= 0) {
        // Groups counted from the right.
        for (let end = digits.length; end > 0; end -= group) groups.unshift(digits.slice(Math.max(0, end - group), end).join(''));
      } else {
        for (let start = 0; start < digits.length; start += group) groups.push(digits.slice(start, start + group).join(''));
      }
      return newStr(groups.join(sep));
    },
    translate: (self, args, kw) => {
      const [table, del] = bindArgs('translate', args, kw, ['table', 'delete'], 1, 2);
      let map: Uint8Array | null = null;
      if (table !== None) {
        map = bytesArg(table);
        if (map.length !== 256) throw pyError(E.ValueError!, 'translation table must be 256 characters long');
      }
      const drop = new Set(del === undefined ? [] : bytesArg(del));
      const out: number[] = [];
      for (const c of v(self)) if (!drop.has(c)) out.push(map ? map[c]! : c);
      const result = Uint8Array.from(out);
      const src = v(self);
      return result.length === src.length && result.every((c, i) => c === src[i]) ? same(self) : make(result);
    },
  });
  defineClassMethods(t, {
    fromhex: (cls, args, kw) => {
      const text = exactlyOne('fromhex', args, kw);
      if (!(text instanceof PyStr)) throw pyError(E.TypeError!, `fromhex() argument must be str, not ${typeName(text)}`);
      const s = text.v;
      const out: number[] = [];
      let i = 0;
      const hexValue = (ch: string | undefined) => (ch !== undefined && /^[0-9a-fA-F]$/.test(ch) ? parseInt(ch, 16) : -1);
      while (i < s.length) {
        if (' \t\n\r\x0b\x0c'.includes(s[i]!)) {
          i++;
          continue;
        }
        const hi = hexValue(s[i]);
        const lo = hexValue(s[i + 1]);
        if (hi < 0) throw pyError(E.ValueError!, `non-hexadecimal number found in fromhex() arg at position ${i}`);
        if (lo < 0) throw pyError(E.ValueError!, `non-hexadecimal number found in fromhex() arg at position ${i + 1}`);
        out.push(hi * 16 + lo);
        i += 2;
      }
      const made = make(Uint8Array.from(out));
      if (cls === t) return made;
      // A subclass: cls(the bytes), as _PyBytes_FromHex's caller does.
      return call(cls!, [made]);
    },
  });
  defineStatic(t, 'maketrans', (_self, args, kw) => {
    const [fromObj, toObj] = positional('maketrans', args, kw, 2, 2);
    const from = bytesArg(fromObj);
    const to = bytesArg(toObj);
    if (from.length !== to.length) throw pyError(E.ValueError!, 'maketrans arguments must have same length');
    const table = Uint8Array.from({ length: 256 }, (_, i) => i);
    from.forEach((c, i) => (table[c] = to[i]!));
    return newBytesOf(table);
  });
}
