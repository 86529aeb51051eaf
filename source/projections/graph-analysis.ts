/**
 * Questions about the whole object graph at one point, for the graph panel: which objects
 * are garbage waiting for the collector, which sit on reference cycles, and what the
 * running code can name (the roots).
 *
 * Garbage is decided the way gcmodule.c decides it (update_refs, subtract_refs,
 * move_unreachable), on the projection instead of the heap: among the objects the
 * collector tracks, an object whose refcount exceeds the references it gets from other
 * tracked objects is referred to from outside (a frame, an untracked object, the
 * interpreter) and is reachable, and so is everything it reaches; the rest is exactly what
 * a full gc.collect() would find unreachable now.
 *
 * In the log, a generator's or frame object's locals are references of its frame node
 * (generator --gi_frame--> frame --x--> value): such a frame counts as part of its owner.
 * Frames without an owner are running: their references come from outside.
 */
import { NodeFlags, type GraphArrays, type Projection } from './projection.js';
import { makeSlot, SlotKind, WEAK_REFERENT_LABEL } from '../events/kinds.js';
import type { StringTable } from '../events/log.js';

export type GraphAnalysis = {
  /** Serials of the objects a full collection would find unreachable now. */
  readonly garbage: ReadonlySet<number>;
  /** Serials of the objects on a reference cycle (their strongly connected component has
   * more than one node, or they refer to themselves). */
  readonly inCycle: ReadonlySet<number>;
};

function labelSlot(strings: StringTable, label: string): number {
  const id = strings.find(label);
  return id < 0 ? -1 : makeSlot(SlotKind.Label, id);
}

export function analyzeGraph(p: Projection, strings: StringTable): GraphAnalysis {
  // References the collector does not follow: weak ones, and a type's tp_subclasses dict
  // (type_traverse skips it; it holds only weak references).
  const skipped = [labelSlot(strings, WEAK_REFERENT_LABEL), labelSlot(strings, '__subclasses__')].filter((s) => s >= 0);
  const g = p.graphArrays(skipped);
  return { garbage: findGarbage(g, strings), inCycle: findCycles(g) };
}

/** Owner of each frame node (a generator or frame object), or -1. */
function frameOwners(g: GraphArrays, strings: StringTable): Int32Array {
  const n = g.serials.length;
  const owner = new Int32Array(n).fill(-1);
  const ownerSlots = new Set([labelSlot(strings, 'gi_frame'), labelSlot(strings, 'f_frame')].filter((s) => s >= 0).map((s) => s >>> 0));
  for (let i = 0; i < n; i++) {
    if (g.flags[i]! & NodeFlags.Frame) continue;
    for (let e = g.offsets[i]!; e < g.offsets[i + 1]!; e++) {
      const t = g.targets[e]!;
      if (ownerSlots.has(g.slots[e]!) && g.flags[t]! & NodeFlags.Frame && owner[t]! < 0) owner[t] = i;
    }
  }
  return owner;
}

function findGarbage(g: GraphArrays, strings: StringTable): Set<number> {
  const n = g.serials.length;
  const owner = frameOwners(g, strings);
  // The object whose references node i's references are: itself, or its frame's owner.
  const holder = (i: number) => (g.flags[i]! & NodeFlags.Frame ? owner[i]! : i);
  const candidate = (i: number) => i >= 0 && (g.flags[i]! & NodeFlags.Frame) === 0 && g.generations[i]! >= 0 && g.generations[i]! <= 2;
  // update_refs, subtract_refs
  const refs = new Int32Array(n);
  for (let i = 0; i < n; i++) if (candidate(i)) refs[i] = g.refcounts[i]!;
  for (let i = 0; i < n; i++) {
    if (!candidate(holder(i))) continue;
    for (let e = g.offsets[i]!; e < g.offsets[i + 1]!; e++) {
      const t = g.targets[e]!;
      if (candidate(t)) refs[t]!--;
    }
  }
  // move_unreachable: spread reachability from the objects referred to from outside.
  const reachable = new Uint8Array(n);
  const stack: number[] = [];
  for (let i = 0; i < n; i++) {
    if (candidate(i) && refs[i]! > 0) {
      reachable[i] = 1;
      stack.push(i);
    }
  }
  while (stack.length) {
    const i = stack.pop()!;
    for (let e = g.offsets[i]!; e < g.offsets[i + 1]!; e++) {
      const t = g.targets[e]!;
      // Through an owned frame to its locals; to tracked objects.
      const passes = candidate(t) || (g.flags[t]! & NodeFlags.Frame && owner[t] === holder(i));
      if (passes && !reachable[t]) {
        reachable[t] = 1;
        stack.push(t);
      }
    }
  }
  const out = new Set<number>();
  for (let i = 0; i < n; i++) if (candidate(i) && !reachable[i]) out.add(g.serials[i]!);
  return out;
}

/** Tarjan's strongly connected components, without recursion. */
function findCycles(g: GraphArrays): Set<number> {
  const n = g.serials.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out = new Set<number>();
  let counter = 0;
  const work: number[] = []; // pairs: node, next edge
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    work.push(root, g.offsets[root]!);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length) {
      const top = work.length - 2;
      const v = work[top]!;
      const e = work[top + 1]!;
      if (e < g.offsets[v + 1]!) {
        work[top + 1] = e + 1;
        const w = g.targets[e]!;
        if (w === v) {
          out.add(g.serials[v]!);
        } else if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push(w, g.offsets[w]!);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!);
        }
        continue;
      }
      work.length = top;
      if (work.length) {
        const parent = work[work.length - 2]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        let size = 0;
        const members: number[] = [];
        for (;;) {
          const w = stack.pop()!;
          onStack[w] = 0;
          members.push(w);
          size++;
          if (w === v) break;
        }
        if (size > 1) for (const w of members) out.add(g.serials[w]!);
      }
    }
  }
  return out;
}

/** A name the running code can use: a local of a frame on the stack, or a module global. */
export type Root = { frame: number; slot: number; serial: number };

/**
 * What the running code can name, innermost frame first: each frame's locals, and for
 * module-level code the module's globals (the entries of its globals dict).
 */
export function roots(p: Projection, strings: StringTable): Root[] {
  const out: Root[] = [];
  for (const frame of p.stack()) {
    for (const r of p.referents(frame)) out.push({ frame, slot: r.slot, serial: r.serial });
    const info = p.node(frame, strings);
    if (info && info.name === '<module>' && info.globals) {
      for (const r of p.referents(info.globals)) if ((r.slot >>> 29) === SlotKind.Key) out.push({ frame, slot: r.slot, serial: r.serial });
    }
  }
  return out;
}
