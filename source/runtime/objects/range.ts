/**
 * range and slice objects (immutable, not GC-tracked; range is always 48 bytes).
 */
import { PyObject, type PyType, type Visit } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { decref } from '../heap/refcount.js';
import type { IntValue } from './int.js';
import { makeSlot, SlotKind } from '../../events/kinds.js';
import { attrSlot } from './slot-labels.js';

export class PyRange extends PyObject {
  constructor(
    type: PyType,
    readonly start: IntValue,
    readonly stop: IntValue,
    readonly step: IntValue,
    readonly length: IntValue,
  ) {
    super(type);
  }
}

export class PySlice extends PyObject {
  constructor(
    type: PyType,
    readonly start: PyObject,
    readonly stop: PyObject,
    readonly step: PyObject,
  ) {
    super(type);
  }
}

export let rangeType: PyType;
export let sliceType: PyType;

export function initRangeTypes(): void {
  rangeType = makeBuiltinType('range', { baseType: false, basicSize: 48 });
  sliceType = makeBuiltinType('slice', { baseType: false, gc: true, basicSize: 40 });
  sliceType.traverse = (o, visit: Visit) => {
    const s = o as PySlice;
    visit(s.start, attrSlot('start'));
    visit(s.stop, attrSlot('stop'));
    visit(s.step, attrSlot('step'));
  };
  sliceType.dealloc = (o) => {
    const s = o as PySlice;
    decref(s.step);
    decref(s.stop);
    decref(s.start);
  };
}

/** len(range(start, stop, step)) as CPython computes it. */
export function rangeLength(start: IntValue, stop: IntValue, step: IntValue): IntValue {
  if (typeof start === 'number' && typeof stop === 'number' && typeof step === 'number') {
    if (step > 0) return start < stop ? Math.floor((stop - start - 1) / step) + 1 : 0;
    return start > stop ? Math.floor((start - stop - 1) / -step) + 1 : 0;
  }
  const a = BigInt(start);
  const b = BigInt(stop);
  const s = BigInt(step);
  let n: bigint;
  if (s > 0n) n = a < b ? (b - a - 1n) / s + 1n : 0n;
  else n = a > b ? (a - b - 1n) / -s + 1n : 0n;
  return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

export function newRange(start: IntValue, stop: IntValue, step: IntValue): PyRange {
  const r = new PyRange(rangeType, start, stop, step, rangeLength(start, stop, step));
  rt.heap.allocate(r, false);
  return r;
}

/** A slice object (steals the three references). */
export function newSlice(start: PyObject, stop: PyObject, step: PyObject): PySlice {
  const s = new PySlice(sliceType, start, stop, step);
  rt.heap.allocate(s, true);
  const strings = rt.ev.strings;
  rt.ev.refAdded(s.serial, start.serial, makeSlot(SlotKind.Attribute, strings.intern('start')));
  rt.ev.refAdded(s.serial, stop.serial, makeSlot(SlotKind.Attribute, strings.intern('stop')));
  rt.ev.refAdded(s.serial, step.serial, makeSlot(SlotKind.Attribute, strings.intern('step')));
  return s;
}
