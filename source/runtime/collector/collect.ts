/**
 * The cyclic garbage collector of CPython 3.11 (Modules/gcmodule.c), phase by phase.
 *
 * A collection of generation g looks at every tracked object of generations 0..g, finds
 * the ones only reachable from each other (reference counts minus internal references),
 * clears weak references to them and calls their callbacks, runs PEP 442 finalizers
 * (__del__) once, re-checks for resurrection, then breaks the cycles with tp_clear so
 * that reference counting frees them. Every phase reports itself as events.
 */
import { PyObject, UNTRACKED } from '../objects/object.js';
import { EventKind } from '../../events/kinds.js';
import { GcList } from '../heap/gc-list.js';
import { NUM_GENERATIONS, PERMANENT_GENERATION } from '../heap/heap.js';
import { rt } from '../runtime.js';
import { decref, incref } from '../heap/refcount.js';
import { PyRaise } from '../errors.js';
import { reportUnraisable } from '../interpreter/unraisable.js';
import { tupleType, PyTuple } from '../objects/tuple.js';
import { dictType, PyDict } from '../objects/dict.js';
import { UNTRACKED as _U } from '../objects/object.js';

/** Scratch "generation" numbers, so that gcGen always says which list an object is in. */
const YOUNG = 4;
const UNREACHABLE = 5;
const STILL_UNREACHABLE = 6;
const WRCB_TO_CALL = 7;

export type GcHooks = {
  /** gc.callbacks: called with ("start" | "stop", generation, collected, uncollectable). */
  callbacks: (phase: 'start' | 'stop', generation: number, collected: number, uncollectable: number) => void;
  /** DEBUG_SAVEALL: keep garbage in gc.garbage instead of clearing it. */
  saveAll: () => boolean;
  saveGarbage: (o: PyObject) => void;
  debugStats: () => boolean;
  debugCollectable: () => boolean;
  /** Weak references of an object (oldest first) and their clearing. */
  clearWeakref: (wr: PyObject) => void;
  weakrefCallback: (wr: PyObject) => PyObject | null;
  isWeakref: (o: PyObject) => boolean;
  /** Empty the free lists (end of a full collection). */
  clearFreeLists: () => void;
};

export type GenerationStats = { collections: number; collected: number; uncollectable: number };

export class Collector {
  readonly stats: GenerationStats[] = [0, 1, 2].map(() => ({ collections: 0, collected: 0, uncollectable: 0 }));
  steps = 0;

  constructor(private readonly hooks: GcHooks) {}

  private get heap() {
    return rt.heap;
  }

  private listOf(gen: number): GcList {
    return this.heap.generations[gen]!;
  }

  /** Move one object to the end of another list (gc_list_move). */
  private move(o: PyObject, to: number): void {
    this.listOf(o.gcGen).remove(o);
    o.gcGen = to;
    this.listOf(to).append(o);
  }

  /** Move every object of list `from` to the end of list `to`, relabelling them. */
  private mergeInto(from: number, to: number): void {
    const src = this.listOf(from);
    for (let n = src.head.gcNext!; n !== src.head; n = n.gcNext!) (n as PyObject).gcGen = to;
    this.listOf(to).merge(src);
  }

  // ---------------------------------------------------------------- automatic collection

  /** gc_collect_generations: pick the oldest generation over its threshold. */
  collectGenerations(): number {
    const heap = this.heap;
    for (let i = NUM_GENERATIONS - 1; i >= 0; i--) {
      if (heap.count[i]! > heap.threshold[i]!) {
        // Avoid quadratic behaviour: a full collection waits until the objects
        // promoted since the last one are at least 25% of the long-lived ones.
        if (i === NUM_GENERATIONS - 1 && heap.longLivedPending < heap.longLivedTotal / 4) continue;
        return this.collectWithCallback(i);
      }
    }
    return 0;
  }

  collectWithCallback(generation: number): number {
    this.hooks.callbacks('start', generation, 0, 0);
    const { collected, uncollectable } = this.collect(generation);
    this.hooks.callbacks('stop', generation, collected, uncollectable);
    return collected + uncollectable;
  }

  // ---------------------------------------------------------------- one collection

