/**
 * functools._lru_cache_wrapper, the C object behind @lru_cache and @cache
 * (_functoolsmodule.c): getsizeof 168. The cache is a real dict. With maxsize=None it
 * maps key → result; with a bound it maps key → an _lru_list_elem link (not a GC
 * object) holding key and result, reused when the oldest entry is evicted. A single
 * int or str argument is its own key; otherwise the key is the call's argument tuple
 * (plus a marker and the keyword items, plus the types when typed=True).
 */
import { PyObject, PyType, type Visit } from '../../objects/object.js';
import { nativeType, defineGetter } from '../../objects/native-type.js';
import { makeBuiltinType } from '../../objects/typeobject.js';
import { rt } from '../../runtime.js';
import { decref, incref, newref, xdecref } from '../../heap/refcount.js';
import { pyError } from '../../errors.js';
import { E } from '../../objects/exceptions.js';
import { None, newNone } from '../../objects/singletons.js';
import { newInt, intType } from '../../objects/int.js';
import { internStr, strType } from '../../objects/str.js';
import { newTuple } from '../../objects/tuple.js';
import { PyDict, newDict, dictGetStr, dictSetSteal, dictDelStr, dictGet, dictSet, dictDel, dictClear } from '../../objects/dict.js';
import { defineMethods, noArgs, positional } from '../../builtins/args.js';
import { call, callBorrowed, indexValue, isTrue } from '../../protocols/abstract.js';
import { newMethod } from '../../objects/function.js';
import { labelSlot } from '../../objects/slot-labels.js';

/**
 * One entry of a bounded cache (lru_list_elem): not tracked by the collector, which sees
 * its key and result through the cache's traverse (lru_cache_tp_traverse visits them).
 * So the log draws those two references from the cache (`owner`) while it lives, as
 * gc.get_referents(cache) lists them; from the link itself once the cache is gone.
 */
export class PyLruLink extends PyObject {
  constructor(
    type: PyType,
    public key: PyObject,
    public result: PyObject,
    public owner: PyLruCache | null,
  ) {
    super(type);
  }
}

export class PyLruCache extends PyObject {
  /** -1: unbounded (maxsize=None); 0: no caching. */
  maxsize = 0;
  typed = false;
  hits = 0;
  misses = 0;
  /** Bounded caches: links from least to most recently used. */
  readonly order = new Set<PyLruLink>();
  dict: PyDict | null = null;
  constructor(
    type: PyType,
    readonly func: PyObject,
    readonly cache: PyDict,
    readonly cacheInfoType: PyObject,
    readonly kwdMark: PyObject,
  ) {
    super(type);
  }
}

/** lru_cache_make_key: a new reference. */
function makeKey(c: PyLruCache, args: PyObject[], kw: readonly string[] | null): PyObject {
  const nkw = kw ? kw.length : 0;
  const npos = args.length - nkw;
  if (!c.typed && nkw === 0 && npos === 1) {
    const only = args[0]!;
    if (only.type === strType || only.type === intType) return newref(only);
  }
  const items: PyObject[] = [];
  for (let i = 0; i < npos; i++) items.push(newref(args[i]!));
  if (nkw) {
    items.push(newref(c.kwdMark));
    for (let i = 0; i < nkw; i++) {
      items.push(internStr(kw![i]!));
      items.push(newref(args[npos + i]!));
    }
  }
  if (c.typed) {
    for (let i = 0; i < npos; i++) items.push(newref(args[i]!.type));
    for (let i = 0; i < nkw; i++) items.push(newref(args[npos + i]!.type));
  }
  return newTuple(items);
}


