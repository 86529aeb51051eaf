/**
 * Generator objects: a suspended frame plus the JavaScript generator running its
 * compiled body. Sizes follow 3.11 (168 + 8·(co_nlocalsplus + co_stacksize)); an
 * unfinished generator is closed by its finalizer (PEP 442), which is how a suspended
 * generator in a reference cycle releases its frame during a collection.
 */
import { PyObject, type PyType, type Visit } from './object.js';
import { makeBuiltinType } from './typeobject.js';
import { rt } from '../runtime.js';
import { decref, incref, newref } from '../heap/refcount.js';
import { pyError, PyRaise } from '../errors.js';
import { E, PyBaseException, exceptionSetField, newException } from './exceptions.js';
import { None, newNone } from './singletons.js';
import { newStr, PyStr } from './str.js';
import type { PyFunction } from './function.js';
import { Frame, clearFrame } from '../interpreter/frame.js';
import { nlocalsplus, Completion } from '../interpreter/code.js';
import { tracebackHere } from '../interpreter/traceback.js';
import { EventKind } from '../../events/kinds.js';
import { addressOf } from '../protocols/abstract.js';
import { reportUnraisable } from '../interpreter/unraisable.js';
import { hostError } from '../limits.js';
import { traceCall, traceReturn } from '../interpreter/line-hook.js';
import { labelSlot } from './slot-labels.js';

export class PyGenerator extends PyObject {
  jsGen: Generator<PyObject, Completion, PyObject> | null = null;
  running = false;
  started = false;
  finished = false;
  /** The value of the `return` that ended the generator, until next() reports it. */
  returnValue: PyObject | null = null;
  constructor(
    type: PyType,
    readonly frame: Frame,
    readonly name: string,
    readonly qualname: string,
  ) {
    super(type);
  }
}

export let generatorType: PyType;

export function initGeneratorType(): void {
  generatorType = makeBuiltinType('generator', { baseType: false, gc: true, weakrefable: true, basicSize: 152 });
  generatorType.sizeof = (o) => {
    const code = (o as PyGenerator).frame.code;
    return 152 + 8 * (nlocalsplus(code) + code.stacksize);
  };
  generatorType.traverse = (o, visit: Visit) => {
    const g = o as PyGenerator;
    if (g.finished) return;
    const f = g.frame;
    f.locals.forEach((v, i) => v && visit(v, f.code.localSlots[i]!));
    f.cells.forEach((c, i) => visit(c, f.code.cellSlots[i] ?? 0));
    if (f.ownedFunc) visit(f.ownedFunc, labelSlot('f_func'));
  };
  generatorType.iter = (o) => newref(o);
  generatorType.iternext = (o) => {
    const g = o as PyGenerator;
    const r = resume(g, newNone(), null);
    if (r.done) {
      // next(g) raises StopIteration(value); a for loop just stops (gen_iternext).
      if (r.value !== None) g.returnValue = r.value;
      else decref(r.value);
      return null;
    }
    return r.value;
  };
  // _PyGen_Finalize: a generator not finished yet is closed; one never started just has
  // its frame cleared (the GeneratorExit ends it before its first line).
  generatorType.finalize = (o) => {
    const g = o as PyGenerator;
    if (g.finished) return;
    if (!g.started) {
      finish(g);
      return;
    }
    try {
      decref(closeGenerator(g));
    } catch (e) {
      if (e instanceof PyRaise) reportUnraisable(e.exc, o, 'Exception ignored in');
      else throw e;
    }
  };
  // gen_dealloc: a frame not cleared yet is cleared now (its function included).
  generatorType.dealloc = (o) => {
    const g = o as PyGenerator;
    if (g.returnValue) {
      decref(g.returnValue);
      g.returnValue = null;
    }
    if (!g.finished) finish(g);
  };
  generatorType.repr = (o) => newStr(`<generator object ${(o as PyGenerator).qualname} at ${addressOf(o)}>`);
}

/** A new generator owning frame `f` (not started). */
export function newGenerator(f: Frame, func: PyFunction): PyGenerator {
  incref(func);
  f.ownedFunc = func;
  rt.ev.refAdded(f.serial, func.serial, labelSlot('f_func'));
  const g = new PyGenerator(generatorType, f, (func.name as PyStr).v, (func.qualname as PyStr).v);
  rt.heap.allocate(g, true);
  f.generator = g;
  rt.ev.refAdded(g.serial, f.serial, labelSlot('gi_frame'));
  return g;
}

function finish(g: PyGenerator): void {
  g.finished = true;
  g.jsGen = null;
  const f = g.frame;
  f.exited = true;
  // Finishing inside resume(): the frame leaves the stack before its locals go.
  if (g.running) rt.ev.emit1(EventKind.FrameExited, f.serial);
  clearFrame(f);
}

