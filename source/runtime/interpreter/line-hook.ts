/**
 * The start of every line of Python code: one LineStarted event, and the session's hook
 * (pausing, stepping, slicing; memory_profiler's line tracer).
 */
import type { Frame } from './frame.js';
import { rt } from '../runtime.js';

export function lineStarted(f: Frame): void {
  rt.ev.line(f.serial, f.lineno);
  const hook = rt.onLine;
  if (hook !== null) hook(f);
}
