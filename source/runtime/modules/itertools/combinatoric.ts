/**
 * itertools.product, permutations, combinations and combinations_with_replacement: the
 * pools are tuples held in the iterator's buffer; their index arrays count in sizeof as
 * in CPython (product 48 + 8 per pool, permutations 64 + 8·(n + r), combinations 56 + 8·r).
 */
import type { PyObject, PyType } from '../../objects/object.js';
import { PyItertool, itertoolType, bufPush } from './base.js';
import { decref, newref } from '../../heap/refcount.js';
import { pyError } from '../../errors.js';
import { E } from '../../objects/exceptions.js';
import { None } from '../../objects/singletons.js';
import { PyTuple, newTuple } from '../../objects/tuple.js';
import { bindArgs } from '../../builtins/args.js';
import { indexValue, iterateToArray } from '../../protocols/abstract.js';

/** tuple(iterable), owned. */
function poolOf(o: PyObject): PyTuple {
  if (o instanceof PyTuple && o.type.name === 'tuple') return newref(o);
  return newTuple(iterateToArray(o));
}

function items(o: PyItertool): PyObject[] {
  return o.buf.length ? (o.buf[0] as PyTuple).items : [];
}

function resultFrom(pool: PyObject[], indices: number[], count: number): PyTuple {
  const out: PyObject[] = [];
  for (let i = 0; i < count; i++) out.push(newref(pool[indices[i]!]!));
  return newTuple(out);
}

export function createCombinatoricTypes(): Record<string, PyType> {
  const types: Record<string, PyType> = {};

  // product: buf = pools; idx = current indices; n[0] = 0 before the first result
  types.product = itertoolType('product', {
    slots: [],
    basicSize: 48,
    extraSize: (o) => 8 * o.buf.length,
    init: (o, args, kw) => {
      const nkw = kw ? kw.length : 0;
      let repeat = 1;
      for (let i = 0; i < nkw; i++) {
        if (kw![i] !== 'repeat') throw pyError(E.TypeError!, `'${kw![i]}' is an invalid keyword argument for product()`);
        repeat = Number(indexValue(args[args.length - nkw + i]!));
        if (repeat < 0) throw pyError(E.ValueError!, 'repeat argument cannot be negative');
      }
      const pools = args.slice(0, args.length - nkw).map(poolOf);
      for (let r = 0; r < repeat; r++) for (const p of pools) bufPush(o, newref(p));
      for (const p of pools) decref(p);
      o.idx = o.buf.map(() => 0);
      o.n = [0];
    },
    next: (o) => {
      if (o.done) return null;
      const pools = o.buf as PyTuple[];
      if (o.n[0] === 0) {
        o.n[0] = 1;
        if (pools.some((p) => p.items.length === 0)) {
          o.done = true;
          return null;
        }
        return newTuple(pools.map((p) => newref(p.items[0]!)));
      }
      let i = pools.length - 1;
      for (; i >= 0; i--) {
        o.idx[i]!++;
        if (o.idx[i]! < pools[i]!.items.length) break;
        o.idx[i] = 0;
      }
      if (i < 0) {
        o.done = true;
        return null;
      }
      return newTuple(pools.map((p, k) => newref(p.items[o.idx[k]!]!)));
    },
  });

  // permutations: buf = [pool]; idx = indices; n = [r, started]; cycles kept in `cycles`
  types.permutations = itertoolType('permutations', {
    slots: [],
    basicSize: 64,
    extraSize: (o) => 8 * (items(o).length + (o.n[0] ?? 0)),
    init: (o, args, kw) => {
      const [iterable, rArg] = bindArgs('permutations', args, kw, ['iterable', 'r'], 1);
      const pool = poolOf(iterable!);
      bufPush(o, pool);
      const n = pool.items.length;
      let r = n;
      if (rArg !== undefined && rArg !== None) {
        r = Number(indexValue(rArg));
        if (r < 0) throw pyError(E.ValueError!, 'r must be non-negative');
      }
      o.idx = Array.from({ length: n }, (_, i) => i);
      o.n = [r, 0];
      cycles.set(o, Array.from({ length: r }, (_, i) => n - i));
      if (r > n) o.done = true;
    },
    next: (o) => {
      if (o.done) return null;
      const pool = items(o);
      const n = pool.length;
      const r = o.n[0]!;
      const cyc = cycles.get(o)!;
      if (o.n[1] === 0) {
        o.n[1] = 1;
        return resultFrom(pool, o.idx, r);
      }
      if (n === 0) {
        o.done = true;
        return null;
      }
      for (let i = r - 1; i >= 0; i--) {
        cyc[i]!--;
        if (cyc[i] === 0) {
          const moved = o.idx[i]!;
          o.idx.splice(i, 1);
          o.idx.push(moved);
          cyc[i] = n - i;
        } else {
          const j = cyc[i]!;
          const a = o.idx[i]!;
          o.idx[i] = o.idx[n - j]!;
          o.idx[n - j] = a;
          return resultFrom(pool, o.idx, r);
        }
      }
      o.done = true;
      return null;
    },
  });

  const combinationsType = (name: string, withReplacement: boolean) =>
    itertoolType(name, {
      slots: [],
      basicSize: 56,
      extraSize: (o) => 8 * (o.n[0] ?? 0),
      init: (o, args, kw) => {
        const [iterable, rArg] = bindArgs(name, args, kw, ['iterable', 'r'], 2);
        const pool = poolOf(iterable!);
        bufPush(o, pool);
        const r = Number(indexValue(rArg!));
        if (r < 0) throw pyError(E.ValueError!, 'r must be non-negative');
        const n = pool.items.length;
        o.n = [r, 0];
        o.idx = Array.from({ length: r }, (_, i) => (withReplacement ? 0 : i));
        if ((!withReplacement && r > n) || (withReplacement && n === 0 && r > 0)) o.done = true;
      },
      next: (o) => {
        if (o.done) return null;
        const pool = items(o);
        const n = pool.length;
        const r = o.n[0]!;
        if (o.n[1] === 0) {
          o.n[1] = 1;
          return resultFrom(pool, o.idx, r);
        }
        let i = r - 1;
        if (withReplacement) {
          while (i >= 0 && o.idx[i] === n - 1) i--;
          if (i < 0) {
            o.done = true;
            return null;
          }
          const v = o.idx[i]! + 1;
          for (let j = i; j < r; j++) o.idx[j] = v;
        } else {
          while (i >= 0 && o.idx[i] === i + n - r) i--;
          if (i < 0) {
            o.done = true;
            return null;
          }
          o.idx[i]!++;
          for (let j = i + 1; j < r; j++) o.idx[j] = o.idx[j - 1]! + 1;
        }
        return resultFrom(pool, o.idx, r);
      },
    });
  types.combinations = combinationsType('combinations', false);
  types.combinations_with_replacement = combinationsType('combinations_with_replacement', true);
  return types;
}

const cycles = new WeakMap<PyItertool, number[]>();
