/**
 * The runtime: one running Python program's state (heap, event log, frame stack,
 * modules, output) — the model of one CPython interpreter.
 *
 * Only one runtime is active at a time; `rt` points at it so that the object model's hot
 * paths reach it through a single module variable (as CPython reaches its thread state).
 */
import { EventLog } from '../events/log.js';
import { Heap } from './heap/heap.js';
import { bindRefcountLog } from './heap/refcount.js';
import type { PyObject } from './objects/object.js';
import type { Frame } from './interpreter/frame.js';
import { RefLedger } from './heap/refcheck.js';
import { Limits } from './limits.js';

export type Writer = (text: string) => void;

export type RuntimeOptions = {
  /** Keep a registry of live objects for invariant checks (tests, --check). */
  checking?: boolean;
  stdout?: Writer;
  stderr?: Writer;
  /** Called at the start of every line of Python code (the session's pause point). */
  onLine?: (frame: Frame) => void;
  /** Step budget, deadline and modelled memory limit (default: 2 GiB, no step or time limit). */
  limits?: Limits;
  /**
   * Called when the main module has finished (normally, by an uncaught exception or by
   * SystemExit), before the interpreter is shut down: the dashboard pauses here.
   */
  onMainDone?: (exitCode: number) => void;
  /** Where the event log's memory comes from (default: fresh ArrayBuffers; see session/prefault.ts). */
  logMemory?: (bytes: number) => ArrayBufferLike;
};

// The active runtime. Assigned by Runtime.activate().
// eslint-disable-next-line import/no-mutable-exports
export let rt: Runtime;

export class Runtime {
  readonly ev: EventLog;
  readonly heap: Heap;
  /** The refcount invariant's bookkeeping, when checking is on (tests). */
  readonly ledger: RefLedger | null;
  /** The innermost executing frame. */
  frame: Frame | null = null;
  /** Python frames on the stack (the <module> frame included), for RecursionError. */
  depth = 0;
  recursionLimit = 1000;
  stdout: Writer;
  stderr: Writer;
  onLine: ((frame: Frame) => void) | null;
  readonly limits: Limits;
  /** Called by breakpoint() (the dashboard pauses there); null: breakpoint() does nothing. */
  onBreakpoint: (() => void) | null = null;
  /** Set when the program was stopped by a limit (it is not finalized). */
  stopped = false;
  /** The program ended with an uncaught KeyboardInterrupt (python3 then exits by SIGINT). */
  unhandledKeyboardInterrupt = false;
  onMainDone: ((exitCode: number) => void) | null;
  /** Line tracers (interpreter/line-hook.ts); replaced, never mutated, when one is added or removed. */
  tracers: import('./interpreter/line-hook.js').Tracer[] = [];
  /** Main script path as given (tracebacks print it as given) and its source lines. */
  filename = '<string>';
  sourceLines: string[] = [];
  /** Per-runtime state owned by other modules (builtins, sys, gc, weakref ...). */
  readonly state = new Map<string, unknown>();
  /** Hooks installed by the object model (weakref clearing, finalizers). */
  runFinalizer: (o: PyObject) => void = () => {};
  clearWeakrefs: (o: PyObject, callCallbacks: boolean) => void = () => {};

  constructor(options: RuntimeOptions = {}) {
    this.ev = new EventLog(options.logMemory);
    this.heap = new Heap(this.ev, options.checking ?? false);
    this.ledger = options.checking ? new RefLedger(this) : null;
    this.stdout = options.stdout ?? ((t) => process.stdout.write(t));
    this.stderr = options.stderr ?? ((t) => process.stderr.write(t));
    this.onLine = options.onLine ?? null;
    this.limits = options.limits ?? new Limits();
    this.onMainDone = options.onMainDone ?? null;
  }

  /** Make this the runtime that the object model operates on. */
  activate(): void {
    rt = this;
    bindRefcountLog(this.ev);
  }

  writeStdout(text: string): void {
    if (!text) return;
    this.ev.output(1, text);
    this.stdout(text);
  }

  writeStderr(text: string): void {
    if (!text) return;
    this.ev.output(2, text);
    this.stderr(text);
  }
}
