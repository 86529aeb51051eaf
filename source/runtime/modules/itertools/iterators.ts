/**
 * The itertools iterators (Modules/itertoolsmodule.c), each as an itertoolType spec:
 * infinite ones (count, cycle, repeat), the terminating ones (accumulate, chain,
 * compress, dropwhile, takewhile, filterfalse, groupby, islice, pairwise, starmap,
 * zip_longest) and tee. Combinatoric ones are in combinatoric.ts.
 */
import type { PyObject, PyType } from '../../objects/object.js';
import { PyItertool, itertoolType, setRef, bufPush, bufSet, bufDropFront } from './base.js';
import { rt } from '../../runtime.js';
import { decref, incref, newref } from '../../heap/refcount.js';
import { pyError, PyRaise } from '../../errors.js';
import { E } from '../../objects/exceptions.js';
import { None, newNone } from '../../objects/singletons.js';
import { PyInt, newInt, intType, boolType } from '../../objects/int.js';
import { floatType } from '../../objects/float.js';
import { complexType } from '../../objects/complex.js';
import { newTuple, newEmptyTuple, PyTuple } from '../../objects/tuple.js';
import { bindArgs, defineMethods, defineClassMethods, noKeywords, positional } from '../../builtins/args.js';
import { binaryOp, call, callBorrowed, getIter, iterNext, indexValue, isTrue, repr, richCompareBool, EQ } from '../../protocols/abstract.js';

const MAX_SIZE = Number.MAX_SAFE_INTEGER;

function isNumber(o: PyObject): boolean {
  const t = o.type;
  return t === intType || t === boolType || t === floatType || t === complexType || t.number.index !== null || t.number.float !== null || t.number.add !== null;
}


/** Truth of pred(x), or of x itself when pred is None/bool. */
function predicate(pred: PyObject, x: PyObject): boolean {
  if (pred === None || pred === boolType) return isTrue(x);
  const r = callBorrowed(pred, [x]);
  try {
    return isTrue(r);
  } finally {
    decref(r);
  }
}

/** next() of the iterator in slot i, clearing the slot at exhaustion. */
function nextFrom(o: PyItertool, i: number): PyObject | null {
  const it = o.refs[i];
  if (!it) return null;
  const v = iterNext(it);
  if (v === null) setRef(o, i, null);
  return v;
}

