/**
 * json encoding (Modules/_json.c's encoder and json/encoder.py's options): str, int,
 * float (float.__repr__, NaN/Infinity), True/False/None, lists, tuples and dicts (keys
 * str/int/float/bool/None, sort_keys, skipkeys), indent and separators, `default` for
 * everything else, circular-reference detection. Each nesting level counts against the
 * recursion limit, as Py_EnterRecursiveCall does in CPython.
 */
import type { PyObject } from '../../objects/object.js';
import { rt } from '../../runtime.js';
import { decref } from '../../heap/refcount.js';
import { pyError } from '../../errors.js';
import { E } from '../../objects/exceptions.js';
import { None, Ellipsis } from '../../objects/singletons.js';
import { PyInt, True, False } from '../../objects/int.js';
import { PyFloat, floatRepr } from '../../objects/float.js';
import { PyStr } from '../../objects/str.js';
import { PyList } from '../../objects/list.js';
import { PyTuple } from '../../objects/tuple.js';
import { PyDict, dictItems } from '../../objects/dict.js';
import { intRepr } from '../../objects/number-methods.js';
import { callBorrowed, richCompareBool, typeName, LT, isTrue } from '../../protocols/abstract.js';

export type EncodeOptions = {
  defaultFn: PyObject | null;
  indent: string | null;
  itemSeparator: string;
  keySeparator: string;
  sortKeys: boolean;
  skipKeys: boolean;
  ensureAscii: boolean;
  checkCircular: boolean;
  allowNan: boolean;
  /** Recursion-error wording: the C encoder's, or the Python one's (used with indent). */
  recursionWhere: string;
};

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** encode_basestring(_ascii) */
export function encodeString(s: string, ensureAscii: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = s.charCodeAt(i);
    const esc = ESCAPES[ch];
    if (esc !== undefined) out += esc;
    else if (code < 0x20 || (ensureAscii && code > 0x7e)) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function floatText(x: number, allowNan: boolean): string {
  if (Number.isFinite(x)) return floatRepr(x);
  if (!allowNan) throw pyError(E.ValueError!, 'Out of range float values are not JSON compliant');
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

export function encode(value: PyObject, o: EncodeOptions): string {
  const markers = new Set<PyObject>();
  const baseDepth = rt.depth;
  const parts: string[] = [];

  const enter = (level: number, container: PyObject) => {
    if (baseDepth + level + 1 >= rt.recursionLimit) {
      throw pyError(E.RecursionError!, `maximum recursion depth exceeded${o.recursionWhere}`);
    }
    if (o.checkCircular) {
      if (markers.has(container)) throw pyError(E.ValueError!, 'Circular reference detected');
      markers.add(container);
    }
  };
  const leave = (container: PyObject) => {
    if (o.checkCircular) markers.delete(container);
  };
  const newline = (level: number) => (o.indent === null ? '' : '\n' + o.indent.repeat(level));

  const keyText = (k: PyObject): string | null => {
    if (k instanceof PyStr) return k.v;
    if (k instanceof PyFloat) return floatText(k.v, o.allowNan);
    if (k === True) return 'true';
    if (k === False) return 'false';
    if (k === None) return 'null';
    if (k instanceof PyInt) return intRepr(k.v);
    if (o.skipKeys) return null;
    throw pyError(E.TypeError!, `keys must be str, int, float, bool or None, not ${typeName(k)}`);
  };

  const emit = (v: PyObject, level: number): void => {
    if (v instanceof PyStr) parts.push(encodeString(v.v, o.ensureAscii));
    else if (v === None) parts.push('null');
    else if (v === True) parts.push('true');
    else if (v === False) parts.push('false');
    else if (v instanceof PyInt) parts.push(intRepr(v.v));
    else if (v instanceof PyFloat) parts.push(floatText(v.v, o.allowNan));
    else if (v instanceof PyList || v instanceof PyTuple) {
      if (v.items.length === 0) {
        parts.push('[]');
        return;
      }
      enter(level, v);
      parts.push('[');
      const items = v.items.slice();
      items.forEach((x, i) => {
        parts.push(i ? o.itemSeparator + newline(level + 1) : newline(level + 1));
        emit(x, level + 1);
      });
      parts.push(newline(level) + ']');
      leave(v);
    } else if (v instanceof PyDict) {
      if (v.used === 0) {
        parts.push('{}');
        return;
      }
      enter(level, v);
      parts.push('{');
      let items = dictItems(v);
      if (o.sortKeys) items = sortItems(items);
      let first = true;
      for (const [k, x] of items) {
        const key = keyText(k);
        if (key === null) continue;
        parts.push(first ? newline(level + 1) : o.itemSeparator + newline(level + 1));
        first = false;
        parts.push(encodeString(key, o.ensureAscii) + o.keySeparator);
        emit(x, level + 1);
      }
      parts.push(newline(level) + '}');
      leave(v);
    } else {
      if (o.defaultFn === null) throw pyError(E.TypeError!, `Object of type ${v.type.name} is not JSON serializable`);
      enter(level, v);
      const replacement = callBorrowed(o.defaultFn, [v]);
      try {
        emit(replacement, level);
      } finally {
        decref(replacement);
      }
      leave(v);
    }
  };

  emit(value, 0);
  return parts.join('');
}

/** sorted(dct.items()) by key with Python's `<`. */
function sortItems(items: [PyObject, PyObject][]): [PyObject, PyObject][] {
  const out = items.slice();
  // insertion into a merge sort by key; stable like list.sort
  const merge = (a: [PyObject, PyObject][]): [PyObject, PyObject][] => {
    if (a.length <= 1) return a;
    const mid = a.length >> 1;
    const l = merge(a.slice(0, mid));
    const r = merge(a.slice(mid));
    const res: [PyObject, PyObject][] = [];
    let i = 0;
    let j = 0;
    while (i < l.length && j < r.length) {
      if (richCompareBool(r[j]![0], l[i]![0], LT)) res.push(r[j++]!);
      else res.push(l[i++]!);
    }
    return res.concat(l.slice(i), r.slice(j));
  };
  return merge(out);
}

export { isTrue, Ellipsis };
