/**
 * str behaviour: subscription, concatenation, repetition, comparison, %-formatting,
 * str.format, and the str methods scenarios use.
 */
import { PyObject, EQ, NE, LT, LE, GT, type RichOp } from './object.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from './exceptions.js';
import { None, newNotImplemented } from './singletons.js';
import { PyStr, strType, newStr, strHash, strRepr, isPrintable, internExisting } from './str.js';
import { PyInt, newInt, newBool } from './int.js';
import { PyFloat } from './float.js';
import { PyList, newList, listAppendSteal } from './list.js';
import { PyTuple, newTuple } from './tuple.js';
import { PyDict, newDict, dictItems, dictSet } from './dict.js';
import { PySlice } from './range.js';
import { PyBytes, newBytes } from './bytes.js';
import { rt } from '../runtime.js';
import { indexOf, normalizeIndex, sliceIndices } from './sequence.js';
import { bindArgs, defineMethods, defineStatic, exactlyOne, positional } from '../builtins/args.js';
import { getItem, getIter, iterNext, repr, str as strOf, strObject, typeName, indexValue, getAttr, call } from '../protocols/abstract.js';
import { newSeqIter, strIterType, strAsciiIterType } from './iterators.js';
import { formatObject } from './format.js';
import { asciiOf } from '../builtins/text.js';

const v = (o: PyObject | null | undefined) => (o as PyStr).v;

function isAstral(s: string): boolean {
  return /[\ud800-\udbff][\udc00-\udfff]/.test(s);
}

function argStr(o: PyObject | undefined, fname: string, pos = 1): string {
  if (!(o instanceof PyStr)) throw pyError(E.TypeError!, `${fname}() argument ${pos} must be str, not ${o ? typeName(o) : 'None'}`);
  return o.v;
}

function strGetItem(o: PyObject, key: PyObject): PyObject {
  const s = (o as PyStr).v;
  const cps = isAstral(s) ? Array.from(s) : null;
  const n = cps ? cps.length : s.length;
  if (key instanceof PySlice) {
    const sl = sliceIndices(key, n);
    if (sl.step === 1 && sl.start === 0 && sl.length === n && o.type === strType) return newref(o);
    let out = '';
    for (let i = 0, j = sl.start; i < sl.length; i++, j += sl.step) out += cps ? cps[j] : s[j];
    return newStr(out);
  }
  if (key.type.number.index === null) throw pyError(E.TypeError!, `string indices must be integers, not '${typeName(key)}'`);
  const i = normalizeIndex(indexOf(key, 'string'), n);
  if (i < 0) throw pyError(E.IndexError!, 'string index out of range');
  return newStr(cps ? cps[i]! : s[i]!);
}

function compare(a: string, b: string, op: RichOp): boolean {
  switch (op) {
    case LT:
      return a < b;
    case LE:
      return a <= b;
    case EQ:
      return a === b;
    case NE:
      return a !== b;
    case GT:
      return a > b;
    default:
      return a >= b;
  }
}

/** Python's whitespace for str.split()/strip() (Unicode White_Space plus the separators). */
const WS = ' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

