/**
 * The runtime's own view of its heap, in the projection's terms, for tests that check a
 * projection folded from the log against the live objects (runtime created with
 * `checking: true`, so that `heap.live` lists every live object).
 *
 * Two modelling choices of the log show up here:
 * - A frame object's references to the frame's locals belong to the frame node in the
 *   log (frame object --f_frame--> frame --x--> value); tp_traverse reports them on the
 *   frame object itself.
 * - A weak reference has an edge to its referent labelled "weak referent" (not counted
 *   in the refcount); tp_traverse does not visit it.
 * - A generator's references to its frame's locals belong to the frame node too
 *   (generator --gi_frame--> frame), and so does the one to its function (f_func, held
 *   until the frame is cleared).
 * - Code objects are not GC objects (no tp_traverse) but hold their constants, names,
 *   co_name and co_qualname: the log shows those references as <co_consts>, <co_names>,
 *   .co_name and .co_qualname.
 * - A dict holds its keys: the log shows every key as a reference, while dict_traverse
 *   skips the keys of a table with only str keys (they cannot form cycles).
 * - A type holds its tp_subclasses dict (<__subclasses__>), which type_traverse does not
 *   visit.
 * - functools' lru_cache links are not GC objects either; the wrapper's tp_traverse visits
 *   their keys and results for them, and the log draws those references from the wrapper
 *   (from the link only once its wrapper is gone).
 */
import type { Runtime } from '../../source/runtime/runtime.js';
import type { PyObject } from '../../source/runtime/objects/object.js';
import { PyFrameObject } from '../../source/runtime/interpreter/traceback.js';
import { PyGenerator } from '../../source/runtime/objects/generator.js';
import { PyWeakref } from '../../source/runtime/objects/weakref.js';
import type { Frame } from '../../source/runtime/interpreter/frame.js';
import { PyCode } from '../../source/runtime/objects/function.js';
import { PyDict, keyObjectSlot } from '../../source/runtime/objects/dict.js';
import { PyType } from '../../source/runtime/objects/object.js';
import { madeClassTuples } from '../../source/runtime/objects/classes.js';
import { PyLruLink } from '../../source/runtime/modules/functools/lru-cache.js';
import { makeSlot, SlotKind, WEAK_REFERENT_LABEL } from '../../source/events/kinds.js';

export type ExpectedNode = {
  serial: number;
  type: string;
  size: number;
  refcount: number;
  address: number;
  generation: number;
  finalized: boolean;
  /** The outgoing references: their number, and a checksum that ignores their order. */
  edgeCount: number;
  edgeSum: number;
  /** The references as sorted "target/slot" strings (built only to explain a difference). */
  edges: () => string[];
};

export function edgeKey(serial: number, slot: number): string {
  return `${serial}/${slot >>> 0}`;
}

