/**
 * The cyclic garbage collector of CPython 3.11 (Modules/gcmodule.c), phase by phase.
 *
 * A collection of generation g looks at every tracked object of generations 0..g, finds
 * the ones only reachable from each other (reference counts minus internal references),
 * clears weak references to them and calls their callbacks, runs PEP 442 finalizers
 * (__del__) once, re-checks for resurrection, then breaks the cycles with tp_clear so
 * that reference counting frees them. Each phase is one method named after its C
 * function, called in order from collect() (gc_collect_main), and reports itself as a
 * GcPhase event plus per-object events.
 *
 * Lists: an object's gcGen says which list it is in (heap.generations). Objects of the
 * set being collected are in YOUNG (the "collecting" state of CPython's PREV_MASK_COLLECTING),
 * tentatively unreachable ones in UNREACHABLE, and so on; a visit can tell "in the set
 * being collected" from "elsewhere" by that number alone.
 */
import { PyObject, UNTRACKED } from '../objects/object.js';
import { CollectorPhase, EventKind } from '../../events/kinds.js';
import { GcList } from '../heap/gc-list.js';
import { NUM_GENERATIONS, PERMANENT_GENERATION } from '../heap/heap.js';
import { rt } from '../runtime.js';
import { decref, incref } from '../heap/refcount.js';
import { PyRaise } from '../errors.js';
import { reportUnraisable } from '../interpreter/unraisable.js';
import { tupleType, PyTuple } from '../objects/tuple.js';
import { dictType, PyDict } from '../objects/dict.js';
import { call } from '../protocols/abstract.js';
import { isGc, mayBeTracked } from './tracking.js';

/** Scratch lists, so that gcGen always says which list an object is in. */
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
  /** Weak references: the test, _PyWeakref_ClearRef (keeps the callback) and the callback. */
  isWeakref: (o: PyObject) => boolean;
  clearWeakref: (wr: PyObject) => void;
  weakrefCallback: (wr: PyObject) => PyObject | null;
  /** Empty the free lists (end of a full collection). */
  clearFreeLists: () => void;
  /** PySys_WriteStderr: DEBUG_* output goes to the current sys.stderr. */
  writeStderr: (text: string) => void;
  /** Debug builds' checks (validate_list, "refcount is too small"), on in tests. */
  checking: () => boolean;
};

export type GenerationStats = { collections: number; collected: number; uncollectable: number };

/** A broken invariant of the collector (a refcount that does not match the object graph). */
export class CollectorInvariantError extends Error {}

export class Collector {
  readonly stats: GenerationStats[] = [0, 1, 2].map(() => ({ collections: 0, collected: 0, uncollectable: 0 }));
  /** Work done by the last collection (objects visited), reported as its "elapsed" time. */
  steps = 0;

  constructor(private readonly hooks: GcHooks) {}

  private get heap() {
    return rt.heap;
  }

  private listOf(gen: number): GcList {
    return this.heap.generations[gen]!;
  }

  /** gc_list_move: one object to the end of another list. */
  private move(o: PyObject, to: number): void {
    this.listOf(o.gcGen).remove(o);
    o.gcGen = to;
    this.listOf(to).append(o);
  }

  /** gc_list_merge: every object of list `from` to the end of list `to`. */
  private merge(from: number, to: number): void {
    const src = this.listOf(from);
    for (let n = src.head.gcNext!; n !== src.head; n = n.gcNext!) (n as PyObject).gcGen = to;
    this.listOf(to).merge(src);
  }

  private phase(p: CollectorPhase, objects: number): void {
    rt.ev.emit(EventKind.GcPhase, p, objects);
  }

  // ---------------------------------------------------------------- automatic collection

  /**
   * gc_collect_generations, called from an allocation that took count[0] past
   * threshold[0]: collect the oldest generation whose count exceeds its threshold. A full
   * collection also waits until the objects promoted into generation 2 since the last one
   * are at least 25 % of those it then held (long_lived_pending < long_lived_total / 4,
   * in integer division), so that a big long-lived heap is not rescanned too often.
   */
  collectGenerations(): number {
    const heap = this.heap;
    for (let i = NUM_GENERATIONS - 1; i >= 0; i--) {
      if (heap.count[i]! > heap.threshold[i]!) {
        if (i === NUM_GENERATIONS - 1 && heap.longLivedPending < Math.floor(heap.longLivedTotal / 4)) continue;
        return this.collectWithCallback(i);
      }
    }
    return 0;
  }