export function createIteratorTypes(): Record<string, PyType> {
  const types: Record<string, PyType> = {};

  // ---- count(start=0, step=1): slots [value, step]
  types.count = itertoolType('count', {
    slots: ['start', 'step'],
    basicSize: 40,
    init: (o, args, kw) => {
      const [start, step] = bindArgs('count', args, kw, ['start', 'step'], 0);
      const s = start ?? newInt(0);
      const d = step ?? newInt(1);
      if (!isNumber(s) || !isNumber(d)) {
        if (!start) decref(s);
        if (!step) decref(d);
        throw pyError(E.TypeError!, 'a number is required');
      }
      setRef(o, 0, start ? newref(s) : s);
      setRef(o, 1, step ? newref(d) : d);
    },
    next: (o) => {
      const current = newref(o.refs[0]!);
      try {
        setRef(o, 0, binaryOp(current, o.refs[1]!, 'add'));
      } catch (e) {
        decref(current);
        throw e;
      }
      return current;
    },
    repr: (o) => {
      const step = o.refs[1]!;
      const isOne = step instanceof PyInt && (step.type === intType || step.type === boolType) && Number(step.v) === 1;
      return isOne ? `${o.type.name}(${repr(o.refs[0]!)})` : `${o.type.name}(${repr(o.refs[0]!)}, ${repr(step)})`;
    },
  });

  // ---- cycle(iterable): slots [it]; buf = saved items; n[0] = index in the saved items
  types.cycle = itertoolType('cycle', {
    slots: ['it'],
    basicSize: 48,
    init: (o, args, kw) => {
      const [iterable] = positional('cycle', args, kw, 1, 1);
      setRef(o, 0, getIter(iterable!));
      o.n = [0];
    },
    next: (o) => {
      if (o.refs[0]) {
        const v = nextFrom(o, 0);
        if (v !== null) {
          bufPush(o, newref(v));
          return v;
        }
      }
      if (!o.buf.length) return null;
      const v = o.buf[o.n[0]!]!;
      o.n[0] = (o.n[0]! + 1) % o.buf.length;
      return newref(v);
    },
  });

  // ---- repeat(object, times=None): slots [element]; n[0] = remaining (-1 forever)
  types.repeat = itertoolType('repeat', {
    slots: ['element'],
    basicSize: 32,
    init: (o, args, kw) => {
      const [element, times] = bindArgs('repeat', args, kw, ['object', 'times'], 1);
      let n = -1;
      if (times !== undefined) n = Math.max(0, Number(indexValue(times)));
      setRef(o, 0, newref(element!));
      o.n = [n];
    },
    next: (o) => {
      if (o.n[0] === 0) return null;
      if (o.n[0]! > 0) o.n[0]!--;
      return newref(o.refs[0]!);
    },
    repr: (o) => (o.n[0]! < 0 ? `repeat(${repr(o.refs[0]!)})` : `repeat(${repr(o.refs[0]!)}, ${o.n[0]})`),
  });
  defineMethods(types.repeat, {
    __length_hint__: (self) => {
      const n = (self as PyItertool).n[0]!;
      if (n < 0) throw pyError(E.TypeError!, 'len() of unsized object');
      return newInt(n);
    },
  });

  // ---- accumulate(iterable, func=None, *, initial=None): slots [it, func, total, initial]
  types.accumulate = itertoolType('accumulate', {
    slots: ['it', 'func', 'total', 'initial'],
    basicSize: 48,
    init: (o, args, kw) => {
      const [iterable, func, initial] = bindArgs('accumulate', args, kw, ['iterable', 'func', 'initial'], 1, 2);
      setRef(o, 0, getIter(iterable!));
      if (func && func !== None) setRef(o, 1, newref(func));
      if (initial && initial !== None) setRef(o, 3, newref(initial));
    },
    next: (o) => {
      if (o.refs[3]) {
        const first = o.refs[3]!;
        incref(first);
        setRef(o, 3, null);
        setRef(o, 2, newref(first));
        return first;
      }
      const v = nextFrom(o, 0);
      if (v === null) return null;
      const total = o.refs[2];
      if (!total) {
        setRef(o, 2, newref(v));
        return v;
      }
      let next: PyObject;
      try {
        next = o.refs[1] ? callBorrowed(o.refs[1]!, [total, v]) : binaryOp(total, v, 'add');
      } finally {
        decref(v);
      }
      setRef(o, 2, newref(next));
      return next;
    },
  });

  // ---- chain(*iterables) and chain.from_iterable(iterable): slots [source, active]
  types.chain = itertoolType('chain', {
    slots: ['source', 'active'],
    basicSize: 32,
    init: (o, args, kw) => {
      if (kw && kw.length) throw pyError(E.TypeError!, 'chain() takes no keyword arguments');
      const t = newTuple(args.map((a) => newref(a)));
      try {
        setRef(o, 0, getIter(t));
      } finally {
        decref(t);
      }
    },
    next: (o) => {
      for (;;) {
        if (!o.refs[1]) {
          if (!o.refs[0]) return null;
          const iterable = nextFrom(o, 0);
          if (iterable === null) return null;
          try {
            setRef(o, 1, getIter(iterable));
          } catch (e) {
            setRef(o, 0, null);
            throw e;
          } finally {
            decref(iterable);
          }
        }
        const v = nextFrom(o, 1);
        if (v !== null) return v;
      }
    },
  });
  const chainType = types.chain;
  defineClassMethods(chainType, {
    from_iterable: (cls, args, kw) => {
      const [iterable] = positional('from_iterable', args, kw, 1, 1);
      const o = new PyItertool(cls as PyType, ['source', 'active']);
      rt.heap.allocate(o, true);
      try {
        setRef(o, 0, getIter(iterable!));
      } catch (e) {
        decref(o);
        throw e;
      }
      return o;
    },
  });

  // ---- compress(data, selectors): slots [data, selectors]
  types.compress = itertoolType('compress', {
    slots: ['data', 'selectors'],
    basicSize: 32,
    init: (o, args, kw) => {
      const [data, selectors] = bindArgs('compress', args, kw, ['data', 'selectors'], 2);
      setRef(o, 0, getIter(data!));
      setRef(o, 1, getIter(selectors!));
    },
    next: (o) => {
      for (;;) {
        const d = o.refs[0] ? iterNext(o.refs[0]) : null;
        if (d === null) return null;
        const s = o.refs[1] ? iterNext(o.refs[1]) : null;
        if (s === null) {
          decref(d);
          return null;
        }
        const keep = isTrue(s);
        decref(s);
        if (keep) return d;
        decref(d);
      }
    },
  });

  // ---- dropwhile / takewhile / filterfalse(predicate, iterable): slots [func, it]; n[0] = state
  const predicateTool = (name: string, basicSize: number, step: (o: PyItertool) => PyObject | null) =>
    itertoolType(name, {
      slots: ['func', 'it'],
      basicSize,
      init: (o, args, kw) => {
        noKeywords(name, kw);
        const [func, iterable] = positional(name, args, kw, 2, 2);
        setRef(o, 0, newref(func!));
        setRef(o, 1, getIter(iterable!));
        o.n = [0];
      },
      next: step,
    });
  types.dropwhile = predicateTool('dropwhile', 40, (o) => {
    for (;;) {
      const v = o.refs[1] ? iterNext(o.refs[1]) : null;
      if (v === null) return null;
      if (o.n[0]) return v;
      let drop: boolean;
      try {
        drop = predicate(o.refs[0]!, v);
      } catch (e) {
        decref(v);
        throw e;
      }
      if (!drop) {
        o.n[0] = 1;
        return v;
      }
      decref(v);
    }
  });
  types.takewhile = predicateTool('takewhile', 40, (o) => {
    if (o.n[0]) return null;
    const v = o.refs[1] ? iterNext(o.refs[1]) : null;
    if (v === null) return null;
    let take: boolean;
    try {
      take = predicate(o.refs[0]!, v);
    } catch (e) {
      decref(v);
      throw e;
    }
    if (take) return v;
    decref(v);
    o.n[0] = 1;
    return null;
  });
  types.filterfalse = predicateTool('filterfalse', 32, (o) => {
    for (;;) {
      const v = o.refs[1] ? iterNext(o.refs[1]) : null;
      if (v === null) return null;
      let truth: boolean;
      try {
        truth = predicate(o.refs[0]!, v);
      } catch (e) {
        decref(v);
        throw e;
      }
      if (!truth) return v;
      decref(v);
    }
  });

  // ---- islice(iterable, stop) / islice(iterable, start, stop[, step]): slots [it]; n = [next, stop, step, cnt]
  types.islice = itertoolType('islice', {
    slots: ['it'],
    basicSize: 56,
    init: (o, args, kw) => {
      noKeywords('islice', kw);
      positional('islice', args, kw, 2, 4);
      const bound = (v: PyObject | undefined, what: string): number => {
        if (v === undefined || v === None) return -1;
        let x: number;
        try {
          x = Number(indexValue(v));
        } catch (e) {
          if (!(e instanceof PyRaise)) throw e;
          decref(e.exc);
          x = -1;
        }
        if (x < 0 || x > MAX_SIZE) throw pyError(E.ValueError!, what);
        return x;
      };
      let start = 0;
      let stop = -1;
      let step = 1;
      if (args.length === 2) {
        stop = bound(args[1], 'Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.');
      } else {
        const indices = 'Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.';
        start = args[1] === None ? 0 : bound(args[1], indices);
        stop = bound(args[2], indices);
        if (args.length === 4 && args[3] !== None) {
          let s = -1;
          try {
            s = Number(indexValue(args[3]!));
          } catch (e) {
            if (!(e instanceof PyRaise)) throw e;
            decref(e.exc);
          }
          if (s <= 0) throw pyError(E.ValueError!, 'Step for islice() must be a positive integer or None.');
          step = s;
        }
      }
      setRef(o, 0, getIter(args[0]!));
      o.n = [start, stop, step, 0];
    },
    next: (o) => {
      const it = o.refs[0];
      if (!it) return null;
      const stop = o.n[1]!;
      while (o.n[3]! < o.n[0]!) {
        const skipped = iterNext(it);
        if (skipped === null) {
          setRef(o, 0, null);
          return null;
        }
        decref(skipped);
        o.n[3]!++;
      }
      if (stop !== -1 && o.n[3]! >= stop) {
        setRef(o, 0, null);
        return null;
      }
      const v = iterNext(it);
      if (v === null) {
        setRef(o, 0, null);
        return null;
      }
      o.n[3]!++;
      const old = o.n[0]!;
      o.n[0] = old + o.n[2]!;
      if (o.n[0]! < old || (stop !== -1 && o.n[0]! > stop)) o.n[0] = stop;
      return v;
    },
  });

  // ---- pairwise(iterable): slots [it, old]
  types.pairwise = itertoolType('pairwise', {
    slots: ['it', 'old'],
    basicSize: 32,
    init: (o, args, kw) => {
      noKeywords('pairwise', kw);
      const [iterable] = positional('pairwise', args, kw, 1, 1);
      setRef(o, 0, getIter(iterable!));
    },
    next: (o) => {
      if (!o.refs[0]) return null;
      if (!o.refs[1]) {
        const first = nextFrom(o, 0);
        if (first === null) return null;
        setRef(o, 1, first);
      }
      const v = nextFrom(o, 0);
      if (v === null) {
        setRef(o, 1, null);
        return null;
      }
      const old = newref(o.refs[1]!);
      setRef(o, 1, newref(v));
      return newTuple([old, v]);
    },
  });

  // ---- starmap(function, iterable): slots [func, it]
  types.starmap = itertoolType('starmap', {
    slots: ['func', 'it'],
    basicSize: 32,
    init: (o, args, kw) => {
      noKeywords('starmap', kw);
      const [func, iterable] = positional('starmap', args, kw, 2, 2);
      setRef(o, 0, newref(func!));
      setRef(o, 1, getIter(iterable!));
    },
    next: (o) => {
      const v = o.refs[1] ? iterNext(o.refs[1]) : null;
      if (v === null) return null;
      let items: PyObject[];
      try {
        items = v instanceof PyTuple ? v.items.map((x) => newref(x)) : iterateAll(v);
      } finally {
        decref(v);
      }
      return call(o.refs[0]!, items);
    },
  });

  // ---- zip_longest(*iterables, fillvalue=None): slots [fillvalue]; buf = iterators (None when done); n[0] = active
  types.zip_longest = itertoolType('zip_longest', {
    slots: ['fillvalue'],
    basicSize: 56,
    init: (o, args, kw) => {
      const nkw = kw ? kw.length : 0;
      let fill: PyObject = None;
      for (let i = 0; i < nkw; i++) {
        if (kw![i] !== 'fillvalue') throw pyError(E.TypeError!, 'zip_longest() got an unexpected keyword argument');
        fill = args[args.length - nkw + i]!;
      }
      setRef(o, 0, newref(fill));
      for (let i = 0; i < args.length - nkw; i++) bufPush(o, getIter(args[i]!));
      o.n = [args.length - nkw];
    },
    next: (o) => {
      if (o.buf.length === 0 || o.n[0] === 0) return null;
      const out: PyObject[] = [];
      for (let i = 0; i < o.buf.length; i++) {
        const it = o.buf[i]!;
        let v: PyObject | null = null;
        if (it !== None) {
          try {
            v = iterNext(it);
          } catch (e) {
            out.forEach((x) => decref(x));
            throw e;
          }
          if (v === null) {
            o.n[0]!--;
            if (o.n[0] === 0) {
              out.forEach((x) => decref(x));
              return null;
            }
            bufSet(o, i, newNone());
          }
        }
        out.push(v ?? newref(o.refs[0]!));
      }
      return newTuple(out);
    },
  });

  // ---- groupby(iterable, key=None): slots [it, keyfunc, tgtkey, currkey, currvalue, currgrouper]
  const grouperType = nativeTypeGrouper();
  types._grouper = grouperType;
  types.groupby = itertoolType('groupby', {
    slots: ['it', 'keyfunc', 'tgtkey', 'currkey', 'currvalue'],
    basicSize: 64,
    init: (o, args, kw) => {
      const [iterable, key] = bindArgs('groupby', args, kw, ['iterable', 'key'], 1);
      setRef(o, 0, getIter(iterable!));
      if (key && key !== None) setRef(o, 1, newref(key));
    },
    next: (o) => {
      o.borrowed = null;
      // Skip the rest of the current group.
      for (;;) {
        if (o.refs[3] !== null) {
          if (o.refs[2] === null || !richCompareBool(o.refs[2]!, o.refs[3]!, EQ)) break;
        }
        if (!groupbyStep(o)) return null;
      }
      setRef(o, 2, newref(o.refs[3]!));
      const g = newGrouper(grouperType, o);
      o.borrowed = g;
      return newTuple([newref(o.refs[3]!), g]);
    },
  });

  // ---- tee(iterable, n=2) → n _tee objects over one shared _tee_dataobject
  types._tee = createTeeTypes();
  return types;
}