  /** gc_collect_main: returns the unreachable objects found and those it could not free. */
  collect(generation: number): { collected: number; uncollectable: number } {
    const heap = this.heap;
    const ev = rt.ev;
    this.steps = 0;
    ev.emit(EventKind.CollectionStarted, generation, heap.count[0]!, heap.count[1]!, heap.count[2]!);
    if (this.hooks.debugStats()) this.printDebugStart(generation);

    // update collection and allocation counters
    if (generation + 1 < NUM_GENERATIONS) heap.count[generation + 1]!++;
    for (let i = 0; i <= generation; i++) heap.count[i] = 0;
    heap.emitCounts(generation);

    // The collected generation's objects first, then the younger generations' appended
    // (gc_list_merge(GEN_HEAD(i), GEN_HEAD(generation)) for i = 0 .. generation-1).
    this.mergeInto(generation, YOUNG);
    for (let i = 0; i < generation; i++) this.mergeInto(i, YOUNG);
    const oldGen = generation === NUM_GENERATIONS - 1 ? generation : generation + 1;

    const unreachable = this.deduceUnreachable(YOUNG, UNREACHABLE);
    this.untrackTuples(YOUNG);

    // Move reachable objects to the next generation.
    const survivors = this.listOf(YOUNG).length;
    if (generation === NUM_GENERATIONS - 1) {
      this.untrackDicts(YOUNG);
      heap.longLivedPending = 0;
      heap.longLivedTotal = survivors;
    } else if (generation === NUM_GENERATIONS - 2) {
      heap.longLivedPending += survivors;
    }
    this.mergeInto(YOUNG, oldGen);
    ev.emit(EventKind.GenerationsMerged, oldGen, (1 << (generation + 1)) - 1);

    for (const o of this.listOf(UNREACHABLE).toArray()) {
      ev.emit1(EventKind.Unreachable, o.serial);
      if (this.hooks.debugCollectable()) {
        rt.writeStderr(`gc: collectable <${o.type.name} 0x${o.addr.toString(16).padStart(12, '0')}>\n`);
      }
    }
    void unreachable;

    // Clear weakrefs and invoke callbacks as necessary.
    let m = this.handleWeakrefs(UNREACHABLE, oldGen);

    // Call tp_finalize on objects which have one.
    this.finalizeGarbage(UNREACHABLE);

    // Handle any objects that may have resurrected after the call to finalize_garbage
    // and continue the collection with the objects that are still unreachable.
    this.handleResurrectedObjects(UNREACHABLE, STILL_UNREACHABLE, oldGen);

    // Call tp_clear on objects in the unreachable set. This will cause the reference
    // cycles to be broken. It may also cause some objects in finalizers to be freed.
    m += this.listOf(STILL_UNREACHABLE).length;
    this.deleteGarbage(STILL_UNREACHABLE, oldGen);

    const n = 0; // legacy (tp_del) finalizers cannot be created from Python code
    if (this.hooks.debugStats()) rt.writeStderr(`gc: done, ${m + n} unreachable, ${n} uncollectable, 0.0000s elapsed\n`);

    if (generation === NUM_GENERATIONS - 1) this.hooks.clearFreeLists();
    const s = this.stats[generation]!;
    s.collections++;
    s.collected += m;
    s.uncollectable += n;
    ev.emit(EventKind.CollectionEnded, generation, m, n, this.steps);
    return { collected: m, uncollectable: n };
  }

  private printDebugStart(generation: number): void {
    const sizes = [0, 1, 2].map((g) => this.heap.generations[g]!.length);
    rt.writeStderr(`gc: collecting generation ${generation}...\n`);
    rt.writeStderr(`gc: objects in each generation: ${sizes.join(' ')}\n`);
    rt.writeStderr(`gc: objects in permanent generation: ${this.heap.generations[PERMANENT_GENERATION]!.length}\n`);
  }

  /** update_refs + subtract_refs + move_unreachable on list `from`; unreachable goes to `to`. */
  private deduceUnreachable(from: number, to: number): number {
    const base = this.listOf(from);
    // update_refs: gc_refs = ob_refcnt
    for (let n = base.head.gcNext!; n !== base.head; n = n.gcNext!) {
      const o = n as PyObject;
      o.gcRefs = o.rc;
      this.steps++;
    }
    // subtract_refs: remove the references that come from inside the set
    const visitDecref = (target: PyObject) => {
      if (target.gcGen === from) target.gcRefs--;
    };
    for (let n = base.head.gcNext!; n !== base.head; n = n.gcNext!) {
      const o = n as PyObject;
      o.type.traverse?.(o, visitDecref);
      this.steps++;
    }
    this.moveUnreachable(from, to);
    return this.listOf(to).length;
  }

  /**
   * move_unreachable: objects with gc_refs > 0 are reachable from outside; whatever they
   * reach is reachable too. The rest goes to `to`, in list order (which decides the order
   * of finalizers later).
   */
  private moveUnreachable(from: number, to: number): void {
    const young = this.listOf(from);
    const tentative = new Set<PyObject>();
    const visitReachable = (target: PyObject) => {
      if (target.gcGen === to && tentative.has(target)) {
        // Moved to unreachable too early: it is reachable after all; back to the end of young.
        tentative.delete(target);
        this.move(target, from);
        target.gcRefs = 1;
      } else if (target.gcGen === from && target.gcRefs === 0) {
        target.gcRefs = 1;
      }
    };
    let n = young.head.gcNext!;
    while (n !== young.head) {
      const o = n as PyObject;
      const next = n.gcNext!;
      this.steps++;
      if (o.gcRefs > 0) {
        o.type.traverse?.(o, visitReachable);
        n = o.gcNext!; // the traversal may have appended objects after `o`
        if (n === null) n = next;
      } else {
        this.move(o, to);
        tentative.add(o);
        n = next;
      }
    }
  }