  /** gc_collect_with_callback: gc.callbacks around one collection; returns n + m. */
  collectWithCallback(generation: number): number {
    this.hooks.callbacks('start', generation, 0, 0);
    const { collected, uncollectable } = this.collect(generation);
    this.hooks.callbacks('stop', generation, collected, uncollectable);
    return collected + uncollectable;
  }

  // ---------------------------------------------------------------- one collection

  /**
   * gc_collect_main: m objects collected (found unreachable and not resurrected, plus
   * weakrefs freed by their own callbacks) and n uncollectable (legacy finalizers).
   */
  collect(generation: number): { collected: number; uncollectable: number } {
    const heap = this.heap;
    const ev = rt.ev;
    this.steps = 0;
    if (this.hooks.debugStats()) this.printCollecting(generation);
    ev.emit(EventKind.CollectionStarted, generation, heap.count[0]!, heap.count[1]!, heap.count[2]!);

    // update collection and allocation counters
    if (generation + 1 < NUM_GENERATIONS) heap.count[generation + 1]!++;
    for (let i = 0; i <= generation; i++) heap.count[i] = 0;
    heap.emitCounts(generation);

    // The collected generation's objects first, then the younger generations' appended
    // (gc_list_merge(GEN_HEAD(i), GEN_HEAD(generation)) for i = 0 .. generation-1).
    // (Their objects still name their old generation: update_refs, the next walk over
    // them, relabels them, so that the merge is O(1) as gc_list_merge is.)
    this.listOf(YOUNG).merge(this.listOf(generation));
    for (let i = 0; i < generation; i++) this.listOf(YOUNG).merge(this.listOf(i));
    const old = generation < NUM_GENERATIONS - 1 ? generation + 1 : generation;
    if (this.hooks.checking()) {
      this.validateList(old);
      rt.ledger?.checkNotTooSmall();
    }

    this.deduceUnreachable(YOUNG, UNREACHABLE);
    for (let n = this.listOf(UNREACHABLE).head.gcNext!; n !== this.listOf(UNREACHABLE).head; n = n.gcNext!) {
      ev.emit1(EventKind.Unreachable, (n as PyObject).serial);
    }

    this.untrackTuples(YOUNG);
    this.promoteSurvivors(generation, old);

    // Legacy (tp_del) finalizers make their cycles uncollectable; none can be made from Python.
    const n = this.moveLegacyFinalizers(UNREACHABLE);

    if (this.hooks.debugCollectable()) {
      for (const o of this.listOf(UNREACHABLE).toArray()) this.hooks.writeStderr(`gc: collectable <${o.type.name} ${pointer(o)}>\n`);
    }

    // Clear weakrefs and invoke callbacks as necessary.
    let m = this.handleWeakrefs(UNREACHABLE, old);

    // Call tp_finalize on objects which have one.
    this.finalizeGarbage(UNREACHABLE);

    // Objects a finalizer made reachable again survive; continue with the others.
    this.handleResurrectedObjects(UNREACHABLE, STILL_UNREACHABLE, old);

    // tp_clear on what is still unreachable breaks the cycles; refcounting frees the rest.
    m += this.listOf(STILL_UNREACHABLE).length;
    this.deleteGarbage(STILL_UNREACHABLE, old);

    if (this.hooks.debugStats()) {
      this.hooks.writeStderr(`gc: done, ${n + m} unreachable, ${n} uncollectable, ${elapsed(this.steps)}s elapsed\n`);
    }

    // Free lists are emptied only by full collections (clear_freelists).
    if (generation === NUM_GENERATIONS - 1) {
      this.phase(CollectorPhase.ClearFreeLists, 0);
      this.hooks.clearFreeLists();
    }

    const s = this.stats[generation]!;
    s.collections++;
    s.collected += m;
    s.uncollectable += n;
    ev.emit(EventKind.CollectionEnded, generation, m, n, this.steps);
    return { collected: m, uncollectable: n };
  }

