/**
 * json decoding (Modules/_json.c's scanner): objects are built as CPython builds them —
 * dicts by inserting pair after pair, lists by appending (so their sizes follow the
 * insert/append growth rules), and object keys go through a memo so equal keys share
 * one str object. Errors carry CPython's messages and positions; the Python layer turns
 * them into JSONDecodeError.
 */
import type { PyObject } from '../../objects/object.js';
import { decref, newref } from '../../heap/refcount.js';
import { PyRaise, pyError } from '../../errors.js';
import { E } from '../../objects/exceptions.js';
import { rt } from '../../runtime.js';
import { newNone } from '../../objects/singletons.js';
import { newBool, newIntValue, newInt } from '../../objects/int.js';
import { newFloat } from '../../objects/float.js';
import { newStr } from '../../objects/str.js';
import { newList, listAppendSteal } from '../../objects/list.js';
import { newTuple } from '../../objects/tuple.js';
import { newDict, dictSetSteal, dictGetStr, type PyDict } from '../../objects/dict.js';
import { callBorrowed } from '../../protocols/abstract.js';
import { parseIntString } from '../../objects/number-methods.js';

export type DecodeHooks = {
  objectHook: PyObject | null;
  objectPairsHook: PyObject | null;
  parseFloat: PyObject | null;
  parseInt: PyObject | null;
  parseConstant: PyObject | null;
};

/** A decoding error: message and character position (before JSONDecodeError wraps it). */
export class JsonError {
  constructor(
    readonly msg: string,
    readonly pos: number,
  ) {}
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;

export function skipWhitespace(s: string, i: number): number {
  while (i < s.length && WS.has(s[i]!)) i++;
  return i;
}

/** scan_once at `idx`: [value, end]. */
export function scan(s: string, idx: number, hooks: DecodeHooks): [PyObject, number] {
  const memo = new Map<string, PyObject>();
  try {
    return scanOnce(s, idx, hooks, memo, rt.depth);
  } finally {
    for (const k of memo.values()) decref(k);
  }
}

function callHook(hook: PyObject, arg: PyObject): PyObject {
  try {
    return callBorrowed(hook, [arg]);
  } finally {
    decref(arg);
  }
}

function scanString(s: string, begin: number): [string, number] {
  // `begin` is just after the opening quote.
  let out = '';
  let i = begin;
  for (;;) {
    let j = i;
    while (j < s.length) {
      const c = s.charCodeAt(j);
      if (c === 34 || c === 92 || c < 0x20) break;
      j++;
    }
    out += s.slice(i, j);
    if (j >= s.length) throw new JsonError('Unterminated string starting at', begin - 1);
    const c = s[j]!;
    if (c === '"') return [out, j + 1];
    if (c !== '\\') throw new JsonError('Invalid control character at', j);
    if (j + 1 >= s.length) throw new JsonError('Unterminated string starting at', begin - 1);
    const e = s[j + 1]!;
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    if (e in simple) {
      out += simple[e];
      i = j + 2;
      continue;
    }
    if (e !== 'u') throw new JsonError('Invalid \\escape', j);
    const hex = s.slice(j + 2, j + 6);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonError('Invalid \\uXXXX escape', j + 1);
    let code = parseInt(hex, 16);
    i = j + 6;
    if (code >= 0xd800 && code <= 0xdbff && s[i] === '\\' && s[i + 1] === 'u') {
      const hex2 = s.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex2)) throw new JsonError('Invalid \\uXXXX escape', i + 1);
      const low = parseInt(hex2, 16);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i += 6;
      }
    }
    out += String.fromCodePoint(code);
  }
}

