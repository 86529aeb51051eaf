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
 *   (generator --gi_frame--> frame); the one to its function stays with the generator
 *   until it is deallocated (tp_traverse stops visiting it once the generator finishes).
 * - Code objects are not GC objects (no tp_traverse) but hold their constants: the log
 *   shows those references as <co_consts>.
 */
import type { Runtime } from '../../source/runtime/runtime.js';
import type { PyObject } from '../../source/runtime/objects/object.js';
import { PyFrameObject } from '../../source/runtime/interpreter/traceback.js';
import { PyGenerator } from '../../source/runtime/objects/generator.js';
import { PyWeakref } from '../../source/runtime/objects/weakref.js';
import type { Frame } from '../../source/runtime/interpreter/frame.js';
import { PyCode } from '../../source/runtime/objects/function.js';
import { makeSlot, SlotKind, WEAK_REFERENT_LABEL } from '../../source/events/kinds.js';

export type ExpectedNode = {
  serial: number;
  type: string;
  size: number;
  refcount: number;
  address: number;
  generation: number;
  finalized: boolean;
  /** "target serial/slot" strings, sorted. */
  edges: string[];
};

export function edgeKey(serial: number, slot: number): string {
  return `${serial}/${slot >>> 0}`;
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

function frameEdges(f: Frame): string[] {
  const out: string[] = [];
  const code = f.code;
  f.locals.forEach((v, i) => v && out.push(edgeKey(v.serial, code.localSlots[i]!)));
  const cellSlots = [...code.cellSlots, ...code.freeSlots];
  f.cells.forEach((c, i) => out.push(edgeKey(c.serial, cellSlots[i]!)));
  return out.sort();
}

export function runtimeNodes(runtime: Runtime): Map<number, ExpectedNode> {
  const strings = runtime.ev.strings;
  const fFrame = makeSlot(SlotKind.Label, strings.intern('f_frame'));
  const weak = makeSlot(SlotKind.Label, strings.intern(WEAK_REFERENT_LABEL));
  const consts = makeSlot(SlotKind.Label, strings.intern('co_consts'));
  const giFrame = makeSlot(SlotKind.Label, strings.intern('gi_frame'));
  const giFunc = makeSlot(SlotKind.Label, strings.intern('gi_frame.f_func'));
  const out = new Map<number, ExpectedNode>();
  for (const o of runtime.heap.live!.values()) {
    let edges: string[] = [];
    if (o instanceof PyFrameObject) edges = [edgeKey(o.frame.serial, fFrame)];
    else if (o instanceof PyCode) edges = o.consts.map((c) => edgeKey(c.serial, consts));
    else if (o instanceof PyGenerator) {
      if (!o.frame.released) edges.push(edgeKey(o.frame.serial, giFrame));
      if (o.frame.func) edges.push(edgeKey(o.frame.func.serial, giFunc));
    }
    else o.type.traverse?.(o, (t: PyObject, slot: number) => edges.push(edgeKey(t.serial, slot)));
    if (o instanceof PyWeakref && o.referent) edges.push(edgeKey(o.referent.serial, weak));
    out.set(o.serial, {
      serial: o.serial,
      type: o.type.name,
      size: o.type.sizeofTotal(o),
      refcount: o.rc,
      address: o.addr,
      generation: o.gcGen,
      finalized: o.finalized,
      edges: edges.sort(),
    });
  }
  for (const f of liveFrames(runtime)) {
    out.set(f.serial, { serial: f.serial, type: f.code.qualname, size: 0, refcount: 0, address: 0, generation: -1, finalized: false, edges: frameEdges(f) });
  }
  return out;
}