  /** DEBUG_STATS: printed before the counters change (show_stats_each_generations). */
  private printCollecting(generation: number): void {
    const sizes = [0, 1, 2].map((g) => this.heap.generationSize(g));
    this.hooks.writeStderr(
      `gc: collecting generation ${generation}...\n` +
        `gc: objects in each generation: ${sizes.join(' ')}\n` +
        `gc: objects in permanent generation: ${this.heap.generationSize(PERMANENT_GENERATION)}\n`,
    );
  }

  /** deduce_unreachable: what in `base` is only reachable from inside it goes to `unreachable`. */
  private deduceUnreachable(base: number, unreachable: number): void {
    this.updateRefs(base);
    this.subtractRefs(base);
    this.moveUnreachable(base, unreachable);
  }

  /**
   * update_refs: gc_refs = ob_refcnt for every object of the set. A tracked object can
   * never have a count of 0 here (it would have been freed at once). Each object is
   * labelled a member of the set (collect() merged the generations without it).
   */
  private updateRefs(base: number): void {
    const list = this.listOf(base);
    this.phase(CollectorPhase.UpdateRefs, list.length);
    const checking = this.hooks.checking();
    for (let n = list.head.gcNext!; n !== list.head; n = n.gcNext!) {
      const o = n as PyObject;
      o.gcGen = base;
      o.gcRefs = o.rc;
      if (checking && o.rc <= 0) throw new CollectorInvariantError(`tracked ${o.type.name} object (serial ${o.serial}) has refcount ${o.rc}`);
      this.steps++;
    }
  }

  /**
   * subtract_refs: for every reference between two objects of the set, one less. After
   * this, gc_refs counts the references from outside the set (variables, other
   * generations, the interpreter): > 0 means certainly reachable.
   */
  private subtractRefs(base: number): void {
    const list = this.listOf(base);
    this.phase(CollectorPhase.SubtractRefs, list.length);
    const checking = this.hooks.checking();
    const visitDecref = (target: PyObject) => {
      if (target.gcGen === base) {
        if (checking && target.gcRefs <= 0) {
          throw new CollectorInvariantError(`refcount is too small: ${target.type.name} object (serial ${target.serial}) has more references from the collected objects than its refcount ${target.rc}`);
        }
        target.gcRefs--;
      }
    };
    for (let n = list.head.gcNext!; n !== list.head; n = n.gcNext!) {
      const o = n as PyObject;
      o.type.traverse?.(o, visitDecref);
      this.steps++;
    }
    const ev = rt.ev;
    for (let n = list.head.gcNext!; n !== list.head; n = n.gcNext!) ev.emit(EventKind.GcRefs, (n as PyObject).serial, (n as PyObject).gcRefs);
  }

  /**
   * move_unreachable: objects with gc_refs > 0 are reachable from outside, and so is
   * everything they reach. An object met with gc_refs == 0 is moved to `unreachable` for
   * now; if a reachable object later refers to it, it goes back to the end of `young` to
   * be scanned again. Afterwards `young` holds the reachable objects and `unreachable`
   * the garbage, in list order (which decides the order of finalizers).
   */
  private moveUnreachable(young: number, unreachable: number): void {
    const list = this.listOf(young);
    this.phase(CollectorPhase.MoveUnreachable, list.length);
    const visitReachable = (target: PyObject) => {
      if (target.gcGen === unreachable) {
        // Had gc_refs == 0 when scanned but is reachable after all: back into young.
        this.move(target, young);
        target.gcRefs = 1;
      } else if (target.gcGen === young && target.gcRefs === 0) {
        // Not scanned yet: tell the scan it is reachable.
        target.gcRefs = 1;
      }
    };
    let n = list.head.gcNext!;
    while (n !== list.head) {
      const o = n as PyObject;
      this.steps++;
      if (o.gcRefs > 0) {
        // Scanned objects keep gc_refs > 0, so later visits leave them alone. The
        // traversal may append objects after `o`: take the next one afterwards.
        o.type.traverse?.(o, visitReachable);
        n = o.gcNext!;
      } else {
        n = o.gcNext!;
        this.move(o, unreachable);
      }
    }
  }

  /**
   * untrack_tuples: a surviving tuple none of whose items may be tracked (atomic values,
   * untracked tuples, builtin types) is untracked: it can never be part of a cycle.
   */
  private untrackTuples(gen: number): void {
    const list = this.listOf(gen);
    this.phase(CollectorPhase.UntrackTuples, list.length);
    let n = list.head.gcNext!;
    while (n !== list.head) {
      const o = n as PyObject;
      n = o.gcNext!;
      if (o.type === tupleType && (o as PyTuple).items.every((x) => !mayBeTracked(x))) this.untrack(o);
    }
  }

