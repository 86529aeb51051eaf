/**
 * __length_hint__ of the builtin iterators, which decides how list(iterator) presizes.
 */
import type { PyObject } from './object.js';
import { defineMethods } from '../builtins/args.js';
import { newInt } from './int.js';
import { listIterType, tupleIterType, rangeIterType, PySeqIter, PyRangeIter, listRevIterType } from './iterators.js';
import { PyList } from './list.js';
import { PyTuple } from './tuple.js';

export function lengthHintOf(o: PyObject): number {
  if (o instanceof PyRangeIter) return o.length - o.i;
  if (o instanceof PySeqIter) {
    if (o.seq === null) return 0;
    if (o.type === listRevIterType) return o.index + 1;
    const items = (o.seq as PyList | PyTuple).items;
    return items ? Math.max(0, items.length - o.index) : 0;
  }
  return 0;
}

export function installIteratorHints(): void {
  for (const t of [listIterType, tupleIterType, rangeIterType, listRevIterType]) {
    defineMethods(t, { __length_hint__: (self) => newInt(lengthHintOf(self!)) });
  }
}
