/**
 * Shared sequence behaviour: index normalization, slice arithmetic (PySlice_Unpack and
 * PySlice_AdjustIndices), lexicographic comparison and container repr.
 */
import type { PyObject, RichOp } from './object.js';
import { EQ, NE } from './object.js';
import { pyError } from '../errors.js';
import { E } from './exceptions.js';
import { None } from './singletons.js';
import { PySlice } from './range.js';
import { indexValue, repr, reprEnter, reprLeave, richCompare, richCompareBool, typeName } from '../protocols/abstract.js';
import { newBool } from './int.js';

/** An index operand as a JS number (or a huge value that is out of range anyway). */
export function indexOf(key: PyObject, what: string): number {
  if (key.type.number.index === null && !('v' in key && typeof (key as { v: unknown }).v !== 'string')) {
    throw pyError(E.TypeError!, `${what} indices must be integers or slices, not ${typeName(key)}`);
  }
  const v = indexValue(key);
  return typeof v === 'bigint' ? (v < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER) : v;
}

/** Normalize a possibly negative index; -1 when out of range. */
export function normalizeIndex(i: number, length: number): number {
  if (i < 0) i += length;
  return i >= 0 && i < length ? i : -1;
}

export type SliceIndices = { start: number; stop: number; step: number; length: number };

function sliceBound(o: PyObject): number | null {
  if (o === None) return null;
  const v = indexValue(o);
  return typeof v === 'bigint' ? (v < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER) : v;
}

/** The concrete indices a slice selects in a sequence of `length` items. */
export function sliceIndices(s: PySlice, length: number): SliceIndices {
  let step = s.step === None ? 1 : sliceBound(s.step)!;
  if (step === 0) throw pyError(E.ValueError!, 'slice step cannot be zero');
  if (step < -Number.MAX_SAFE_INTEGER) step = -Number.MAX_SAFE_INTEGER;
  const lower = step < 0 ? -1 : 0;
  const upper = step < 0 ? length - 1 : length;
  const clamp = (v: number | null, dflt: number) => {
    if (v === null) return dflt;
    if (v < 0) {
      v += length;
      return v < lower ? lower : v;
    }
    return v > upper ? upper : v;
  };
  const start = clamp(sliceBound(s.start), step < 0 ? upper : lower);
  const stop = clamp(sliceBound(s.stop), step < 0 ? lower : upper);
  let n = 0;
  if (step > 0) n = start < stop ? Math.floor((stop - start - 1) / step) + 1 : 0;
  else n = start > stop ? Math.floor((start - stop - 1) / -step) + 1 : 0;
  return { start, stop, step, length: n };
}

/** Items selected by slice indices (borrowed). */
export function sliceItems<T>(items: readonly T[], s: SliceIndices): T[] {
  if (s.step === 1) return items.slice(s.start, s.start + s.length);
  const out: T[] = [];
  for (let i = 0, j = s.start; i < s.length; i++, j += s.step) out.push(items[j]!);
  return out;
}

/** Lexicographic comparison of two item arrays (list_richcompare / tuplerichcompare). */
export function compareSequences(a: readonly PyObject[], b: readonly PyObject[], op: RichOp): PyObject {
  if (a.length !== b.length && (op === EQ || op === NE)) return newBool(op === NE);
  let i = 0;
  for (; i < a.length && i < b.length; i++) {
    if (!richCompareBool(a[i]!, b[i]!, EQ)) break;
  }
  if (i >= a.length || i >= b.length) {
    const c = a.length - b.length;
    return newBool([c < 0, c <= 0, c === 0, c !== 0, c > 0, c >= 0][op]!);
  }
  if (op === EQ) return newBool(false);
  if (op === NE) return newBool(true);
  return richCompare(a[i]!, b[i]!, op);
}

/** "[a, b]" / "(a, b)" with the recursion guard for self-containing containers. */
export function sequenceRepr(self: PyObject, items: readonly PyObject[], open: string, close: string, empty: string, recursive: string): string {
  if (!items.length) return empty;
  if (!reprEnter(self)) return recursive;
  try {
    const parts: string[] = [];
    // items may change while repr runs Python code; snapshot like CPython re-reads
    for (let i = 0; i < items.length; i++) parts.push(repr(items[i]!));
    return open + parts.join(', ') + close;
  } finally {
    reprLeave(self);
  }
}