  /** untrack_tuples: a surviving tuple whose items cannot be part of a cycle is untracked. */
  private untrackTuples(gen: number): void {
    for (const o of this.listOf(gen).toArray()) {
      if (o.type !== tupleType) continue;
      if ((o as PyTuple).items.every((x) => !x.type.flags.gc || (x.type === tupleType ? x.gcGen === UNTRACKED : !mayBeTracked(x)))) {
        this.untrack(o);
      }
    }
  }

  /** untrack_dicts (full collections only): dicts holding only atomic keys and values. */
  private untrackDicts(gen: number): void {
    for (const o of this.listOf(gen).toArray()) {
      if (o.type !== dictType) continue;
      const d = o as PyDict;
      let atomic = true;
      for (let i = 0; i < d.keys.length && atomic; i++) {
        const k = d.keys[i];
        if (k && (mayBeTracked(k) || mayBeTracked(d.values[i]!))) atomic = false;
      }
      if (atomic) this.untrack(o);
    }
  }

  private untrack(o: PyObject): void {
    this.listOf(o.gcGen).remove(o);
    o.gcGen = UNTRACKED;
    rt.ev.emit1(EventKind.GcUntracked, o.serial);
  }

  /**
   * handle_weakrefs: clear weak references to unreachable objects (and unreachable weak
   * references), then call the callbacks of cleared weakrefs that are not garbage
   * themselves. Returns the weakrefs freed by their own callbacks.
   */
  private handleWeakrefs(unreachableGen: number, oldGen: number): number {
    const hooks = this.hooks;
    for (const o of this.listOf(unreachableGen).toArray()) {
      if (hooks.isWeakref(o)) hooks.clearWeakref(o);
      const refs = o.weakrefs;
      if (!refs) continue;
      for (const wr of refs.slice()) {
        hooks.clearWeakref(wr);
        rt.ev.emit(EventKind.WeakrefCleared, wr.serial, o.serial);
        if (hooks.weakrefCallback(wr) === null) continue;
        if (wr.gcGen === unreachableGen) continue; // wr is trash too: no callback
        incref(wr);
        this.move(wr, WRCB_TO_CALL);
      }
    }
    let freed = 0;
    const toCall = this.listOf(WRCB_TO_CALL);
    while (!toCall.isEmpty) {
      const wr = toCall.first()!;
      const callback = hooks.weakrefCallback(wr)!;
      rt.ev.emit1(EventKind.CallbackRun, wr.serial);
      incref(callback);
      try {
        incref(wr);
        decref(callCallback(callback, wr));
      } catch (e) {
        if (e instanceof PyRaise) reportUnraisable(e.exc, callback);
        else throw e;
      } finally {
        decref(callback);
      }
      const stillFirst = toCall.first() === wr;
      decref(wr);
      if (stillFirst && toCall.first() === wr) this.move(wr, oldGen);
      else freed++;
    }
    return freed;
  }

  /** finalize_garbage: each unreachable object with a finalizer gets it called once. */
  private finalizeGarbage(gen: number): void {
    // Objects freed by refcounting meanwhile leave the list; iterate a snapshot that
    // skips those that are gone.
    for (const o of this.listOf(gen).toArray()) {
      if (o.gcGen !== gen) continue;
      if (o.type.finalize === null || o.finalized) continue;
      o.finalized = true;
      rt.ev.emit1(EventKind.FinalizerRun, o.serial);
      incref(o);
      try {
        rt.runFinalizer(o);
      } finally {
        decref(o);
      }
    }
  }

  /** handle_resurrected_objects: what a finalizer made reachable again survives. */
  private handleResurrectedObjects(unreachableGen: number, stillGen: number, oldGen: number): void {
    this.deduceUnreachable(unreachableGen, stillGen);
    this.mergeInto(unreachableGen, oldGen);
  }

  /** delete_garbage: tp_clear breaks the cycles; refcounting frees the rest. */
  private deleteGarbage(gen: number, oldGen: number): void {
    const list = this.listOf(gen);
    while (!list.isEmpty) {
      const o = list.first()!;
      this.steps++;
      if (this.hooks.saveAll()) {
        this.hooks.saveGarbage(o);
      } else if (o.type.clear !== null) {
        incref(o);
        o.type.clear(o);
        decref(o);
      }
      if (list.first() === o) {
        // still alive: it goes to the older generation
        this.move(o, oldGen);
      }
    }
  }
}

function callCallback(callback: PyObject, wr: PyObject): PyObject {
  return callFn(callback, [wr]);
}
import { call as callFn } from '../protocols/abstract.js';

/** _PyObject_GC_MAY_BE_TRACKED */
function mayBeTracked(o: PyObject): boolean {
  return o.type.flags.gc && (o.type !== tupleType || o.gcGen !== _U);
}
