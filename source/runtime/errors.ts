/**
 * Python exceptions crossing TypeScript code. A raised Python exception travels as a
 * thrown `PyRaise` holding one reference to the exception object (no JavaScript stack is
 * captured, so raising stays cheap). Everything else that escapes the interpreter is a
 * heapscope bug, reported as such by the CLI.
 */
import type { PyObject, PyType } from './objects/object.js';

export class PyRaise {
  /**
   * The last frame that recorded a traceback entry for this raise (an exception gets one
   * entry per frame it arrives in; a bare `raise` continues in the same frame).
   */
  tbFrame: unknown = null;
  constructor(
    /** The exception instance (owned reference). */
    public exc: PyObject,
  ) {}
}

/** Thrown to unwind the whole program: SystemExit reached the top, or a hard stop. */
export class ProgramExit {
  constructor(readonly code: number) {}
}

/** The runtime stopped the program on purpose (step limit, timeout, restart). */
export class ProgramStopped {
  constructor(readonly reason: string) {}
}

/** Lazily bound constructor of exception instances, installed by the exception module. */
let makeException: (type: PyType, message: string | null) => PyObject;

export function bindExceptionFactory(fn: typeof makeException): void {
  makeException = fn;
}

/** Create an exception of `type` with one string argument (or none). */
export function pyError(type: PyType, message: string | null = null): PyRaise {
  return new PyRaise(makeException(type, message));
}

export function isPyRaise(e: unknown): e is PyRaise {
  return e instanceof PyRaise;
}
