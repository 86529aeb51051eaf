/**
 * The shape shared by the itertools iterators: a few owned references in named slots
 * (reported to the event log as labelled references, visited by the collector) plus an
 * owned buffer of items (cycle's saved items, product's pools, tee's queue), and the
 * plain numbers of their state. Sizes are CPython 3.11's tp_basicsize (+16 GC header
 * added by getsizeof), measured with sys.getsizeof.
 */
import { PyObject, PyType, type Visit } from '../../objects/object.js';
import { nativeType } from '../../objects/native-type.js';
import { rt } from '../../runtime.js';
import { decref, newref, xdecref } from '../../heap/refcount.js';
import { indexSlot } from '../../objects/tuple.js';
import { newStr } from '../../objects/str.js';
import { labelSlot } from '../../objects/slot-labels.js';

export class PyItertool extends PyObject {
  /** Owned references by slot (null when empty). */
  readonly refs: (PyObject | null)[];
  /** Owned buffered items. */
  buf: PyObject[] = [];
  /** Numeric state (counters, indices). */
  n: number[] = [];
  /** Index bookkeeping of the combinatoric iterators. */
  idx: number[] = [];
  /** Exhausted (the combinatoric iterators). */
  done = false;
  /** A borrowed pointer (groupby's current _grouper). */
  borrowed: PyObject | null = null;
  /** The _tee objects reading a _tee_dataobject, to know which items all have passed. */
  peers: Set<PyItertool> | null = null;
  constructor(
    type: PyType,
    readonly slotNames: readonly string[],
  ) {
    super(type);
    this.refs = slotNames.map(() => null);
  }
}

export type ItertoolSpec = {
  /** Names of the reference slots, in order. */
  slots: readonly string[];
  basicSize: number;
  baseType?: boolean;
  module?: string;
  /** Build an instance: fill refs (owned) and state. */
  init: (o: PyItertool, args: PyObject[], kw: readonly string[] | null) => void;
  next: (o: PyItertool) => PyObject | null;
  repr?: (o: PyItertool) => string;
  /** Extra bytes beyond basicSize (arrays of indices). */
  extraSize?: (o: PyItertool) => number;
};

/** Store `v` (stolen) in slot i, reporting the change; the old value is released last. */
export function setRef(o: PyItertool, i: number, v: PyObject | null): void {
  const old = o.refs[i];
  o.refs[i] = v;
  const label = labelSlot(o.slotNames[i]!);
  if (old) rt.ev.refRemoved(o.serial, old.serial, label);
  if (v) rt.ev.refAdded(o.serial, v.serial, label);
  xdecref(old);
}

/** Append an owned item to the buffer. */
export function bufPush(o: PyItertool, v: PyObject): void {
  o.buf.push(v);
  rt.ev.refAdded(o.serial, v.serial, indexSlot(o.buf.length - 1));
}

/** Replace buffered item i with `v` (stolen). */
export function bufSet(o: PyItertool, i: number, v: PyObject): void {
  const old = o.buf[i]!;
  o.buf[i] = v;
  rt.ev.refRemoved(o.serial, old.serial, indexSlot(i));
  rt.ev.refAdded(o.serial, v.serial, indexSlot(i));
  decref(old);
}

/** Drop the first `count` buffered items. */
export function bufDropFront(o: PyItertool, count: number): void {
  if (count <= 0) return;
  const dropped = o.buf.slice(0, count);
  for (let i = 0; i < o.buf.length; i++) rt.ev.refRemoved(o.serial, o.buf[i]!.serial, indexSlot(i));
  o.buf = o.buf.slice(count);
  for (let i = 0; i < o.buf.length; i++) rt.ev.refAdded(o.serial, o.buf[i]!.serial, indexSlot(i));
  for (const x of dropped) decref(x);
}

/** Release every reference (exhaustion or tp_clear). */
export function clearItertool(o: PyItertool): void {
  for (let i = 0; i < o.refs.length; i++) if (o.refs[i]) setRef(o, i, null);
  const buf = o.buf;
  o.buf = [];
  for (let i = 0; i < buf.length; i++) rt.ev.refRemoved(o.serial, buf[i]!.serial, indexSlot(i));
  for (const x of buf) decref(x);
}

export function itertoolType(name: string, spec: ItertoolSpec): PyType {
  return nativeType(name, { module: spec.module ?? 'itertools', gc: true, baseType: spec.baseType ?? true, basicSize: spec.basicSize }, (t) => {
    t.newInstance = (type, args, kw) => {
      const o = new PyItertool(type, spec.slots);
      rt.heap.allocate(o, true);
      try {
        spec.init(o, args, kw);
      } catch (e) {
        decref(o);
        throw e;
      }
      if (spec.extraSize) rt.heap.resized(o);
      return o;
    };
    t.init = () => {};
    t.iter = (o) => newref(o);
    t.iternext = (o) => spec.next(o as PyItertool);
    if (spec.repr) t.repr = (o) => newStr(spec.repr!(o as PyItertool));
    if (spec.extraSize) t.sizeof = (o) => spec.basicSize + spec.extraSize!(o as PyItertool);
    t.traverse = (o, visit: Visit) => {
      const it = o as PyItertool;
      for (let i = 0; i < it.refs.length; i++) {
        const r = it.refs[i];
        if (r) visit(r, labelSlot(it.slotNames[i]!));
      }
      for (let i = 0; i < it.buf.length; i++) visit(it.buf[i]!, indexSlot(i));
    };
    t.clear = (o) => clearItertool(o as PyItertool);
    t.dealloc = (o) => {
      const it = o as PyItertool;
      const shared = it.refs[0];
      if (shared instanceof PyItertool && shared.peers) shared.peers.delete(it);
      for (const r of it.refs) xdecref(r);
      for (const x of it.buf) decref(x);
      it.buf = [];
    };
  });
}
