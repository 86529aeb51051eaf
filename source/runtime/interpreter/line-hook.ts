/**
 * The start of every line of Python code: one LineStarted event, the run's limits (a
 * counter compare; limits.ts checks the step budget, deadline and memory every so many
 * lines), the tracers (sys.settrace's view of execution, for memory_profiler's line
 * tracer) and the session's hook (pausing, stepping, slicing).
 *
 * Tracers see CPython 3.11's trace events: 'call' when a frame starts or a generator
 * resumes, 'line' at each new line, 'return' when a frame ends, by return or by exception,
 * or a generator yields. The frame is still whole at 'return' (its locals are released after).
 */
import type { Frame } from './frame.js';
import { rt } from '../runtime.js';

export type Tracer = {
  call(f: Frame): void;
  line(f: Frame): void;
  ret(f: Frame): void;
};

export function lineStarted(f: Frame): void {
  rt.ev.line(f.serial, f.lineno);
  const limits = rt.limits;
  if (++limits.steps >= limits.nextCheck) limits.check();
  const tracers = rt.tracers;
  if (tracers.length !== 0) for (let i = 0; i < tracers.length; i++) tracers[i]!.line(f);
  const hook = rt.onLine;
  if (hook !== null) hook(f);
}

/** A frame starts executing (or a generator resumes): called only while tracers exist. */
export function traceCall(f: Frame): void {
  const tracers = rt.tracers;
  for (let i = 0; i < tracers.length; i++) tracers[i]!.call(f);
}

/** A frame stops executing (return, exception, or a generator's yield). */
export function traceReturn(f: Frame): void {
  const tracers = rt.tracers;
  for (let i = 0; i < tracers.length; i++) tracers[i]!.ret(f);
}

/** Install a tracer; returns the function that removes it. */
export function addTracer(t: Tracer): () => void {
  rt.tracers = [...rt.tracers, t];
  return () => {
    rt.tracers = rt.tracers.filter((x) => x !== t);
  };
}
