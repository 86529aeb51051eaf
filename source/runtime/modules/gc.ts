/**
 * The gc module (Modules/gcmodule.c) over the collector model: collect, thresholds and
 * counts, enable and disable, tracking queries, referrers/referents, callbacks, garbage
 * and debug flags, freeze, stats. Argument errors use CPython 3.11's messages.
 */
import type { PyObject } from '../objects/object.js';
import { UNTRACKED } from '../objects/object.js';
import { newModule, moduleSet, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { newBuiltinFunction, type BuiltinImpl } from '../objects/function.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { newNone, None } from '../objects/singletons.js';
import { newInt, newBool, PyInt } from '../objects/int.js';
import { newStr } from '../objects/str.js';
import { newTuple, newTupleFrom, newEmptyTuple, PyTuple, tupleFreeLists } from '../objects/tuple.js';
import { newList, listAppend, PyList, listFreeList } from '../objects/list.js';
import { newDict, dictSetSteal, dictFreeList, dictKeysFreeList } from '../objects/dict.js';
import { floatFreeList } from '../objects/float.js';
import { rt } from '../runtime.js';
import { bindArgs, exactlyOne, noArgs } from '../builtins/args.js';
import { call, indexValue, typeName } from '../protocols/abstract.js';
import { Collector } from '../collector/collect.js';
import { isGc } from '../collector/tracking.js';
import { clearWeakref, isWeakref, weakrefCallback } from '../objects/weakref.js';
import { reportUnraisable } from '../interpreter/unraisable.js';
import { sysStream, writeTo } from '../builtins/functions.js';
import { NUM_GENERATIONS, PERMANENT_GENERATION } from '../heap/heap.js';

export const DEBUG_STATS = 1, DEBUG_COLLECTABLE = 2, DEBUG_UNCOLLECTABLE = 4, DEBUG_SAVEALL = 32;
const DEBUG_LEAK = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

type GcState = { module: PyModule; collector: Collector; debug: number; callbacks: PyList; garbage: PyList };

export function gcState(): GcState {
  return rt.state.get('gc') as GcState;
}

/** Build the collector and gc module (at start-up: automatic collections need it). */
export function createGcModule(): PyModule {
  const m = newModule('gc');
  const callbacks = newList([]);
  const garbage = newList([]);
  const state: GcState = { module: m, collector: null as unknown as Collector, debug: 0, callbacks, garbage };
  const checking = rt.heap.live !== null;
  state.collector = new Collector({
    callbacks: (phase, generation, collected, uncollectable) => invokeCallbacks(state, phase, generation, collected, uncollectable),
    saveAll: () => (state.debug & DEBUG_SAVEALL) !== 0,
    saveGarbage: (o) => listAppend(state.garbage, o),
    debugStats: () => (state.debug & DEBUG_STATS) !== 0,
    debugCollectable: () => (state.debug & DEBUG_COLLECTABLE) !== 0,
    isWeakref,
    clearWeakref,
    weakrefCallback,
    clearFreeLists,
    writeStderr: (text) => {
      const stderr = sysStream('stderr');
      if (stderr === null) rt.writeStderr(text);
      else if (stderr !== None) writeTo(stderr, text);
    },
    checking: () => checking,
  });
  rt.state.set('gc', state);
  // _PyObject_GC_Link's automatic collection (the collecting flag guards against nesting).
  rt.heap.collectGenerations = () => {
    rt.heap.collecting = true;
    try {
      state.collector.collectGenerations();
    } finally {
      rt.heap.collecting = false;
    }
  };
  moduleSet(m, 'callbacks', newref(callbacks));
  moduleSet(m, 'garbage', newref(garbage));
  for (const [k, v] of Object.entries({ DEBUG_STATS, DEBUG_COLLECTABLE, DEBUG_UNCOLLECTABLE, DEBUG_SAVEALL, DEBUG_LEAK })) moduleSet(m, k, newInt(v));
  const def = (name: string, impl: BuiltinImpl) => moduleSet(m, name, newBuiltinFunction(name, impl, m));

  def('collect', (_s, args, kw) => {
    const [g] = bindArgs('collect', args, kw, ['generation'], 0, 1);
    const generation = g === undefined ? NUM_GENERATIONS - 1 : Number(indexValue(g));
    if (generation < 0 || generation >= NUM_GENERATIONS) throw pyError(E.ValueError!, 'invalid generation');
    return newInt(collectNow(generation));
  });
  def('enable', (_s, args, kw) => {
    noArgs('gc.enable', args, kw);
    rt.heap.setEnabled(true);
    return newNone();
  });
  def('disable', (_s, args, kw) => {
    noArgs('gc.disable', args, kw);
    rt.heap.setEnabled(false);
    return newNone();
  });
  def('isenabled', (_s, args, kw) => {
    noArgs('gc.isenabled', args, kw);
    return newBool(rt.heap.enabled);
  });
  def('get_count', (_s, args, kw) => {
    noArgs('gc.get_count', args, kw);
    return newTuple(rt.heap.count.map((c) => newInt(c)));
  });
  def('get_threshold', (_s, args, kw) => {
    noArgs('gc.get_threshold', args, kw);
    return newTuple(rt.heap.threshold.map((c) => newInt(c)));
  });
  def('set_threshold', varargs((args, kw) => {
    if (kw && kw.length) throw pyError(E.TypeError!, 'set_threshold() takes no keyword arguments');
    if (args.length < 1) throw pyError(E.TypeError!, `set_threshold() takes at least 1 argument (${args.length} given)`);
    if (args.length > 3) throw pyError(E.TypeError!, `set_threshold() takes at most 3 arguments (${args.length} given)`);
    // PyArg_ParseTuple("i|ii"): C ints; the ones not given keep their value.
    const values = args.map((v) => cInt(v));
    rt.heap.setThreshold(values);
    return newNone();
  }));
  def('get_debug', (_s, args, kw) => {
    noArgs('gc.get_debug', args, kw);
    return newInt(state.debug);
  });
  def('set_debug', (_s, args, kw) => {
    state.debug = cInt(exactlyOne('gc.set_debug', args, kw));
    return newNone();
  });
  def('is_tracked', (_s, args, kw) => newBool(exactlyOne('gc.is_tracked', args, kw).gcGen !== UNTRACKED));
  def('is_finalized', (_s, args, kw) => {
    const o = exactlyOne('gc.is_finalized', args, kw);
    return newBool(isGc(o) && o.finalized);
  });
  def('get_objects', (_s, args, kw) => {
    const [g] = bindArgs('get_objects', args, kw, ['generation'], 0, 1);
    let generation = -1;
    if (g !== undefined && g !== None) {
      if (!(g instanceof PyInt)) throw pyError(E.TypeError!, `argument should be integer or None, not '${typeName(g)}'`);
      generation = Number(indexValue(g));
    }
    // The list exists (and is tracked) before the scan, which leaves it out.
    const result = newList([]);
    if (generation !== -1) {
      if (generation >= NUM_GENERATIONS) {
        decref(result);
        throw pyError(E.ValueError!, `generation parameter must be less than the number of available generations (${NUM_GENERATIONS})`);
      }
      if (generation < 0) {
        decref(result);
        throw pyError(E.ValueError!, 'generation parameter cannot be negative');
      }
      appendObjects(result, generation);
      return result;
    }
    for (let i = 0; i < NUM_GENERATIONS; i++) appendObjects(result, i);
    return result;
  });
  def('get_referents', varargs((args, kw) => {
    if (kw && kw.length) throw pyError(E.TypeError!, 'gc.get_referents() takes no keyword arguments');
    const result = newList([]);
    const items: PyObject[] = [];
    for (const o of args) {
      if (!isGc(o)) continue;
      o.type.traverse?.(o, (t) => items.push(t));
    }
    for (const t of items) listAppend(result, t);
    return result;
  }));
  def('get_referrers', varargs((args, kw, argsTuple) => {
    if (kw && kw.length) throw pyError(E.TypeError!, 'gc.get_referrers() takes no keyword arguments');
    const result = newList([]);
    const targets = new Set(args);
    const found: PyObject[] = [];
    for (let gen = 0; gen < NUM_GENERATIONS; gen++) {
      const list = rt.heap.generations[gen]!;
      for (let n = list.head.gcNext!; n !== list.head; n = n.gcNext!) {
        const o = n as PyObject;
        if (o === result || o === argsTuple) continue;
        let hit = false;
        o.type.traverse?.(o, (t) => {
          if (targets.has(t)) hit = true;
        });
        if (hit) found.push(o);
      }
    }
    for (const o of found) listAppend(result, o);
    return result;
  }));
  def('freeze', (_s, args, kw) => {
    noArgs('gc.freeze', args, kw);
    // Everything tracked moves to the permanent generation (young first), counts drop to 0.
    const heap = rt.heap;
    heap.mergeGenerations(0b111, PERMANENT_GENERATION);
    for (let gen = 0; gen < NUM_GENERATIONS; gen++) heap.count[gen] = 0;
    heap.unmodelledIn = PERMANENT_GENERATION;
    heap.emitCounts(255);
    return newNone();
  });
  def('unfreeze', (_s, args, kw) => {
    noArgs('gc.unfreeze', args, kw);
    // The permanent generation goes back into the oldest one.
    const heap = rt.heap;
    heap.mergeGenerations(1 << PERMANENT_GENERATION, NUM_GENERATIONS - 1);
    heap.unmodelledIn = NUM_GENERATIONS - 1;
    return newNone();
  });
  def('get_freeze_count', (_s, args, kw) => {
    noArgs('gc.get_freeze_count', args, kw);
    return newInt(rt.heap.generationSize(PERMANENT_GENERATION));
  });
  def('get_stats', (_s, args, kw) => {
    noArgs('gc.get_stats', args, kw);
    const out: PyObject[] = [];
    for (const s of state.collector.stats) {
      const d = newDict();
      dictSetSteal(d, newStr('collections'), newInt(s.collections));
      dictSetSteal(d, newStr('collected'), newInt(s.collected));
      dictSetSteal(d, newStr('uncollectable'), newInt(s.uncollectable));
      out.push(d);
    }
    return newList(out);
  });
  return m;
}

/** gc_collect_impl: gc.collect(generation) as called by a program or a key press; 0 if one is running. */
export function collectNow(generation: number): number {
  const heap = rt.heap;
  if (heap.collecting) return 0;
  const state = gcState();
  heap.collecting = true;
  try {
    return state.collector.collectWithCallback(generation);
  } finally {
    heap.collecting = false;
  }
}

/**
 * _PyGC_CollectNoFail (interpreter shutdown): a full collection even when gc is disabled,
 * without gc.callbacks; 0 if one is running.
 */
export function collectNoFail(): number {
  const heap = rt.heap;
  if (heap.collecting) return 0;
  heap.collecting = true;
  try {
    const { collected, uncollectable } = gcState().collector.collect(NUM_GENERATIONS - 1);
    return collected + uncollectable;
  } finally {
    heap.collecting = false;
  }
}

/** append_objects: the members of one generation list, in order. */
function appendObjects(result: PyList, gen: number): void {
  const list = rt.heap.generations[gen]!;
  const members: PyObject[] = [];
  for (let n = list.head.gcNext!; n !== list.head; n = n.gcNext!) if (n !== result) members.push(n as PyObject);
  for (const o of members) listAppend(result, o);
}

/**
 * A METH_VARARGS function: CPython packs the positional arguments into a tuple for the
 * call (a GC allocation when the tuple free list is empty, e.g. right after gc.collect()).
 */
function varargs(impl: (args: PyObject[], kw: readonly string[] | null, argsTuple: PyObject) => PyObject): BuiltinImpl {
  return (_s, args, kw) => {
    const npos = args.length - (kw ? kw.length : 0);
    const argsTuple = npos ? newTupleFrom(args.slice(0, npos)) : newEmptyTuple();
    try {
      return impl(args, kw, argsTuple);
    } finally {
      decref(argsTuple);
    }
  };
}

/** A C int argument ("i" format): an index that fits in 32 bits. */
function cInt(v: PyObject): number {
  const n = indexValue(v);
  if (n > 2147483647n || n < -2147483648n) {
    throw pyError(E.OverflowError!, n > 0n ? 'signed integer is greater than maximum' : 'signed integer is less than minimum');
  }
  return Number(n);
}

/**
 * invoke_gc_callback: when gc.callbacks is not empty, one info dict
 * {"generation", "collected", "uncollectable"} is built (Py_BuildValue), then each
 * callback of the list (as it is at that moment, by index) is called with a new phase
 * str and the dict (PyObject_CallFunction "sO" builds them on the C stack, no tuple).
 * Errors are reported as unraisable.
 */
function invokeCallbacks(state: GcState, phase: 'start' | 'stop', generation: number, collected: number, uncollectable: number): void {
  const list = state.callbacks;
  if (list.items.length === 0) return;
  const info = newDict();
  dictSetSteal(info, newStr('generation'), newInt(generation));
  dictSetSteal(info, newStr('collected'), newInt(collected));
  dictSetSteal(info, newStr('uncollectable'), newInt(uncollectable));
  try {
    for (let i = 0; i < list.items.length; i++) {
      const cb = list.items[i]!;
      incref(cb);
      const phaseStr = newStr(phase);
      try {
        decref(call(cb, [newref(phaseStr), newref(info)]));
      } catch (e) {
        if (!(e instanceof PyRaise)) throw e;
        reportUnraisable(e.exc, cb);
      } finally {
        decref(phaseStr);
        decref(cb);
      }
    }
  } finally {
    decref(info);
  }
}

/** clear_freelists (end of a full collection): cached objects go back to the allocator. */
function clearFreeLists(): void {
  const heap = rt.heap;
  for (let n = 1; n < tupleFreeLists.length; n++) heap.clearFreeLists([tupleFreeLists[n]!], true);
  heap.clearFreeLists([floatFreeList], false);
  heap.clearFreeLists([listFreeList], true);
  heap.clearFreeLists([dictFreeList], true);
  heap.clearFreeLists([dictKeysFreeList], false);
}

/**
 * gc is not imported when a 3.11 script starts: its first import creates the module
 * (_imp.create_builtin) and importlib keeps a few objects, taken from the free lists
 * (measured with sys._debugmallocstats() before and after `import gc`: one dict, one
 * list and one 2-tuple fewer). The model built the module at start-up; the first import
 * only takes those free-list entries (the objects themselves are not modelled).
 */
provideModule('gc', () => {
  const state = gcState() as GcState & { imported?: boolean };
  if (!state.imported) {
    state.imported = true;
    for (const list of [dictFreeList, listFreeList, tupleFreeLists[2]!]) {
      if (list.addresses.length) list.addresses.pop();
    }
  }
  return newref(state.module);
});

export { PyTuple };