function scanOnce(s: string, idx: number, hooks: DecodeHooks, memo: Map<string, PyObject>, depth: number): [PyObject, number] {
  if (idx >= s.length) throw new JsonError('Expecting value', idx);
  const c = s[idx]!;
  if (c === '"') {
    const [text, end] = scanString(s, idx + 1);
    return [newStr(text), end];
  }
  if (c === '{' || c === '[') {
    const what = c === '{' ? 'object' : 'array';
    if (depth + 1 >= rt.recursionLimit) {
      throw pyError(E.RecursionError!, `maximum recursion depth exceeded while decoding a JSON ${what} from a unicode string`);
    }
    return c === '{' ? scanObject(s, idx + 1, hooks, memo, depth + 1) : scanArray(s, idx + 1, hooks, memo, depth + 1);
  }
  if (c === 'n' && s.startsWith('null', idx)) return [newNone(), idx + 4];
  if (c === 't' && s.startsWith('true', idx)) return [newBool(true), idx + 4];
  if (c === 'f' && s.startsWith('false', idx)) return [newBool(false), idx + 5];
  const constant = (name: string, value: number): [PyObject, number] => {
    if (hooks.parseConstant) return [callHook(hooks.parseConstant, newStr(name)), idx + name.length];
    return [newFloat(value), idx + name.length];
  };
  if (c === 'N' && s.startsWith('NaN', idx)) return constant('NaN', NaN);
  if (c === 'I' && s.startsWith('Infinity', idx)) return constant('Infinity', Infinity);
  if (c === '-' && s.startsWith('-Infinity', idx)) return constant('-Infinity', -Infinity);
  NUMBER.lastIndex = idx;
  const m = NUMBER.exec(s);
  if (m === null || m.index !== idx) throw new JsonError('Expecting value', idx);
  const text = m[0];
  const end = idx + text.length;
  if (m[1] !== undefined || m[2] !== undefined) {
    if (hooks.parseFloat) return [callHook(hooks.parseFloat, newStr(text)), end];
    return [newFloat(Number(text)), end];
  }
  if (hooks.parseInt) return [callHook(hooks.parseInt, newStr(text)), end];
  const v = parseIntString(text, 10);
  return [v === null ? newInt(0) : newIntValue(v), end];
}

function scanObject(s: string, i: number, hooks: DecodeHooks, memo: Map<string, PyObject>, depth: number): [PyObject, number] {
  const pairs: [PyObject, PyObject][] | null = hooks.objectPairsHook ? [] : null;
  const d: PyDict | null = pairs ? null : newDict();
  try {
    i = skipWhitespace(s, i);
    if (s[i] === '}') return finishObject(d, pairs, hooks, i + 1);
    for (;;) {
      if (s[i] !== '"') throw new JsonError('Expecting property name enclosed in double quotes', i);
      const [text, afterKey] = scanString(s, i + 1);
      let key = memo.get(text);
      if (key === undefined) {
        key = newStr(text);
        memo.set(text, key);
      }
      i = skipWhitespace(s, afterKey);
      if (s[i] !== ':') throw new JsonError("Expecting ':' delimiter", i);
      i = skipWhitespace(s, i + 1);
      const [value, afterValue] = scanOnce(s, i, hooks, memo, depth);
      if (pairs) pairs.push([newref(key), value]);
      else dictSetSteal(d!, newref(key), value);
      i = skipWhitespace(s, afterValue);
      if (s[i] === '}') return finishObject(d, pairs, hooks, i + 1);
      if (s[i] !== ',') throw new JsonError("Expecting ',' delimiter", i);
      i = skipWhitespace(s, i + 1);
    }
  } catch (e) {
    if (d) decref(d);
    if (pairs) for (const [k, v] of pairs) (decref(k), decref(v));
    throw e;
  }
}

function finishObject(d: PyDict | null, pairs: [PyObject, PyObject][] | null, hooks: DecodeHooks, end: number): [PyObject, number] {
  if (pairs) {
    const list = newList(pairs.map(([k, v]) => newTuple([k, v])));
    pairs.length = 0;
    return [callHook(hooks.objectPairsHook!, list), end];
  }
  if (hooks.objectHook) return [callHook(hooks.objectHook, d!), end];
  return [d!, end];
}

function scanArray(s: string, i: number, hooks: DecodeHooks, memo: Map<string, PyObject>, depth: number): [PyObject, number] {
  const l = newList([]);
  try {
    i = skipWhitespace(s, i);
    if (s[i] === ']') return [l, i + 1];
    for (;;) {
      const [value, after] = scanOnce(s, i, hooks, memo, depth);
      listAppendSteal(l, value);
      i = skipWhitespace(s, after);
      if (s[i] === ']') return [l, i + 1];
      if (s[i] !== ',') throw new JsonError("Expecting ',' delimiter", i);
      i = skipWhitespace(s, i + 1);
    }
  } catch (e) {
    decref(l);
    throw e;
  }
}

export { PyRaise, dictGetStr };
