/**
 * A compiled code object's body: the closures the compiler produced for one function,
 * lambda, comprehension, class body or module, with the metadata calls and tracebacks
 * need (CPython's PyCodeObject fields).
 */
import type { Frame } from './frame.js';
import type { PyObject } from '../objects/object.js';

/** Outcome of running a statement: normal, or a jump out of it. */
export const enum Completion {
  Normal = 0,
  Break = 1,
  Continue = 2,
  Return = 3,
}

export type ExprFn = (f: Frame) => PyObject;
export type StmtFn = (f: Frame) => Completion;
export type GenStmtFn = (f: Frame) => Generator<PyObject, Completion, PyObject>;

export type CodeBody = {
  name: string;
  qualname: string;
  filename: string;
  firstLineno: number;
  /** Last line of the definition (its end line in the AST): where inspect.getsourcelines' block ends. */
  lastLineno: number;
  /** Positional parameters (posonly + regular), keyword-only, positional-only count. */
  argcount: number;
  posonlyargcount: number;
  kwonlyargcount: number;
  hasVarargs: boolean;
  hasVarkw: boolean;
  /** Fast locals: parameters first (CPython's co_varnames). */
  varnames: string[];
  /** Event-log slot label of each fast local. */
  localSlots: number[];
  /** Locals captured by inner functions, and names taken from enclosing ones. */
  cellvars: string[];
  /** Event-log slot label of each cell variable's cell. */
  cellSlots: number[];
  freevars: string[];
  /** Event-log slot label of each free variable's cell (taken from the closure). */
  freeSlots: number[];
  /** For each cellvar that is also a parameter: its varnames index (MAKE_CELL copies it). */
  cellFromArg: number[];
  isGenerator: boolean;
  /** Module and class bodies use a namespace dict instead of fast locals. */
  usesNamespace: boolean;
  /** co_stacksize estimate: sizes generator objects (168 + 8·(nlocalsplus + stacksize)). */
  stacksize: number;
  /** String id of qualname in the event log (FrameCreated events). */
  nameId: number;
  /** The compiled body. Exactly one of run/gen is set. */
  run: StmtFn | null;
  gen: GenStmtFn | null;
};

export function nlocalsplus(code: CodeBody): number {
  return code.varnames.length + code.cellvars.filter((c) => !code.varnames.includes(c)).length + code.freevars.length;
}