function iterateAll(o: PyObject): PyObject[] {
  const it = getIter(o);
  const out: PyObject[] = [];
  try {
    for (let x = iterNext(it); x !== null; x = iterNext(it)) out.push(x);
  } finally {
    decref(it);
  }
  return out;
}

/** Advance a groupby to its next item: currvalue and currkey. False when exhausted. */
function groupbyStep(o: PyItertool): boolean {
  const v = nextFrom(o, 0);
  if (v === null) return false;
  let key: PyObject;
  try {
    key = o.refs[1] ? callBorrowed(o.refs[1]!, [v]) : newref(v);
  } catch (e) {
    decref(v);
    throw e;
  }
  setRef(o, 4, v);
  setRef(o, 3, key);
  return true;
}

// ---------------------------------------------------------------- groupby's _grouper

function nativeTypeGrouper(): PyType {
  return itertoolType('_grouper', {
    slots: ['parent', 'tgtkey'],
    basicSize: 32,
    baseType: false,
    init: () => {
      throw pyError(E.TypeError!, "cannot create 'itertools._grouper' instances");
    },
    next: (o) => {
      const gb = o.refs[0] as PyItertool | null;
      if (!gb || gb.borrowed !== o) return null;
      if (gb.refs[4] === null) {
        if (!groupbyStep(gb)) return null;
      }
      if (!richCompareBool(o.refs[1]!, gb.refs[3]!, EQ)) return null;
      const v = newref(gb.refs[4]!);
      setRef(gb, 4, null);
      setRef(gb, 3, null);
      return v;
    },
  });
}

