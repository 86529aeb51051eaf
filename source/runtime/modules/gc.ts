/**
 * The gc module over the collector model: collect, thresholds and counts, enable and
 * disable, tracking queries, referrers/referents, callbacks, garbage and debug flags,
 * freeze, stats.
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
import { newTuple, PyTuple, tupleType, tupleFreeLists } from '../objects/tuple.js';
import { newList, listAppend, PyList, listFreeList } from '../objects/list.js';
import { newDict, dictSetSteal, dictFreeList, dictKeysFreeList } from '../objects/dict.js';
import { floatFreeList } from '../objects/float.js';
import { internStr } from '../objects/str.js';
import { rt } from '../runtime.js';
import { bindArgs, exactlyOne, noArgs, positional } from '../builtins/args.js';
import { call, indexValue, typeName } from '../protocols/abstract.js';
import { Collector } from '../collector/collect.js';
import { clearWeakref, isWeakref, weakrefCallback } from '../objects/weakref.js';
import { reportUnraisable } from '../interpreter/unraisable.js';
import { EventKind } from '../../events/kinds.js';
import { PERMANENT_GENERATION } from '../heap/heap.js';

export const DEBUG_STATS = 1, DEBUG_COLLECTABLE = 2, DEBUG_UNCOLLECTABLE = 4, DEBUG_SAVEALL = 32;

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
  state.collector = new Collector({
    callbacks: (phase, generation, collected, uncollectable) => invokeCallbacks(state, phase, generation, collected, uncollectable),
    saveAll: () => (state.debug & DEBUG_SAVEALL) !== 0,
    saveGarbage: (o) => listAppend(garbage, o),
    debugStats: () => (state.debug & DEBUG_STATS) !== 0,
    debugCollectable: () => (state.debug & DEBUG_COLLECTABLE) !== 0,
    clearWeakref,
    weakrefCallback,
    isWeakref,
    clearFreeLists: () => {
      const heap = rt.heap;
      heap.clearFreeLists([listFreeList], true);
      heap.clearFreeLists([dictFreeList], true);
      heap.clearFreeLists([dictKeysFreeList], false);
      heap.clearFreeLists([floatFreeList], false);
      for (let n = 1; n < tupleFreeLists.length; n++) heap.clearFreeLists([tupleFreeLists[n]!], true);
    },
  });
  rt.state.set('gc', state);
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
  for (const [k, v] of Object.entries({ DEBUG_STATS, DEBUG_COLLECTABLE, DEBUG_UNCOLLECTABLE, DEBUG_SAVEALL, DEBUG_LEAK: 38 })) moduleSet(m, k, newInt(v));
  const def = (name: string, impl: BuiltinImpl) => moduleSet(m, name, newBuiltinFunction(name, impl, m));

  def('collect', (_s, args, kw) => {
    const [g] = bindArgs('collect', args, kw, ['generation'], 0, 1);
    const generation = g === undefined ? 2 : Number(indexValue(g));
    if (generation < 0 || generation > 2) throw pyError(E.ValueError!, 'invalid generation');
    return newInt(collectNow(generation));
  });
  def('enable', () => {
    rt.heap.setEnabled(true);
    return newNone();
  });
  def('disable', () => {
    rt.heap.setEnabled(false);
    return newNone();
  });
  def('isenabled', () => newBool(rt.heap.enabled));
  def('get_count', (_s, args, kw) => {
    noArgs('get_count', args, kw);
    return newTuple(rt.heap.count.map((c) => newInt(c)));
  });
  def('get_threshold', () => newTuple(rt.heap.threshold.map((c) => newInt(c))));
  def('set_threshold', (_s, args, kw) => {
    if (!args.length) throw pyError(E.TypeError!, 'set_threshold() takes at least 1 argument (0 given)');
    const values = positional('set_threshold', args, kw, 1, 3);
    rt.heap.setThreshold(values.map((v) => Number(indexValue(v))));
    return newNone();
  });
  def('get_debug', () => newInt(state.debug));
  def('set_debug', (_s, args, kw) => {
    state.debug = Number(indexValue(exactlyOne('set_debug', args, kw)));
    return newNone();
  });
  def('is_tracked', (_s, args, kw) => newBool(exactlyOne('is_tracked', args, kw).gcGen !== UNTRACKED));
  def('is_finalized', (_s, args, kw) => newBool(exactlyOne('is_finalized', args, kw).finalized));
  def('get_objects', (_s, args, kw) => {
    const [g] = bindArgs('get_objects', args, kw, ['generation'], 0, 1);
    const gens = g === undefined || g === None ? [0, 1, 2] : [Number(indexValue(g))];
    if (gens[0]! >= 3) throw pyError(E.ValueError!, 'generation parameter must be less than the number of available generations (3)');
    if (gens[0]! < 0) throw pyError(E.ValueError!, 'generation parameter cannot be negative');
    const out: PyObject[] = [];
    for (const gen of gens) for (const o of rt.heap.generations[gen]!.toArray()) out.push(newref(o));
    return newList(out);
  });
  def('get_referents', (_s, args) => {
    const out: PyObject[] = [];
    for (const o of args) o.type.traverse?.(o, (t) => out.push(newref(t)));
    return newList(out);
  });
  def('get_referrers', (_s, args) => {
    const targets = new Set(args);
    const out: PyObject[] = [];
    for (const gen of [0, 1, 2]) {
      for (const o of rt.heap.generations[gen]!.toArray()) {
        let hit = false;
        o.type.traverse?.(o, (t) => {
          if (targets.has(t)) hit = true;
        });
        if (hit) out.push(newref(o));
      }
    }
    return newList(out);
  });
  def('freeze', () => {
    const heap = rt.heap;
    heap.mergeGenerations(0b111, PERMANENT_GENERATION);
    heap.count[0] = heap.count[1] = heap.count[2] = 0;
    heap.emitCounts(255);
    return newNone();
  });
  def('unfreeze', () => {
    rt.heap.mergeGenerations(1 << PERMANENT_GENERATION, 2);
    return newNone();
  });
  def('get_freeze_count', () => newInt(rt.heap.generations[PERMANENT_GENERATION]!.length));
  def('get_stats', () => {
    const out: PyObject[] = [];
    for (const s of state.collector.stats) {
      const d = newDict();
      dictSetSteal(d, internStr('collections'), newInt(s.collections));
      dictSetSteal(d, internStr('collected'), newInt(s.collected));
      dictSetSteal(d, internStr('uncollectable'), newInt(s.uncollectable));
      out.push(d);
    }
    return newList(out);
  });
  return m;
}

/** gc.collect(generation) as called by a program or a key press; 0 if one is running. */
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

function invokeCallbacks(state: GcState, phase: 'start' | 'stop', generation: number, collected: number, uncollectable: number): void {
  const list = state.callbacks.items.slice();
  if (!list.length) return;
  const info = newDict();
  dictSetSteal(info, internStr('generation'), newInt(generation));
  dictSetSteal(info, internStr('collected'), newInt(collected));
  dictSetSteal(info, internStr('uncollectable'), newInt(uncollectable));
  const phaseObj = newStr(phase);
  try {
    for (const cb of list) {
      incref(cb);
      try {
        decref(call(cb, [newref(phaseObj), newref(info)]));
      } catch (e) {
        if (e instanceof PyRaise) reportUnraisable(e.exc, cb);
        else throw e;
      } finally {
        decref(cb);
      }
    }
  } finally {
    decref(phaseObj);
    decref(info);
  }
}

provideModule('gc', () => newref(gcState().module));

export { EventKind, typeName, PyTuple, tupleType, PyInt };