export function createLruCacheTypes(): PyType {
  const linkType = makeBuiltinType('_lru_list_elem', { module: 'functools', baseType: false, basicSize: 56 });
  linkType.dealloc = (o) => {
    const l = o as PyLruLink;
    if (l.owner !== null) {
      // Freed by its dict (cleared on its own, say by the collector): the cache forgets it.
      l.owner.order.delete(l);
      rt.ev.refRemoved(l.owner.serial, l.key.serial, labelSlot('key'));
      rt.ev.refRemoved(l.owner.serial, l.result.serial, labelSlot('result'));
    }
    decref(l.key);
    decref(l.result);
  };
  const newLink = (c: PyLruCache, key: PyObject, result: PyObject): PyLruLink => {
    const l = new PyLruLink(linkType, key, result, c);
    rt.heap.allocate(l, false);
    rt.ev.refAdded(c.serial, key.serial, labelSlot('key'));
    rt.ev.refAdded(c.serial, result.serial, labelSlot('result'));
    return l;
  };

  const t = nativeType('_lru_cache_wrapper', { module: 'functools', gc: true, weakrefable: true, ownDict: true, basicSize: 152 }, (t) => {
    t.newInstance = (type, args, kw) => {
      const [func, maxsize, typed, cacheInfoType] = positional('_lru_cache_wrapper', args, kw, 4, 4);
      if (func!.type.call === null) throw pyError(E.TypeError!, 'the first argument must be callable');
      let max = -1;
      if (maxsize !== None) {
        if (maxsize!.type.number.index === null) throw pyError(E.TypeError!, 'maxsize should be integer or None');
        max = Math.max(0, Number(indexValue(maxsize!)));
      }
      const cache = newDict();
      const mark = rt.state.get('functools.kwd_mark') as PyObject;
      const c = new PyLruCache(type, newref(func!), cache, newref(cacheInfoType!), newref(mark));
      c.maxsize = max;
      c.typed = isTrue(typed!);
      rt.heap.allocate(c, true);
      rt.ev.refAdded(c.serial, func!.serial, labelSlot('__wrapped__'));
      rt.ev.refAdded(c.serial, cache.serial, labelSlot('cache'));
      rt.ev.refAdded(c.serial, cacheInfoType!.serial, labelSlot('cache_info_type'));
      rt.ev.refAdded(c.serial, mark.serial, labelSlot('kwd_mark'));
      return c;
    };
    t.init = () => {};
    t.call = (o, args, kw) => {
      const c = o as PyLruCache;
      try {
        return lruCall(c, args, kw, newLink);
      } finally {
        for (const a of args) decref(a);
      }
    };
    t.descrGet = (d, o) => {
      if (o === null || o === None) return newref(d);
      return newMethod(newref(d), newref(o));
    };
    t.instanceGet = (o, name) => {
      const d = (o as PyLruCache).dict;
      return d ? dictGetStr(d, name) : null;
    };
    t.instanceSet = (o, name, v) => {
      const c = o as PyLruCache;
      if (c.dict === null) {
        if (v === null) return false;
        c.dict = newDict();
        rt.ev.refAdded(c.serial, c.dict.serial, labelSlot('__dict__'));
      }
      if (v === null) return dictDelStr(c.dict, name);
      dictSetSteal(c.dict, internStr(name), v);
      return true;
    };
    t.traverse = (o, visit: Visit) => {
      const c = o as PyLruCache;
      for (const link of c.order) {
        visit(link.key, labelSlot('key'));
        visit(link.result, labelSlot('result'));
      }
      visit(c.cache, labelSlot('cache'));
      visit(c.func, labelSlot('__wrapped__'));
      visit(c.kwdMark, labelSlot('kwd_mark'));
      visit(c.cacheInfoType, labelSlot('cache_info_type'));
      if (c.dict) visit(c.dict, labelSlot('__dict__'));
    };
    t.clear = (o) => {
      const c = o as PyLruCache;
      clearCache(c);
      const d = c.dict;
      if (d) {
        c.dict = null;
        rt.ev.refRemoved(c.serial, d.serial, labelSlot('__dict__'));
        decref(d);
      }
    };
    t.dealloc = (o) => {
      const c = o as PyLruCache;
      // Links outliving the cache (its dict is held elsewhere) hold their references themselves.
      if (c.cache.rc > 1) for (const link of c.order) rehomeLink(link);
      c.order.clear();
      decref(c.cache);
      decref(c.func);
      decref(c.cacheInfoType);
      decref(c.kwdMark);
      xdecref(c.dict);
    };
  });
  defineGetter(t, '__dict__', (o) => {
    const c = o as PyLruCache;
    if (c.dict === null) {
      c.dict = newDict();
      rt.ev.refAdded(c.serial, c.dict.serial, labelSlot('__dict__'));
    }
    return newref(c.dict);
  });
  defineMethods(t, {
    cache_info: (self, args, kw) => {
      noArgs('cache_info', args, kw);
      const c = self as PyLruCache;
      const max = c.maxsize < 0 ? newNone() : newInt(c.maxsize);
      return call(c.cacheInfoType, [newInt(c.hits), newInt(c.misses), max, newInt(c.cache.used)]);
    },
    cache_clear: (self, args, kw) => {
      noArgs('cache_clear', args, kw);
      clearCache(self as PyLruCache);
      return newNone();
    },
    __copy__: (self) => newref(self!),
    __deepcopy__: (self) => newref(self!),
  });
  return t;
}