function newGrouper(type: PyType, parent: PyItertool): PyItertool {
  const g = new PyItertool(type, ['parent', 'tgtkey']);
  rt.heap.allocate(g, true);
  setRef(g, 0, newref(parent));
  setRef(g, 1, newref(parent.refs[2]!));
  return g;
}

// ---------------------------------------------------------------- tee

/** One _tee: slot [data] (the shared buffer object); n[0] = position in the shared stream. */
function createTeeTypes(): PyType {
  const dataType = itertoolType('_tee_dataobject', {
    slots: ['it'],
    basicSize: 480,
    baseType: false,
    init: () => {
      throw pyError(E.TypeError!, "cannot create 'itertools._tee_dataobject' instances");
    },
    next: () => null,
  });
  const teeType = itertoolType('_tee', {
    slots: ['dataobj'],
    basicSize: 40,
    baseType: false,
    init: (o, args, kw) => {
      const [iterable] = positional('_tee', args, kw, 1, 1);
      const data = new PyItertool(dataType, ['it']);
      rt.heap.allocate(data, true);
      data.n = [0]; // stream index of buf[0]
      setRef(o, 0, data);
      setRef(data, 0, getIter(iterable!));
      data.peers = new Set([o]);
      o.n = [0];
    },
    next: (o) => {
      const data = o.refs[0] as PyItertool;
      const pos = o.n[0]!;
      const at = pos - data.n[0]!;
      let v: PyObject;
      if (at < data.buf.length) v = newref(data.buf[at]!);
      else {
        const got = data.refs[0] ? iterNext(data.refs[0]!) : null;
        if (got === null) {
          if (data.refs[0]) setRef(data, 0, null);
          return null;
        }
        bufPush(data, got);
        v = newref(got);
      }
      o.n[0] = pos + 1;
      trimTeeData(data);
      return v;
    },
  });
  defineMethods(teeType, {
    __copy__: (self) => {
      const t = self as PyItertool;
      return newTee(teeType, t.refs[0] as PyItertool, t.n[0]!);
    },
  });
  return teeType;
}