  /**
   * Survivors move to the next generation. A generation-1 collection adds them to the
   * long-lived pending count; a full collection instead untracks the dicts that hold no
   * container (untrack_dicts, only here to avoid quadratic rescans) and restarts the
   * 25 % rule with long_lived_total = survivors.
   */
  private promoteSurvivors(generation: number, old: number): void {
    const heap = this.heap;
    const survivors = this.listOf(YOUNG).length;
    this.phase(CollectorPhase.PromoteSurvivors, survivors);
    if (generation !== old) {
      if (generation === NUM_GENERATIONS - 2) heap.longLivedPending += survivors;
    } else {
      this.untrackDicts(YOUNG);
      heap.longLivedPending = 0;
      heap.longLivedTotal = this.listOf(YOUNG).length + (heap.unmodelledIn === old ? heap.unmodelledLongLived : 0);
    }
    this.merge(YOUNG, old);
    // The log's view: every object of generations 0..generation joins `old`; the
    // unreachable ones with them, until they are freed or survive there.
    rt.ev.emit(EventKind.GenerationsMerged, old, (1 << (generation + 1)) - 1);
  }

  /** untrack_dicts → _PyDict_MaybeUntrack: a dict whose keys and values may not be tracked. */
  private untrackDicts(gen: number): void {
    const list = this.listOf(gen);
    let n = list.head.gcNext!;
    while (n !== list.head) {
      const o = n as PyObject;
      n = o.gcNext!;
      if (o.type !== dictType) continue;
      const d = o as PyDict;
      let atomic = true;
      for (let i = 0; i < d.keys.length && atomic; i++) {
        const k = d.keys[i];
        if (k && (mayBeTracked(d.values[i]!) || mayBeTracked(k))) atomic = false;
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
   * move_legacy_finalizers: objects whose type has a pre-PEP-442 tp_del, and everything
   * they reach, would be set aside as uncollectable (gc.garbage). No type of the model
   * has one (a Python __del__ is tp_finalize), so this always finds none.
   */
  private moveLegacyFinalizers(unreachable: number): number {
    this.phase(CollectorPhase.MoveLegacyFinalizers, this.listOf(unreachable).length);
    return 0;
  }

  /**
   * handle_weakrefs: clear every weak reference to an unreachable object, and every
   * unreachable weak reference, before any callback runs (a callback must not reach the
   * garbage). Then call the callbacks of the cleared weakrefs that are not garbage
   * themselves, oldest referent first. Returns the weakrefs that died as a result of
   * their own callback (a WeakValueDictionary's KeyedRef), which count as collected.
   */
  private handleWeakrefs(unreachable: number, old: number): number {
    const hooks = this.hooks;
    const ev = rt.ev;
    const list = this.listOf(unreachable);
    this.phase(CollectorPhase.HandleWeakrefs, list.length);
    for (let n = list.head.gcNext!; n !== list.head; n = n.gcNext!) {
      const o = n as PyObject;
      // A weakref inside the garbage must not call back later from delete_garbage.
      if (hooks.isWeakref(o)) hooks.clearWeakref(o);
      const refs = o.weakrefs;
      if (!refs) continue;
      while (refs.length) {
        const wr = refs[0]!;
        hooks.clearWeakref(wr); // removes it from o.weakrefs
        ev.emit(EventKind.WeakrefCleared, wr.serial, o.serial);
        if (hooks.weakrefCallback(wr) === null) continue;
        if (wr.gcGen === unreachable) continue; // trash too: its callback is never called
        incref(wr);
        this.move(wr, WRCB_TO_CALL);
      }
    }
    let freed = 0;
    const toCall = this.listOf(WRCB_TO_CALL);
    while (!toCall.isEmpty) {
      const wr = toCall.first()!;
      const callback = hooks.weakrefCallback(wr)!;
      ev.emit1(EventKind.CallbackRun, wr.serial);
      try {
        incref(wr); // the argument (call() consumes its arguments)
        decref(call(callback, [wr]));
      } catch (e) {
        if (!(e instanceof PyRaise)) throw e;
        incref(callback);
        reportUnraisable(e.exc, callback);
        decref(callback);
      }
      // Give up the reference taken above: a weakref freed by it has left the list.
      decref(wr);
      if (toCall.first() === wr) this.move(wr, old);
      else freed++;
    }
    return freed;
  }

  /**
   * finalize_garbage: each unreachable object whose type has tp_finalize (a __del__, a
   * generator's close) and that was never finalized gets it called, once (PEP 442), in
   * list order. Objects freed by refcounting meanwhile simply leave the list.
   */
  private finalizeGarbage(collectable: number): void {
    const list = this.listOf(collectable);
    this.phase(CollectorPhase.FinalizeGarbage, list.length);
    const seen = new GcList();
    const ev = rt.ev;
    // Take the first object each time, as the list may change under the finalizers.
    while (!list.isEmpty) {
      const o = list.first()!;
      list.remove(o);
      seen.append(o);
      if (o.type.finalize !== null && !o.finalized) {
        o.finalized = true;
        ev.emit1(EventKind.FinalizerRun, o.serial);
        incref(o);
        try {
          rt.runFinalizer(o);
        } finally {
          decref(o);
        }
      }
    }
    list.merge(seen);
  }

  /**
   * handle_resurrected_objects: a finalizer may have stored an object of the garbage
   * somewhere reachable. Recompute reachability inside the set: whatever is reachable
   * again (and what it reaches) moves to the older generation and survives.
   */
  private handleResurrectedObjects(unreachable: number, stillUnreachable: number, old: number): void {
    this.phase(CollectorPhase.HandleResurrectedObjects, this.listOf(unreachable).length);
    this.deduceUnreachable(unreachable, stillUnreachable);
    const ev = rt.ev;
    const resurrected = this.listOf(unreachable);
    for (let n = resurrected.head.gcNext!; n !== resurrected.head; n = n.gcNext!) ev.emit1(EventKind.Resurrected, (n as PyObject).serial);
    this.merge(unreachable, old);
  }

  /**
   * delete_garbage: with DEBUG_SAVEALL each object goes to gc.garbage; otherwise its
   * tp_clear drops its references, which lets refcounting free the cycle. An object
   * still alive afterwards (kept by something outside) moves to the older generation.
   */
  private deleteGarbage(collectable: number, old: number): void {
    const list = this.listOf(collectable);
    this.phase(CollectorPhase.DeleteGarbage, list.length);
    const ev = rt.ev;
    while (!list.isEmpty) {
      const o = list.first()!;
      this.steps++;
      if (this.hooks.saveAll()) {
        ev.emit(EventKind.GcCleared, o.serial, 1);
        this.hooks.saveGarbage(o);
      } else if (o.type.clear !== null) {
        ev.emit(EventKind.GcCleared, o.serial, 0);
        incref(o);
        o.type.clear(o);
        decref(o);
      }
      if (list.first() === o) this.move(o, old);
    }
  }

  /**
   * validate_list (debug builds): the links of a list are consistent and every member
   * says it belongs to it.
   */
  private validateList(gen: number): void {
    const list = this.listOf(gen);
    let prev = list.head;
    let count = 0;
    for (let n = list.head.gcNext!; n !== list.head; n = n.gcNext!) {
      const o = n as PyObject;
      if (n.gcPrev !== prev || o.gcGen !== gen) throw new CollectorInvariantError(`generation list ${gen} is inconsistent at ${o.type.name} (serial ${o.serial})`);
      if (!isGc(o)) throw new CollectorInvariantError(`non-GC ${o.type.name} object in generation list ${gen}`);
      prev = n;
      count++;
    }
    if (list.head.gcPrev !== prev || count !== list.length) throw new CollectorInvariantError(`generation list ${gen} has a wrong length`);
  }
}

/** %p of a PyObject* as gcmodule.c's debug_cycle prints it. */
function pointer(o: PyObject): string {
  return `0x${o.addr.toString(16)}`;
}

/**
 * "%.4fs elapsed" of DEBUG_STATS. Real time is not reproducible; the model reports its
 * work (objects visited) at a nominal 50 ns per object.
 */
function elapsed(steps: number): string {
  return (steps * 5e-8).toFixed(4);
}
