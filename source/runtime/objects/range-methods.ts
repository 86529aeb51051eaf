/**
 * range behaviour: length, indexing and slicing, membership without iterating,
 * iteration, equality, repr.
 */
import { PyObject, EQ, NE } from './object.js';
import { decref, newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from './exceptions.js';
import { newNotImplemented } from './singletons.js';
import { PyRange, rangeType, newRange, PySlice, sliceType } from './range.js';
import { defineAttribute } from '../builtins/args.js';
import { newGetSetDescriptor } from './descriptors.js';
import { PyInt, intType, boolType, newIntValue, newInt, newBool, addValues, mulValues, subValues, divmodValues, compareValues, big, normalize } from './int.js';
import { newStr } from './str.js';
import { newTuple } from './tuple.js';
import { sliceIndices } from './sequence.js';
import { defineMethods, exactlyOne } from '../builtins/args.js';
import { indexValue, richCompareBool, typeName, repr, richCompare } from '../protocols/abstract.js';
import { newRangeIter } from './iterators.js';
import { lengthHintOf } from './iter-hints.js';
import { hashOf } from '../protocols/abstract.js';
import { None } from './singletons.js';
import { intHash, type IntValue } from './int.js';
import { tupleHashOfHashes } from './list-methods.js';

function itemAt(r: PyRange, i: number | bigint): PyObject {
  return newIntValue(addValues(r.start, mulValues(normalize(BigInt(i)), r.step)));
}

function containsInt(r: PyRange, v: PyInt): boolean {
  const x = v.v;
  const step = r.step;
  if (step > 0) {
    if (compareValues(x, r.start) < 0 || compareValues(x, r.stop) >= 0) return false;
  } else if (compareValues(x, r.start) > 0 || compareValues(x, r.stop) <= 0) return false;
  return divmodValues(subValues(x, r.start), step)[1] === 0;
}

export function installRangeMethods(): void {
  installSliceMethods();
  const t = rangeType;
  t.length = (o) => {
    const n = (o as PyRange).length;
    if (typeof n === 'bigint') throw pyError(E.OverflowError!, 'Python int too large to convert to C ssize_t');
    return n;
  };
  t.iter = (o) => newRangeIter(o as PyRange);
  t.getitem = (o, key) => {
    const r = o as PyRange;
    const n = r.length;
    if (key instanceof PySlice) {
      const s = sliceIndices(key, Number(n));
      const start = addValues(r.start, mulValues(s.start, r.step));
      const step = mulValues(r.step, s.step);
      const stop = addValues(start, mulValues(s.length, step));
      return newRange(start, stop, step);
    }
    let i = big(indexValue(key));
    if (i < 0n) i += big(n);
    if (i < 0n || i >= big(n)) throw pyError(E.IndexError!, 'range object index out of range');
    return itemAt(r, i);
  };
  t.contains = (o, v) => {
    if (v.type === intType || v.type === boolType) return containsInt(o as PyRange, v as PyInt);
    // other objects: compare against every element
    const r = o as PyRange;
    for (let i = 0; i < Number(r.length); i++) {
      const x = itemAt(r, i);
      const eq = richCompareBool(x, v, EQ);
      decref(x);
      if (eq) return true;
    }
    return false;
  };
  t.repr = (o) => {
    const r = o as PyRange;
    return newStr(r.step === 1 ? `range(${r.start}, ${r.stop})` : `range(${r.start}, ${r.stop}, ${r.step})`);
  };
  t.richcompare = (a, b, op) => {
    if (!(a instanceof PyRange) || !(b instanceof PyRange) || (op !== EQ && op !== NE)) return newNotImplemented();
    let eq: boolean;
    if (a.length !== b.length) eq = false;
    else if (a.length === 0) eq = true;
    else if (a.start !== b.start) eq = false;
    else eq = a.length === 1 || a.step === b.step;
    return newBool(op === EQ ? eq : !eq);
  };
  // range_hash: hash((len, start, step)), with None for what an empty or one-item range ignores
  t.hash = (o) => {
    const r = o as PyRange;
    const noneHash = hashOf(None);
    const len = intHash(r.length as IntValue);
    if (Number(r.length) === 0) return tupleHashOfHashes([len, noneHash, noneHash]);
    if (Number(r.length) === 1) return tupleHashOfHashes([len, intHash(r.start), noneHash]);
    return tupleHashOfHashes([len, intHash(r.start), intHash(r.step)]);
  };
  t.number.bool = (o) => (o as PyRange).length !== 0;
  defineMethods(t, {
    count: (self, args, kw) => {
      const v = exactlyOne('count', args, kw);
      return newInt(t.contains!(self!, v) ? 1 : 0);
    },
    index: (self, args, kw) => {
      const v = exactlyOne('index', args, kw);
      const r = self as PyRange;
      if ((v.type === intType || v.type === boolType) && containsInt(r, v as PyInt)) {
        return newIntValue(divmodValues(subValues((v as PyInt).v, r.start), r.step)[0]);
      }
      throw pyError(E.ValueError!, `${typeName(v) === 'int' ? String((v as PyInt).v) : 'value'} is not in range`);
    },
    __reversed__: (self) => {
      const r = self as PyRange;
      const last = addValues(r.start, mulValues(subValues(r.length, 1), r.step));
      const rev = newRange(last, subValues(r.start, r.step), normalize(-big(r.step)));
      try {
        return newRangeIter(rev);
      } finally {
        decref(rev);
      }
    },
    __len__: (self) => newInt(t.length!(self!)),
    __getitem__: (self, args) => t.getitem!(self!, args[0]!),
    __contains__: (self, args) => newBool(t.contains!(self!, args[0]!)),
    __iter__: (self) => t.iter!(self!),
    __reduce__: (self) => newTuple([newref(rangeType), newTuple([newIntValue((self as PyRange).start), newIntValue((self as PyRange).stop), newIntValue((self as PyRange).step)])]),
  });
  void lengthHintOf;
}

// ---------------------------------------------------------------- slice

function installSliceMethods(): void {
  const t = sliceType;
  const parts = (o: PyObject) => [(o as PySlice).start, (o as PySlice).stop, (o as PySlice).step];
  t.repr = (o) => newStr(`slice(${parts(o).map((x) => repr(x)).join(', ')})`);
  // slices compare as the tuples (start, stop, step)
  t.richcompare = (a, b, op) => {
    if (!(b instanceof PySlice)) return newNotImplemented();
    const ta = newTuple(parts(a).map((x) => newref(x)));
    const tb = newTuple(parts(b).map((x) => newref(x)));
    try {
      return richCompare(ta, tb, op);
    } finally {
      decref(ta);
      decref(tb);
    }
  };
  for (const [i, name] of ['start', 'stop', 'step'].entries()) {
    defineAttribute(t, name, newGetSetDescriptor(name, t, (o) => newref(parts(o)[i]!), null));
  }
  defineMethods(t, {
    indices: (self, args, kw) => {
      const n = indexValue(exactlyOne('indices', args, kw));
      if (n < 0) throw pyError(E.ValueError!, 'length should not be negative');
      const r = sliceIndices(self as PySlice, Number(n));
      return newTuple([newInt(r.start), newInt(r.stop), newInt(r.step)]);
    },
    __reduce__: (self) => newTuple([newref(t), newTuple(parts(self!).map((x) => newref(x)))]),
  });
}