/** Drop buffered items every tee has passed. */
function trimTeeData(data: PyItertool): void {
  if (!data.peers) return;
  let min = Infinity;
  for (const t of data.peers) min = Math.min(min, t.n[0]!);
  const drop = min - data.n[0]!;
  if (drop > 0 && Number.isFinite(drop)) {
    bufDropFront(data, drop);
    data.n[0] = min;
  }
}

/** A new _tee reading `data` from stream position `pos`. */
function newTee(teeType: PyType, data: PyItertool, pos: number): PyItertool {
  const t = new PyItertool(teeType, ['dataobj']);
  rt.heap.allocate(t, true);
  setRef(t, 0, newref(data));
  t.n = [pos];
  data.peers!.add(t);
  return t;
}

/** itertools.tee(iterable, n=2). */
export function tee(teeType: PyType, args: PyObject[], kw: readonly string[] | null): PyObject {
  const [iterable, count] = positional('tee', args, kw, 1, 2);
  const n = count === undefined ? 2 : Number(indexValue(count));
  if (n < 0) throw pyError(E.ValueError!, 'n must be >= 0');
  if (n === 0) return newEmptyTuple();
  const first = call(teeType, [newref(iterable!)]) as PyItertool;
  const data = first.refs[0] as PyItertool;
  const out: PyItertool[] = [first];
  for (let i = 1; i < n; i++) out.push(newTee(teeType, data, 0));
  return newTuple(out);
}