export type ResumeResult = { done: boolean; value: PyObject };

/**
 * Run the generator until it yields (done=false, the yielded value) or returns (done=true,
 * the return value). `sent` (owned) is the value of the paused yield; `thrown` (owned)
 * an exception to raise there instead.
 */
export function resume(g: PyGenerator, sent: PyObject, thrown: PyObject | null): ResumeResult {
  if (g.running) {
    decref(sent);
    if (thrown) decref(thrown);
    throw pyError(E.ValueError!, 'generator already executing');
  }
  if (g.finished) {
    decref(sent);
    if (thrown) throw new PyRaise(thrown);
    return { done: true, value: newNone() };
  }
  if (!g.started && thrown === null && sent !== None) {
    decref(sent);
    throw pyError(E.TypeError!, "can't send non-None value to a just-started generator");
  }
  const f = g.frame;
  if (rt.depth >= rt.recursionLimit) {
    decref(sent);
    throw pyError(E.RecursionError!, 'maximum recursion depth exceeded');
  }
  g.running = true;
  f.back = rt.frame;
  rt.frame = f;
  rt.depth++;
  // Every resumption pushes the frame; every yield pops it (see the finally below).
  rt.ev.emit(EventKind.FrameEntered, f.serial, f.back ? f.back.serial : 0);
  if (rt.tracers.length !== 0) traceCall(f);
  // The 'return' trace event comes while the frame is still whole (before finish()).
  let traced = false;
  try {
    let step: IteratorResult<PyObject, Completion>;
    if (!g.started) {
      g.started = true;
      decref(sent);
      g.jsGen = f.code.gen!(f);
      step = thrown ? g.jsGen.throw(new PyRaise(thrown)) : g.jsGen.next(None);
    } else if (thrown) {
      decref(sent);
      step = g.jsGen!.throw(new PyRaise(thrown));
    } else {
      step = g.jsGen!.next(sent);
    }
    // A yield: the step itself, {done: false, value} (no object of our own per resume).
    if (!step.done) return step as ResumeResult;
    const r = f.retval ?? newNone();
    f.retval = null;
    if (!traced) traced = traceLeave(f);
    finish(g);
    return { done: true, value: r };
  } catch (e) {
    const err = hostError(e);
    if (err instanceof PyRaise) {
      tracebackHere(err, f);
      if (err.exc.type.isSubtypeOf(E.StopIteration!)) {
        // PEP 479: StopIteration escaping a generator becomes RuntimeError.
        const re = newException(E.RuntimeError!, [newStr('generator raised StopIteration')]);
        exceptionSetField(re, 'cause', err.exc);
        re.suppressContext = true;
        incref(err.exc);
        exceptionSetField(re, 'context', err.exc);
        if (!traced) traced = traceLeave(f);
        finish(g);
        throw new PyRaise(re);
      }
    }
    if (!traced) traced = traceLeave(f);
    finish(g);
    throw err;
  } finally {
    if (!traced) traceLeave(f);
    if (!g.finished) rt.ev.emit1(EventKind.FrameExited, f.serial);
    g.running = false;
    rt.frame = f.back;
    rt.depth--;
  }
}

/** The 'return' trace event of a generator frame that yields, returns or raises. */
function traceLeave(f: Frame): boolean {
  if (rt.tracers.length !== 0) traceReturn(f);
  return true;
}

/** gen.send(value) semantics for a caller: the yielded value, or StopIteration(value). */
export function generatorSend(g: PyGenerator, value: PyObject): PyObject {
  incref(value);
  const r = resume(g, value, null);
  if (!r.done) return r.value;
  throw stopIteration(r.value);
}

/** StopIteration carrying `value` (stolen). */
export function stopIteration(value: PyObject): PyRaise {
  if (value === None) {
    decref(value);
    return new PyRaise(newException(E.StopIteration!, []));
  }
  return new PyRaise(newException(E.StopIteration!, [value]));
}

/** gen.close(): throw GeneratorExit in; it must not yield again. Returns None (owned). */
export function closeGenerator(g: PyGenerator): PyObject {
  if (!g.started || g.finished) {
    if (!g.finished) finish(g);
    return newNone();
  }
  try {
    const r = resume(g, newNone(), newException(E.GeneratorExit!, []));
    if (!r.done) {
      decref(r.value);
      throw pyError(E.RuntimeError!, 'generator ignored GeneratorExit');
    }
    decref(r.value);
  } catch (e) {
    if (e instanceof PyRaise && (e.exc.type.isSubtypeOf(E.GeneratorExit!) || e.exc.type.isSubtypeOf(E.StopIteration!))) {
      decref(e.exc);
      return newNone();
    }
    throw e;
  }
  return newNone();
}

export { PyBaseException };
