/**
 * Limits that keep a program from hurting the host: a step budget and a deadline (checked
 * at line starts, cheaply: one counter compare per line), and the modelled memory limit
 * behind MemoryError (`heapscope run --max-steps/--timeout/--memory-limit`).
 *
 * Memory is checked in two places: before a large request whose size is known (a list or
 * string repetition, a list built from a sized iterable) — where CPython's allocation
 * would fail — and, as a backstop for many small allocations, at line starts.
 */
import { ProgramStopped, pyError, type PyRaise } from './errors.js';
import { E } from './objects/exceptions.js';
import { rt } from './runtime.js';
import { DEFAULT_MEMORY_LIMIT, type StopKind } from './limit-values.js';

export { DEFAULT_MEMORY_LIMIT, STOP_EXIT_CODES, type StopKind } from './limit-values.js';
/** V8's longest string (64-bit): longer str values cannot be represented. */
export const MAX_JS_STRING = 2 ** 29 - 24;
/** Limits are checked every CHECK_EVERY line starts (and at the step limit itself). */
const CHECK_EVERY = 1024;

export class RunStopped extends ProgramStopped {
  constructor(
    reason: string,
    readonly kind: StopKind,
  ) {
    super(reason);
  }
}

export class Limits {
  /** Lines started so far. */
  steps = 0;
  /** The step count at which `check` runs next. */
  nextCheck = CHECK_EVERY;
  maxSteps = Infinity;
  /** Date.now() after which the program is stopped. */
  deadline = Infinity;
  /** Seconds given to --timeout (for the message). */
  timeoutSeconds = 0;
  memoryLimit = DEFAULT_MEMORY_LIMIT;
  /** The line-start backstop raises again only after memory grew past this. */
  private memoryMark = 0;
  /** Bytes the host may spend on the event log before the run is stopped. */
  eventLogLimit = 4 * 1024 ** 3;
  /** [0] is set to 1 by the host on Ctrl-C: the program gets a KeyboardInterrupt. */
  interrupt: Int32Array | null = null;

  constructor(options: { maxSteps?: number; timeoutSeconds?: number; memoryLimit?: number } = {}) {
    if (options.maxSteps !== undefined) this.maxSteps = options.maxSteps;
    if (options.timeoutSeconds !== undefined) {
      this.timeoutSeconds = options.timeoutSeconds;
      this.deadline = Date.now() + options.timeoutSeconds * 1000;
    }
    if (options.memoryLimit !== undefined) this.memoryLimit = options.memoryLimit;
    this.nextCheck = Math.min(this.maxSteps, CHECK_EVERY);
  }

  /** Called by lineStarted when `steps` reached `nextCheck`. */
  check(): void {
    if (this.steps >= this.maxSteps) {
      throw new RunStopped(`stopped after ${this.maxSteps} steps (--max-steps ${this.maxSteps})${atLine()}`, 'steps');
    }
    this.nextCheck = Math.min(this.maxSteps, this.steps + CHECK_EVERY);
    // As CPython's eval loop notices a pending SIGINT between instructions.
    if (this.interrupt !== null && Atomics.exchange(this.interrupt, 0, 0) === 1) throw pyError(E.KeyboardInterrupt!, null);
    if (this.deadline !== Infinity && Date.now() > this.deadline) throw timeoutStop(this.timeoutSeconds);
    if (rt.ev.bytes > this.eventLogLimit) {
      throw new RunStopped(`stopped: the event log of this run passed ${this.eventLogLimit / 1024 ** 3} GiB${atLine()} (limit long runs with --max-steps or --timeout)`, 'memory');
    }
    const used = modelledBytes();
    if (used > this.memoryLimit && used > this.memoryMark) {
      this.memoryMark = used + Math.max(1024 ** 2, this.memoryLimit / 64);
      throw pyError(E.MemoryError!, null);
    }
  }
}

export function timeoutStop(seconds: number, where = atLine()): RunStopped {
  return new RunStopped(`stopped after ${seconds} seconds (--timeout ${seconds})${where}`, 'timeout');
}

/** ", at line N of FILE" for the innermost frame (where a limit stopped the program). */
function atLine(): string {
  const f = rt.frame;
  if (f === null) return '';
  const file = f.code.filename.split('/').pop();
  return `, at line ${f.lineno} of ${file}`;
}

/** The modelled process's memory now: its resident set (allocator model). */
export function modelledBytes(): number {
  return rt.heap.allocator.rss;
}

/**
 * Before allocating `nbytes` at once: MemoryError when the modelled heap would pass the
 * limit (CPython's PyErr_NoMemory when malloc fails).
 */
export function reserveMemory(nbytes: number): void {
  if (!(nbytes <= rt.limits.memoryLimit - modelledBytes())) throw pyError(E.MemoryError!, null);
}

/** A str of `length` characters: the memory limit, then what a JavaScript string can hold. */
export function reserveString(length: number): void {
  reserveMemory(length);
  if (length > MAX_JS_STRING) throw pyError(E.MemoryError!, null);
}

/** A container of `n` items (8-byte pointers). */
export function reserveItems(n: number): void {
  reserveMemory(n * 8);
}

/**
 * A JavaScript RangeError other than stack exhaustion is an allocation the host could not
 * make (a string, BigInt or array too large): the program's MemoryError.
 */
export function hostError(err: unknown): unknown {
  if (err instanceof RangeError && !isStackOverflow(err)) return pyError(E.MemoryError!, null) as PyRaise;
  return err;
}

export function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}