function strip(s: string, chars: string | null, left: boolean, right: boolean): string {
  const set = chars ?? WS;
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.includes(s[a]!)) a++;
  if (right) while (b > a && set.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

function splitWhitespace(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && WS.includes(s[i]!)) i++;
    if (i >= n) break;
    if (maxsplit >= 0 && out.length === maxsplit) {
      out.push(strip(s.slice(i), null, false, true));
      break;
    }
    let j = i;
    while (j < n && !WS.includes(s[j]!)) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

/** str.split / rsplit results: a list preallocated with 12 slots (PyList_New(PREALLOC_SIZE)). */
function splitResult(parts: string[]): PyObject {
  const l = newList([], 12);
  for (const p of parts) listAppendSteal(l, newStr(p));
  return l;
}

const BUILTIN_SPACE = /\s/;
void BUILTIN_SPACE;

export function initStrSlots(): void {
  const t = strType;
  t.hash = (o) => strHash(o as PyStr);
  t.repr = (o) => newStr(strRepr(v(o)));
  t.str = (o) => (o.type === strType ? newref(o) : newStr(v(o)));
  t.length = (o) => (o as PyStr).length;
  t.getitem = strGetItem;
  t.contains = (o, x) => {
    if (!(x instanceof PyStr)) throw pyError(E.TypeError!, `'in <string>' requires string as left operand, not ${typeName(x)}`);
    return v(o).includes(x.v);
  };
  t.iter = (o) => newSeqIter(/^[\x00-\x7f]*$/.test(v(o)) ? strAsciiIterType : strIterType, o);
  t.richcompare = (a, b, op) => {
    if (!(a instanceof PyStr) || !(b instanceof PyStr)) return newNotImplemented();
    // JS compares UTF-16 code units; Python compares code points (differs only beyond the BMP).
    if (isAstral(a.v) || isAstral(b.v)) {
      const x = Array.from(a.v).map((c) => c.codePointAt(0)!);
      const y = Array.from(b.v).map((c) => c.codePointAt(0)!);
      let c = 0;
      for (let i = 0; i < Math.min(x.length, y.length) && c === 0; i++) c = x[i]! - y[i]!;
      if (c === 0) c = x.length - y.length;
      return newBool(compare(String(c), '0', op) && false ? false : [c < 0, c <= 0, c === 0, c !== 0, c > 0, c >= 0][op]!);
    }
    return newBool(compare(a.v, b.v, op));
  };
  t.concat = (a, b) => {
    if (!(b instanceof PyStr)) throw pyError(E.TypeError!, `can only concatenate str (not "${typeName(b)}") to str`);
    const sa = a as PyStr;
    if (!b.v.length && sa.type === strType) return newref(sa);
    if (!sa.v.length && b.type === strType) return newref(b);
    return newStr(sa.v + b.v);
  };
  t.repeat = (a, count) => {
    const s = a as PyStr;
    if (count <= 0) return newStr('');
    if (count === 1 && s.type === strType) return newref(s);
    reserveString(s.v.length * count);
    return newStr(s.v.repeat(count));
  };
  t.number.mod = (a, b) => {
    if (!(a instanceof PyStr)) return newNotImplemented();
    return newStr(percentFormat(a.v, b));
  };
  t.newInstance = (type, args, kw) => {
    const [obj, encoding, errors] = bindArgs('str', args, kw, ['object', 'encoding', 'errors'], 0, 3);
    let r: PyStr;
    if (obj === undefined) r = newStr('');
    else if (encoding !== undefined || errors !== undefined) {
      if (!(obj instanceof PyBytes)) throw pyError(E.TypeError!, `decoding to str: need a bytes-like object, ${typeName(obj)} found`);
      r = newStr(decodeBytes(obj.v, encoding ? v(encoding) : 'utf-8'));
    } else r = strObject(obj);
    if (type === strType) return r;
    const sub = new PyStr(type, r.v);
    decref(r);
    rt.heap.allocate(sub, type.flags.heap);
    return sub;
  };

  defineMethods(t, {
    join: (self, args, kw) => {
      const iterable = exactlyOne('str.join', args, kw);
      const items: string[] = [];
      const it = getIter(iterable);
      try {
        let i = 0;
        for (let x = iterNext(it); x !== null; x = iterNext(it), i++) {
          if (!(x instanceof PyStr)) {
            const tn = typeName(x);
            decref(x);
            throw pyError(E.TypeError!, `sequence item ${i}: expected str instance, ${tn} found`);
          }
          items.push(x.v);
          decref(x);
        }
      } finally {
        decref(it);
      }
      if (items.length === 1 && iterable instanceof PyList && (iterable.items[0] as PyStr).type === strType) return newref(iterable.items[0]!);
      return newStr(items.join(v(self)));
    },
    split: (self, args, kw) => {
      const [sep, maxObj] = bindArgs('split', args, kw, ['sep', 'maxsplit'], 0, 2);
      const max = maxObj ? Number(indexValue(maxObj)) : -1;
      const s = v(self);
      if (sep === undefined || sep === None) return splitResult(splitWhitespace(s, max));
      const d = argStr(sep, 'split');
      if (!d) throw pyError(E.ValueError!, 'empty separator');
      const parts = s.split(d);
      if (max >= 0 && parts.length > max + 1) return splitResult([...parts.slice(0, max), parts.slice(max).join(d)]);
      return splitResult(parts);
    },
    rsplit: (self, args, kw) => {
      const [sep, maxObj] = bindArgs('rsplit', args, kw, ['sep', 'maxsplit'], 0, 2);
      const max = maxObj ? Number(indexValue(maxObj)) : -1;
      const s = v(self);
      if (sep === undefined || sep === None) {
        if (max < 0) return splitResult(splitWhitespace(s, -1));
        const rev = splitWhitespace([...s].reverse().join(''), max).map((p) => [...p].reverse().join('')).reverse();
        return splitResult(rev);
      }
      const d = argStr(sep, 'rsplit');
      if (!d) throw pyError(E.ValueError!, 'empty separator');
      const parts = s.split(d);
      if (max >= 0 && parts.length > max + 1) return splitResult([parts.slice(0, parts.length - max).join(d), ...parts.slice(parts.length - max)]);
      return splitResult(parts);
    },
    splitlines: (self, args, kw) => {
      const [keep] = bindArgs('splitlines', args, kw, ['keepends'], 0, 1);
      const keepends = keep !== undefined && (keep as PyInt).v !== 0;
      const s = v(self);
      const out: string[] = [];
      const re = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/g;
      let last = 0;
      for (let m = re.exec(s); m; m = re.exec(s)) {
        out.push(s.slice(last, keepends ? m.index + m[0].length : m.index));
        last = m.index + m[0].length;
      }
      if (last < s.length) out.push(s.slice(last));
      const l = newList([], 0);
      for (const p of out) listAppendSteal(l, newStr(p));
      return l;
    },
    strip: (self, args, kw) => newStr(strip(v(self), stripChars(args, kw, 'strip'), true, true)),
    lstrip: (self, args, kw) => newStr(strip(v(self), stripChars(args, kw, 'lstrip'), true, false)),
    rstrip: (self, args, kw) => newStr(strip(v(self), stripChars(args, kw, 'rstrip'), false, true)),
    replace: (self, args, kw) => {
      const [a, b, countObj] = positional('replace', args, kw, 2, 3);
      const old = argStr(a, 'replace', 1);
      const repl = argStr(b, 'replace', 2);
      let count = countObj ? Number(indexValue(countObj)) : -1;
      const s = v(self);
      if (count < 0) {
        if (!old) return newStr(s.split('').join(repl).replace(/^/, repl) + (s.length ? repl : ''));
        if (!s.includes(old)) return newref(self!);
        return newStr(s.split(old).join(repl));
      }
      let out = '';
      let i = 0;
      while (count-- > 0) {
        const j = old ? s.indexOf(old, i) : i <= s.length ? i : -1;
        if (j < 0) break;
        out += s.slice(i, j) + repl;
        i = j + old.length;
        if (!old) {
          if (i < s.length) out += s[i];
          i++;
        }
      }
      return newStr(out + s.slice(i));
    },
    startswith: (self, args, kw) => newBool(affix(v(self), args, kw, 'startswith', (s, p) => s.startsWith(p))),
    endswith: (self, args, kw) => newBool(affix(v(self), args, kw, 'endswith', (s, p) => s.endsWith(p))),
    find: (self, args, kw) => newInt(findIn(v(self), args, kw, 'find', false)),
    rfind: (self, args, kw) => newInt(findIn(v(self), args, kw, 'rfind', true)),
    index: (self, args, kw) => {
      const i = findIn(v(self), args, kw, 'index', false);
      if (i < 0) throw pyError(E.ValueError!, 'substring not found');
      return newInt(i);
    },
    rindex: (self, args, kw) => {
      const i = findIn(v(self), args, kw, 'rindex', true);
      if (i < 0) throw pyError(E.ValueError!, 'substring not found');
      return newInt(i);
    },
    count: (self, args, kw) => {
      const [sub, startObj, endObj] = positional('count', args, kw, 1, 3);
      const [s, base] = window(v(self), startObj, endObj);
      void base;
      const p = argStr(sub, 'count');
      if (!p) return newInt(s.length + 1);
      return newInt(s.split(p).length - 1);
    },
    upper: (self) => newStr(v(self).toUpperCase()),
    lower: (self) => newStr(v(self).toLowerCase()),
    casefold: (self) => newStr(v(self).toLowerCase()),
    swapcase: (self) => newStr([...v(self)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')),
    title: (self) => newStr(v(self).replace(/[A-Za-z\u00c0-\uffff]+/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())),
    capitalize: (self) => {
      const s = v(self);
      return newStr(s ? s[0]!.toUpperCase() + s.slice(1).toLowerCase() : '');
    },
    isdigit: (self) => newBool(/^\p{Nd}+$/u.test(v(self))),
    isdecimal: (self) => newBool(/^\p{Nd}+$/u.test(v(self))),
    isnumeric: (self) => newBool(/^[\p{Nd}\p{Nl}\p{No}]+$/u.test(v(self))),
    isalpha: (self) => newBool(/^\p{L}+$/u.test(v(self))),
    isalnum: (self) => newBool(/^[\p{L}\p{Nd}\p{Nl}\p{No}]+$/u.test(v(self))),
    isspace: (self) => newBool(v(self).length > 0 && [...v(self)].every((c) => WS.includes(c))),
    isupper: (self) => newBool(/\p{Lu}/u.test(v(self)) && !/\p{Ll}/u.test(v(self))),
    islower: (self) => newBool(/\p{Ll}/u.test(v(self)) && !/\p{Lu}/u.test(v(self))),
    istitle: (self) => newBool(/\p{Lu}/u.test(v(self)) && v(self).replace(/[A-Za-z]+/g, (w) => (w[0] === w[0]!.toUpperCase() && w.slice(1) === w.slice(1).toLowerCase() ? '' : '!')).indexOf('!') < 0),
    isidentifier: (self) => newBool(/^[\p{L}_][\p{L}\p{N}_]*$/u.test(v(self))),
    isascii: (self) => newBool(/^[\x00-\x7f]*$/.test(v(self))),
    isprintable: (self) => newBool([...v(self)].every(isPrintable)),
    center: (self, args, kw) => justify(v(self), args, kw, 'center'),
    ljust: (self, args, kw) => justify(v(self), args, kw, 'ljust'),
    rjust: (self, args, kw) => justify(v(self), args, kw, 'rjust'),
    zfill: (self, args, kw) => {
      const width = Number(indexValue(exactlyOne('str.zfill', args, kw)));
      const s = v(self);
      if (s.length >= width) return newref(self!);
      const sign = s[0] === '+' || s[0] === '-' ? s[0] : '';
      return newStr(sign + '0'.repeat(width - s.length) + s.slice(sign.length));
    },
    translate: (self, args, kw) => translate(v(self), exactlyOne('translate', args, kw)),
    partition: (self, args, kw) => partition(v(self), argStr(exactlyOne('str.partition', args, kw), 'partition'), false),
    rpartition: (self, args, kw) => partition(v(self), argStr(exactlyOne('str.rpartition', args, kw), 'rpartition'), true),
    removeprefix: (self, args, kw) => {
      const p = argStr(exactlyOne('str.removeprefix', args, kw), 'removeprefix');
      return v(self).startsWith(p) && p ? newStr(v(self).slice(p.length)) : newref(self!);
    },
    removesuffix: (self, args, kw) => {
      const p = argStr(exactlyOne('str.removesuffix', args, kw), 'removesuffix');
      return v(self).endsWith(p) && p ? newStr(v(self).slice(0, -p.length)) : newref(self!);
    },
    expandtabs: (self, args, kw) => {
      const [ts] = bindArgs('expandtabs', args, kw, ['tabsize'], 0, 1);
      const size = ts ? Number(indexValue(ts)) : 8;
      let col = 0;
      let out = '';
      for (const c of v(self)) {
        if (c === '\t') {
          const n = size > 0 ? size - (col % size) : 0;
          out += ' '.repeat(n);
          col += n;
        } else {
          out += c;
          col = c === '\n' || c === '\r' ? 0 : col + 1;
        }
      }
      return newStr(out);
    },
    encode: (self, args, kw) => {
      const [enc] = bindArgs('encode', args, kw, ['encoding', 'errors'], 0, 2);
      return newBytes(encodeStr(v(self), enc ? v(enc) : 'utf-8'));
    },
    format: (self, args, kw) => newStr(strFormat(v(self), args, kw)),
    format_map: (self, args, kw) => newStr(strFormat(v(self), [], null, exactlyOne('str.format_map', args, kw))),
    __format__: (self, args, kw) => newStr(formatObject(self!, argStr(exactlyOne('__format__', args, kw), '__format__'))),
    __len__: (self) => newInt((self as PyStr).length),
    __getitem__: (self, args) => strGetItem(self!, args[0]!),
    __contains__: (self, args) => newBool(strType.contains!(self!, args[0]!)),
    __sizeof__: (self) => newInt(strType.sizeof!(self!)),
    __getnewargs__: (self) => newTuple([newStr(v(self))]),
    __mod__: (self, args) => newStr(percentFormat(v(self), args[0]!)),
  });
  defineStatic(t, 'maketrans', (_s, args, kw) => makeTrans(args, kw));
}

/** str.maketrans(dict) or str.maketrans(from, to[, delete]): a dict of code points. */
function makeTrans(args: PyObject[], kw: readonly string[] | null): PyObject {
  const [x, y, z] = positional('maketrans', args, kw, 1, 3);
  const table = newDict();
  try {
    if (y === undefined) {
      if (!(x instanceof PyDict)) throw pyError(E.TypeError!, 'if you give only one argument to maketrans it must be a dict');
      for (const [k, v] of dictItems(x)) {
        let key: PyObject;
        if (k instanceof PyStr) {
          if (k.length !== 1) throw pyError(E.ValueError!, 'string keys in translate table must be of length 1');
          key = newInt(k.v.codePointAt(0)!);
        } else if (k instanceof PyInt) key = newref(k);
        else throw pyError(E.TypeError!, 'keys in translate table must be strings or integers');
        dictSet(table, key, v);
        decref(key);
      }
      return table;
    }
    const from = Array.from(argStr(x, 'maketrans'));
    const to = Array.from(argStr(y, 'maketrans', 2));
    if (from.length !== to.length) throw pyError(E.ValueError!, 'the first two maketrans arguments must have equal length');
    from.forEach((c, i) => {
      const key = newInt(c.codePointAt(0)!);
      const value = newInt(to[i]!.codePointAt(0)!);
      dictSet(table, key, value);
      decref(key);
      decref(value);
    });
    if (z !== undefined) {
      for (const c of argStr(z, 'maketrans', 3)) {
        const key = newInt(c.codePointAt(0)!);
        dictSet(table, key, None);
        decref(key);
      }
    }
    return table;
  } catch (e) {
    decref(table);
    throw e;
  }
}

/** str.translate(table): each character looked up with table[ord(c)]. */
function translate(s: string, table: PyObject): PyObject {
  let out = '';
  for (const c of s) {
    const key = newInt(c.codePointAt(0)!);
    let v: PyObject;
    try {
      v = getItem(table, key);
    } catch (e) {
      if (e instanceof PyRaise && e.exc.type.isSubtypeOf(E.LookupError!)) {
        decref(e.exc);
        out += c;
        continue;
      }
      throw e;
    } finally {
      decref(key);
    }
    try {
      if (v === None) continue;
      if (v instanceof PyInt) {
        const n = Number(v.v);
        if (!(n >= 0 && n < 0x110000)) throw pyError(E.ValueError!, 'character mapping must be in range(0x110000)');
        out += String.fromCodePoint(n);
      } else if (v instanceof PyStr) out += v.v;
      else throw pyError(E.TypeError!, 'character mapping must return integer, None or str');
    } finally {
      decref(v);
    }
  }
  return newStr(out);
}

function stripChars(args: PyObject[], kw: readonly string[] | null, fname: string): string | null {
  const [c] = positional(fname, args, kw, 0, 1);
  if (c === undefined || c === None) return null;
  return argStr(c, fname);
}

function window(s: string, startObj: PyObject | undefined, endObj: PyObject | undefined): [string, number] {
  const n = s.length;
  let start = startObj && startObj !== None ? Number(indexValue(startObj)) : 0;
  let end = endObj && endObj !== None ? Number(indexValue(endObj)) : n;
  if (start < 0) start = Math.max(0, start + n);
  if (end < 0) end = Math.max(0, end + n);
  if (end > n) end = n;
  return [start <= n && start <= end ? s.slice(start, end) : start <= n ? '' : '\u0000NONE', start];
}

function findIn(s: string, args: PyObject[], kw: readonly string[] | null, fname: string, fromRight: boolean): number {
  const [sub, startObj, endObj] = positional(fname, args, kw, 1, 3);
  const p = argStr(sub, fname);
  const [w, base] = window(s, startObj, endObj);
  if (w === '\u0000NONE') return -1;
  const i = fromRight ? w.lastIndexOf(p) : w.indexOf(p);
  return i < 0 ? -1 : i + base;
}

function affix(s: string, args: PyObject[], kw: readonly string[] | null, fname: string, test: (s: string, p: string) => boolean): boolean {
  const [prefix, startObj, endObj] = positional(fname, args, kw, 1, 3);
  const [w] = window(s, startObj, endObj);
  if (w === '\u0000NONE') return false;
  if (prefix instanceof PyTuple) return prefix.items.some((p) => test(w, argStr(p, fname)));
  if (!(prefix instanceof PyStr)) {
    throw pyError(E.TypeError!, `${fname} first arg must be str or a tuple of str, not ${typeName(prefix!)}`);
  }
  return test(w, prefix.v);
}

function justify(s: string, args: PyObject[], kw: readonly string[] | null, fname: string): PyObject {
  const [widthObj, fillObj] = positional(fname, args, kw, 1, 2);
  const width = Number(indexValue(widthObj!));
  const fill = fillObj ? argStr(fillObj, fname, 2) : ' ';
  if (fill.length !== 1) throw pyError(E.TypeError!, 'The fill character must be exactly one character long');
  const n = width - [...s].length;
  if (n <= 0) return newStr(s);
  if (fname === 'ljust') return newStr(s + fill.repeat(n));
  if (fname === 'rjust') return newStr(fill.repeat(n) + s);
  const left = Math.floor(n / 2) + (n & width & 1);
  return newStr(fill.repeat(left) + s + fill.repeat(n - left));
}

function partition(s: string, sep: string, fromRight: boolean): PyObject {
  if (!sep) throw pyError(E.ValueError!, 'empty separator');
  const i = fromRight ? s.lastIndexOf(sep) : s.indexOf(sep);
  if (i < 0) return newTuple(fromRight ? [newStr(''), newStr(''), newStr(s)] : [newStr(s), newStr(''), newStr('')]);
  return newTuple([newStr(s.slice(0, i)), newStr(sep), newStr(s.slice(i + sep.length))]);
}

export function encodeStr(s: string, encoding: string): Uint8Array {
  const enc = encoding.toLowerCase().replace(/[-_]/g, '');
  if (enc === 'utf8') return new TextEncoder().encode(s);
  if (enc === 'ascii' || enc === 'latin1' || enc === 'iso88591') {
    const limit = enc === 'ascii' ? 128 : 256;
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= limit) {
        throw pyError(E.UnicodeEncodeError!, `'${enc === 'ascii' ? 'ascii' : 'latin-1'}' codec can't encode character '\\x${c.toString(16)}' in position ${i}: ordinal not in range(${limit})`);
      }
      out[i] = c;
    }
    return out;
  }
  throw pyError(E.LookupError!, `unknown encoding: ${encoding}`);
}

export function decodeBytes(b: Uint8Array, encoding: string): string {
  const enc = encoding.toLowerCase().replace(/[-_]/g, '');
  if (enc === 'utf8') return new TextDecoder('utf-8').decode(b);
  if (enc === 'ascii' || enc === 'latin1' || enc === 'iso88591') return latin1(b);
  throw pyError(E.LookupError!, `unknown encoding: ${encoding}`);
}

// ---------------------------------------------------------------- %-formatting

/**
 * printf-style `format % values` (PyUnicode_Format). With `bytes`, the format and the
 * result are bytes as latin-1 text (_PyBytes_FormatEx): %s and %b take bytes-like
 * objects, %r and %a give ASCII reprs, %c takes an int below 256 or a single byte.
 */
export function percentFormat(format: string, values: PyObject, bytes = false): string {
  const isTuple = values instanceof PyTuple;
  const args = isTuple ? (values as PyTuple).items : [values];
  const mapping = !isTuple && values.type.getitem !== null && !(values instanceof PyStr) && !(bytes && values instanceof PyBytes) ? values : null;
  let argIndex = 0;
  let out = '';
  const nextArg = (): PyObject => {
    if (argIndex >= args.length) throw pyError(E.TypeError!, 'not enough arguments for format string');
    return args[argIndex++]!;
  };
  let usedMapping = false;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    i++;
    let key: string | null = null;
    if (format[i] === '(') {
      const end = format.indexOf(')', i);
      key = format.slice(i + 1, end);
      i = end + 1;
      usedMapping = true;
    }
    let flags = '';
    while ('-+ #0'.includes(format[i] ?? 'x')) flags += format[i++];
    let width = '';
    if (format[i] === '*') {
      width = String(indexValue(nextArg()));
      i++;
    } else while (/\d/.test(format[i] ?? '')) width += format[i++];
    let precision: string | null = null;
    if (format[i] === '.') {
      i++;
      precision = '';
      if (format[i] === '*') {
        precision = String(indexValue(nextArg()));
        i++;
      } else while (/\d/.test(format[i] ?? '')) precision += format[i++];
    }
    while ('hlL'.includes(format[i] ?? 'x')) i++;
    const conv = format[i];
    if (conv === undefined) throw pyError(E.ValueError!, 'incomplete format');
    if (conv === '%') {
      out += '%';
      continue;
    }
    let arg: PyObject;
    if (key !== null) {
      if (!mapping) throw pyError(E.TypeError!, 'format requires a mapping');
      const k = newStr(key);
      try {
        arg = getItem(mapping, k);
      } finally {
        decref(k);
      }
      decref(arg);
    } else arg = nextArg();
    let body: string;
    let numeric = false;
    switch (bytes && conv === 'b' ? 's' : conv) {
      case 's':
        body = bytes ? bytesText(arg) : strOf(arg);
        if (precision !== null) body = body.slice(0, Number(precision));
        break;
      case 'r':
        body = bytes ? asciiOf(arg) : repr(arg);
        if (precision !== null) body = body.slice(0, Number(precision));
        break;
      case 'a':
        body = asciiOf(arg);
        break;
      case 'd':
      case 'i':
      case 'u': {
        numeric = true;
        const n = arg instanceof PyFloat ? BigInt(Math.trunc(arg.v)) : BigInt(numberArg(arg, conv));
        body = (n < 0n ? -n : n).toString();
        if (precision !== null) body = body.padStart(Number(precision), '0');
        body = (n < 0n ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + body;
        break;
      }
      case 'x':
      case 'X':
      case 'o': {
        numeric = true;
        const n = BigInt(numberArg(arg, conv));
        body = (n < 0n ? -n : n).toString(conv === 'o' ? 8 : 16);
        if (conv === 'X') body = body.toUpperCase();
        if (precision !== null) body = body.padStart(Number(precision), '0');
        if (flags.includes('#')) body = (conv === 'o' ? '0o' : conv === 'x' ? '0x' : '0X') + body;
        body = (n < 0n ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + body;
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        numeric = true;
        const x = floatArg(arg);
        const spec = `${flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : ''}${flags.includes('#') ? '#' : ''}.${precision ?? '6'}${conv}`;
        const f = newFloatTemp(x);
        try {
          body = formatObject(f, spec);
        } finally {
          decref(f);
        }
        break;
      }
      case 'c':
        body = bytes ? byteChar(arg) : arg instanceof PyStr ? arg.v : String.fromCodePoint(Number(indexValue(arg)));
        break;
      default:
        throw pyError(E.ValueError!, `unsupported format character '${conv}' (0x${conv.charCodeAt(0).toString(16)}) at index ${i}`);
    }
    const w = width ? Number(width) : 0;
    if (body.length < w) {
      if (flags.includes('-')) body = body.padEnd(w);
      else if (flags.includes('0') && numeric) {
        const sign = /^[+\- ]/.test(body) ? body[0]! : '';
        body = sign + body.slice(sign.length).padStart(w - sign.length, '0');
      } else body = body.padStart(w);
    }
    out += body;
  }
  if (!usedMapping && argIndex < args.length && (isTuple || !mapping)) {
    throw pyError(E.TypeError!, `not all arguments converted during ${bytes ? 'bytes' : 'string'} formatting`);
  }
  return out;
}

/** %s / %b of bytes formatting: the bytes of a bytes-like object, as latin-1 text. */
function bytesText(arg: PyObject): string {
  if (arg instanceof PyBytes) return latin1(arg.v);
  throw pyError(E.TypeError!, `%b requires a bytes-like object, or an object that implements __bytes__, not '${typeName(arg)}'`);
}

function byteChar(arg: PyObject): string {
  if (arg instanceof PyBytes && arg.v.length === 1) return String.fromCharCode(arg.v[0]!);
  if (arg instanceof PyInt) {
    const n = Number(arg.v);
    if (n < 0 || n > 255) throw pyError(E.OverflowError!, '%c arg not in range(256)');
    return String.fromCharCode(n);
  }
  throw pyError(E.TypeError!, '%c requires an integer in range(256) or a single byte');
}

function numberArg(arg: PyObject, conv: string): bigint | number {
  if (arg instanceof PyInt) return arg.v;
  if (arg.type.number.index !== null) return indexValue(arg);
  throw pyError(E.TypeError!, `%${conv} format: ${conv === 'x' || conv === 'X' || conv === 'o' ? 'an integer' : 'a real number'} is required, not ${typeName(arg)}`);
}

function floatArg(arg: PyObject): number {
  if (arg instanceof PyFloat) return arg.v;
  if (arg instanceof PyInt) return Number(arg.v);
  throw pyError(E.TypeError!, `must be real number, not ${typeName(arg)}`);
}

import { newFloat } from './float.js';
import { reserveString } from '../limits.js';
import { latin1 } from '../../python/source-file.js';
function newFloatTemp(x: number): PyObject {
  return newFloat(x);
}

// ---------------------------------------------------------------- str.format

/** str.format(*args, **kwargs) with field names, attribute/index access, conversions and specs. */
export function strFormat(format: string, args: readonly PyObject[], kw: readonly string[] | null, mapping: PyObject | null = null): string {
  const nkw = kw ? kw.length : 0;
  const positionalArgs = args.slice(0, args.length - nkw);
  const keywords = new Map<string, PyObject>();
  for (let k = 0; k < nkw; k++) keywords.set(kw![k]!, args[args.length - nkw + k]!);
  let auto = 0;
  let out = '';
  const lookupField = (field: string): PyObject => {
    const m = /^([^.[]*)(.*)$/.exec(field)!;
    let first = m[1]!;
    let obj: PyObject;
    if (first === '') first = String(auto++);
    if (/^\d+$/.test(first)) {
      const i = Number(first);
      if (i >= positionalArgs.length) throw pyError(E.IndexError!, `Replacement index ${i} out of range for positional args tuple`);
      obj = newref(positionalArgs[i]!);
    } else if (mapping) {
      const k = newStr(first);
      try {
        obj = getItem(mapping, k);
      } finally {
        decref(k);
      }
    } else {
      const kv = keywords.get(first);
      if (!kv) throw pyError(E.KeyError!, `'${first}'`);
      obj = newref(kv);
    }
    let rest = m[2]!;
    while (rest) {
      const a = /^\.(\w+)/.exec(rest);
      if (a) {
        const next = getAttr(obj, a[1]!);
        decref(obj);
        obj = next;
        rest = rest.slice(a[0].length);
        continue;
      }
      const b = /^\[([^\]]*)\]/.exec(rest);
      if (!b) throw pyError(E.ValueError!, 'Only \'.\' or \'[\' may follow \']\' in format field specifier');
      const key = /^\d+$/.test(b[1]!) ? newInt(Number(b[1])) : newStr(b[1]!);
      try {
        const next = getItem(obj, key);
        decref(obj);
        obj = next;
      } finally {
        decref(key);
      }
      rest = rest.slice(b[0].length);
    }
    return obj;
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '{') {
      if (format[i + 1] === '{') {
        out += '{';
        i++;
        continue;
      }
      let depth = 1;
      let j = i + 1;
      while (j < format.length && depth) {
        if (format[j] === '{') depth++;
        else if (format[j] === '}') depth--;
        if (depth) j++;
      }
      if (depth) throw pyError(E.ValueError!, "expected '}' before end of string");
      const inner = format.slice(i + 1, j);
      const m = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(inner);
      if (!m) throw pyError(E.ValueError!, 'unmatched field');
      const obj = lookupField(m[1]!);
      try {
        let spec = m[3] ?? '';
        if (spec.includes('{')) spec = strFormat(spec, positionalArgs, null, null);
        let target = obj;
        let converted: PyObject | null = null;
        if (m[2] === 'r') converted = newStr(repr(obj));
        else if (m[2] === 's') converted = strObject(obj);
        else if (m[2] === 'a') converted = newStr(asciiOf(obj));
        if (converted) target = converted;
        try {
          out += formatObject(target, spec);
        } finally {
          if (converted) decref(converted);
        }
      } finally {
        decref(obj);
      }
      i = j;
    } else if (c === '}') {
      if (format[i + 1] === '}') i++;
      else throw pyError(E.ValueError!, "Single '}' encountered in format string");
      out += '}';
    } else out += c;
  }
  return out;
}

export { internExisting, PyDict, call, incref };