function clearCache(c: PyLruCache): void {
  c.hits = 0;
  c.misses = 0;
  c.order.clear();
  dictClear(c.cache);
}

/** The cache is going away: the link's references move to the link's own node. */
function rehomeLink(l: PyLruLink): void {
  const c = l.owner!;
  for (const [target, name] of [[l.key, 'key'], [l.result, 'result']] as const) {
    rt.ev.refRemoved(c.serial, target.serial, labelSlot(name));
    rt.ev.refAdded(l.serial, target.serial, labelSlot(name));
  }
  l.owner = null;
}

function lruCall(c: PyLruCache, args: PyObject[], kw: readonly string[] | null, newLink: (c: PyLruCache, k: PyObject, r: PyObject) => PyLruLink): PyObject {
  if (c.maxsize === 0) {
    c.misses++;
    return callBorrowed(c.func, args, kw);
  }
  const key = makeKey(c, args, kw);
  try {
    if (c.maxsize < 0) {
      const hit = dictGet(c.cache, key);
      if (hit !== null) {
        c.hits++;
        return newref(hit);
      }
      c.misses++;
      const result = callBorrowed(c.func, args, kw);
      dictSet(c.cache, key, result);
      return result;
    }
    const found = dictGet(c.cache, key) as PyLruLink | null;
    if (found !== null) {
      c.order.delete(found);
      c.order.add(found);
      c.hits++;
      return newref(found.result);
    }
    c.misses++;
    const result = callBorrowed(c.func, args, kw);
    if (dictGet(c.cache, key) !== null) return result; // added while the function ran
    if (c.cache.used < c.maxsize || c.order.size === 0) {
      const link = newLink(c, newref(key), newref(result));
      dictSet(c.cache, key, link);
      decref(link);
      c.order.add(link);
      return result;
    }
    // Full: reuse the oldest link for the new entry.
    const oldest = c.order.values().next().value as PyLruLink;
    c.order.delete(oldest);
    incref(oldest);
    dictDel(c.cache, oldest.key);
    const oldKey = oldest.key;
    const oldResult = oldest.result;
    rt.ev.refRemoved(c.serial, oldKey.serial, labelSlot('key'));
    rt.ev.refRemoved(c.serial, oldResult.serial, labelSlot('result'));
    oldest.key = newref(key);
    oldest.result = newref(result);
    rt.ev.refAdded(c.serial, key.serial, labelSlot('key'));
    rt.ev.refAdded(c.serial, result.serial, labelSlot('result'));
    dictSet(c.cache, key, oldest);
    c.order.add(oldest);
    decref(oldest);
    decref(oldKey);
    decref(oldResult);
    return result;
  } finally {
    decref(key);
  }
}
