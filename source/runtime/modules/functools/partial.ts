/**
 * functools.partial as _functoolsmodule.c builds it: fn, args tuple, keywords dict and
 * an optional __dict__ (getsizeof 80 with the GC header). A partial of a partial
 * without a __dict__ is flattened into one.
 */
import { PyObject, PyType, type Visit } from '../../objects/object.js';
import { nativeType, defineGetter } from '../../objects/native-type.js';
import { rt } from '../../runtime.js';
import { decref, newref, xdecref } from '../../heap/refcount.js';
import { pyError } from '../../errors.js';
import { E } from '../../objects/exceptions.js';
import { PyStr, internStr, newStr } from '../../objects/str.js';
import { PyTuple, newTuple } from '../../objects/tuple.js';
import { PyDict, newDict, dictGetStr, dictSetSteal, dictDelStr, dictItems } from '../../objects/dict.js';
import { call, repr, reprEnter, reprLeave } from '../../protocols/abstract.js';
import { addClassGetItem } from '../../objects/generic-alias.js';
import { labelSlot } from '../../objects/slot-labels.js';

export class PyPartial extends PyObject {
  fn!: PyObject;
  args!: PyTuple;
  kw!: PyDict;
  dict: PyDict | null = null;
  constructor(type: PyType) {
    super(type);
  }
}

export function createPartialType(): PyType {
  const t = nativeType('partial', { module: 'functools', gc: true, weakrefable: true, ownDict: true, basicSize: 64 }, (t) => {
    t.newInstance = (type, args, kw) => {
      const nkw = kw ? kw.length : 0;
      const npos = args.length - nkw;
      if (npos < 1) throw pyError(E.TypeError!, "type 'partial' takes at least one argument");
      let fn = args[0]!;
      if (fn.type.call === null) throw pyError(E.TypeError!, 'the first argument must be callable');
      let baseArgs: PyObject[] = [];
      let baseKw: [PyObject, PyObject][] = [];
      if (fn instanceof PyPartial && fn.type.call === t.call && fn.dict === null) {
        baseArgs = fn.args.items;
        baseKw = dictItems(fn.kw);
        fn = fn.fn;
      }
      const p = new PyPartial(type);
      p.fn = newref(fn);
      p.args = newTuple([...baseArgs, ...args.slice(1, npos)].map((a) => newref(a)));
      p.kw = newDict();
      for (const [k, v] of baseKw) dictSetSteal(p.kw, newref(k), newref(v));
      for (let i = 0; i < nkw; i++) dictSetSteal(p.kw, internStr(kw![i]!), newref(args[npos + i]!));
      rt.heap.allocate(p, true);
      rt.ev.refAdded(p.serial, p.fn.serial, labelSlot('func'));
      rt.ev.refAdded(p.serial, p.args.serial, labelSlot('args'));
      rt.ev.refAdded(p.serial, p.kw.serial, labelSlot('keywords'));
      return p;
    };
    t.init = () => {};
    t.call = (o, args, kw) => {
      const p = o as PyPartial;
      const nkw = kw ? kw.length : 0;
      const npos = args.length - nkw;
      const positional = [...p.args.items.map((a) => newref(a)), ...args.slice(0, npos)];
      const names: string[] = [];
      const values: PyObject[] = [];
      for (const [k, v] of dictItems(p.kw)) {
        const name = (k as PyStr).v;
        const at = kw ? kw.indexOf(name) : -1;
        names.push(name);
        values.push(at >= 0 ? args[npos + at]! : newref(v));
      }
      for (let i = 0; i < nkw; i++) {
        if (names.indexOf(kw![i]!) >= 0) continue;
        names.push(kw![i]!);
        values.push(args[npos + i]!);
      }
      return call(p.fn, [...positional, ...values], names.length ? names : null);
    };
    t.repr = (o) => {
      const p = o as PyPartial;
      if (!reprEnter(o)) return newStr('...');
      try {
        const parts = [repr(p.fn), ...p.args.items.map((a) => repr(a)), ...dictItems(p.kw).map(([k, v]) => `${(k as PyStr).v}=${repr(v)}`)];
        return newStr(`${o.type.tpName}(${parts.join(', ')})`);
      } finally {
        reprLeave(o);
      }
    };
    t.instanceGet = (o, name) => {
      const d = (o as PyPartial).dict;
      return d ? dictGetStr(d, name) : null;
    };
    t.instanceSet = (o, name, v) => {
      const p = o as PyPartial;
      if (p.dict === null) {
        if (v === null) return false;
        p.dict = newDict();
        rt.ev.refAdded(p.serial, p.dict.serial, labelSlot('__dict__'));
      }
      if (v === null) return dictDelStr(p.dict, name);
      dictSetSteal(p.dict, internStr(name), v);
      return true;
    };
    t.traverse = (o, visit: Visit) => {
      const p = o as PyPartial;
      visit(p.fn, labelSlot('func'));
      visit(p.args, labelSlot('args'));
      visit(p.kw, labelSlot('keywords'));
      if (p.dict) visit(p.dict, labelSlot('__dict__'));
    };
    t.clear = (o) => {
      const p = o as PyPartial;
      const d = p.dict;
      if (d) {
        p.dict = null;
        rt.ev.refRemoved(p.serial, d.serial, labelSlot('__dict__'));
        decref(d);
      }
    };
    t.dealloc = (o) => {
      const p = o as PyPartial;
      decref(p.fn);
      decref(p.args);
      decref(p.kw);
      xdecref(p.dict);
    };
  });
  defineGetter(t, 'func', (o) => newref((o as PyPartial).fn));
  defineGetter(t, 'args', (o) => newref((o as PyPartial).args));
  defineGetter(t, 'keywords', (o) => newref((o as PyPartial).kw));
  defineGetter(
    t,
    '__dict__',
    (o) => {
      const p = o as PyPartial;
      if (p.dict === null) {
        p.dict = newDict();
        rt.ev.refAdded(p.serial, p.dict.serial, labelSlot('__dict__'));
      }
      return newref(p.dict);
    },
  );
  addClassGetItem(t);
  return t;
}