/** Count and order-free checksum of (target, slot) pairs. */
export function edgeDigest(pairs: readonly number[]): { edgeCount: number; edgeSum: number } {
  let sum = 0;
  for (let i = 0; i < pairs.length; i += 2) {
    let h = Math.imul(pairs[i]! ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(pairs[i + 1]! | 0, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    sum = (sum + (h ^ (h >>> 16))) | 0;
  }
  return { edgeCount: pairs.length / 2, edgeSum: sum };
}

function pairsToKeys(pairs: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < pairs.length; i += 2) out.push(edgeKey(pairs[i]!, pairs[i + 1]!));
  return out.sort();
}

/** Frames that are graph nodes now: on the stack, suspended in generators, kept by frame objects. */
function liveFrames(runtime: Runtime): Frame[] {
  const out = new Set<Frame>();
  for (let f = runtime.frame; f; f = f.back) out.add(f);
  for (const o of runtime.heap.live!.values()) {
    if (o instanceof PyFrameObject && !o.frame.released) out.add(o.frame);
    if (o instanceof PyGenerator && !o.frame.released) out.add(o.frame);
  }
  return [...out].filter((f) => !f.released);
}

function framePairs(f: Frame, fFunc: number): number[] {
  const out: number[] = [];
  const code = f.code;
  f.locals.forEach((v, i) => v && out.push(v.serial, code.localSlots[i]!));
  const cellSlots = [...code.cellSlots, ...code.freeSlots];
  f.cells.forEach((c, i) => out.push(c.serial, cellSlots[i]!));
  if (f.ownedFunc) out.push(f.ownedFunc.serial, fFunc);
  return out;
}

export function runtimeNodes(runtime: Runtime): Map<number, ExpectedNode> {
  const strings = runtime.ev.strings;
  const fFrame = makeSlot(SlotKind.Label, strings.intern('f_frame'));
  const weak = makeSlot(SlotKind.Label, strings.intern(WEAK_REFERENT_LABEL));
  const consts = makeSlot(SlotKind.Label, strings.intern('co_consts'));
  const names = makeSlot(SlotKind.Label, strings.intern('co_names'));
  const lruKey = makeSlot(SlotKind.Label, strings.intern('key'));
  const lruResult = makeSlot(SlotKind.Label, strings.intern('result'));
  const coName = makeSlot(SlotKind.Attribute, strings.intern('co_name'));
  const coQualname = makeSlot(SlotKind.Attribute, strings.intern('co_qualname'));
  const giFrame = makeSlot(SlotKind.Label, strings.intern('gi_frame'));
  const subclasses = makeSlot(SlotKind.Label, strings.intern('__subclasses__'));
  const basesLabel = makeSlot(SlotKind.Label, strings.intern('__bases__'));
  const mroLabel = makeSlot(SlotKind.Label, strings.intern('__mro__'));
  const out = new Map<number, ExpectedNode>();
  for (const o of runtime.heap.live!.values()) {
    let pairs: number[] = [];
    if (o instanceof PyFrameObject) pairs = [o.frame.serial, fFrame];
    else if (o instanceof PyCode) {
      pairs = [...o.consts.flatMap((c) => [c.serial, consts]), ...o.names.flatMap((c) => [c.serial, names])];
      if (o.nameObj) pairs.push(o.nameObj.serial, coName);
      if (o.qualnameObj) pairs.push(o.qualnameObj.serial, coQualname);
    }
    else if (o instanceof PyLruLink) pairs = o.owner === null ? [o.key.serial, lruKey, o.result.serial, lruResult] : [];
    else if (o instanceof PyGenerator) {
      if (!o.frame.released) pairs.push(o.frame.serial, giFrame);
    } else o.type.traverse?.(o, (t: PyObject, slot: number) => void pairs.push(t.serial, slot >>> 0));
    if (o instanceof PyDict && o.unicodeKeys) o.keys.forEach((k) => k && pairs.push(k.serial, keyObjectSlot(k)));
    if (o instanceof PyType && o.subclasses) pairs.push(o.subclasses.serial, subclasses);
    // A builtin type holds its __bases__ and __mro__ (made on first use); type_traverse
    // visits only heap types.
    const made = o instanceof PyType && !o.flags.heap ? madeClassTuples(o) : null;
    if (made) pairs.push(made.tuple.serial, basesLabel, made.mro.serial, mroLabel);
    if (o instanceof PyWeakref && o.referent) pairs.push(o.referent.serial, weak);
    out.set(o.serial, {
      serial: o.serial,
      type: o.type.name,
      size: o.type.sizeofTotal(o),
      refcount: o.rc,
      address: o.addr,
      generation: o.gcGen,
      finalized: o.finalized,
      ...edgeDigest(pairs),
      edges: () => pairsToKeys(pairs),
    });
  }
  for (const f of liveFrames(runtime)) {
    const pairs = framePairs(f, makeSlot(SlotKind.Label, strings.intern('f_func')));
    out.set(f.serial, { serial: f.serial, type: f.code.qualname, size: 0, refcount: 0, address: 0, generation: -1, finalized: false, ...edgeDigest(pairs), edges: () => pairsToKeys(pairs) });
  }
  return out;
}
