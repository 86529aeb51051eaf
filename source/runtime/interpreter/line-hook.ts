/**
 * The start of every line of Python code: one LineStarted event, the run's limits (a
 * counter compare; limits.ts checks the step budget, deadline and memory every so many
 * lines), and the session's hook (pausing, stepping, slicing; memory_profiler's tracer).
 */
import type { Frame } from './frame.js';
import { rt } from '../runtime.js';

export function lineStarted(f: Frame): void {
  rt.ev.line(f.serial, f.lineno);
  const limits = rt.limits;
  if (++limits.steps >= limits.nextCheck) limits.check();
  const hook = rt.onLine;
  if (hook !== null) hook(f);
}
