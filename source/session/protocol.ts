/**
 * The protocol between the session (main thread) and the runtime worker.
 *
 * Commands travel through a SharedArrayBuffer, not postMessage: while the program is
 * paused the worker is blocked in Atomics.wait inside the line hook, and its message
 * port is not read until the program continues. The main thread appends commands to a
 * ring in shared memory and wakes the worker with Atomics.notify; the worker also looks
 * at the ring at every line boundary while the program runs, so a pause or a gc.collect()
 * key is answered at the next line.
 *
 * Results travel back as ordinary messages (WorkerMessage), each carrying a Flush: the
 * output written and the position reached since the previous message.
 */

import type { EventBatch } from '../events/log.js';
import type { AllocatorView } from '../runtime/heap/allocator-view.js';

/** What the main thread asks of the runtime. */
export const enum CommandCode {
  /** Stop at the next line boundary and wait. */
  Pause = 1,
  /** Continue running (at the current speed). */
  Run = 2,
  /** Run `arg` more line starts, then pause. */
  Step = 3,
  /** Wait `arg` milliseconds at every line start (0: full speed). */
  Delay = 4,
  /** gc.collect(arg) at the current point of the program. */
  Collect = 5,
  /**
   * Step over (pdb's `next`): run to the next stop in the paused frame or in a frame below
   * it on the stack (its caller, once it returns), then pause. Calls made meanwhile run
   * through.
   */
  StepOver = 6,
}

/** Word indices of the control block. */
export const enum Ctrl {
  /** Number of commands written so far (the main thread increments it; wait/notify on it). */
  Head = 0,
  /** Number of commands the worker has taken (so the main thread never overruns the ring). */
  Tail = 1,
  /** Incremented by the main thread's flush timer: "send what you have" while running. */
  FlushTick = 2,
  /** Events the main thread has folded: the worker waits when it runs too far ahead. */
  Folded = 3,
  /** First word of the ring: RING_SIZE entries of (code, arg). */
  Ring = 4,
}

export const RING_SIZE = 64;

/**
 * Events the runtime may run ahead of the main thread's folding before it waits (about
 * a second of a tight loop): keeps the dashboard near the live end and the backlog of
 * unfolded batches bounded.
 */
export const MAX_EVENTS_AHEAD = 4_000_000;
export const CONTROL_WORDS = Ctrl.Ring + RING_SIZE * 2;

export function createControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * Int32Array.BYTES_PER_ELEMENT));
}

/** Data the worker starts with. */
export type WorkerInput = {
  /** Path of the script as the program sees it (__file__, tracebacks). */
  readonly filename: string;
  readonly source: string;
  readonly control: Int32Array;
  /** Begin paused before the first line (else running). */
  readonly startPaused: boolean;
  /** Initial delay per line in milliseconds (0: full speed). */
  readonly delayMs: number;
  /** The first slab of the runtime's event log, which the main thread's mirror starts with. */
  readonly firstSlab: SharedArrayBuffer;
};

export type OutputChunk = { readonly stream: 1 | 2; readonly text: string };

/** Everything the worker reports with each message. */
export type Flush = {
  /** Where the runtime's log has got to since the previous message (events, strings, slabs). */
  readonly batch: EventBatch | null;
  /** Events in the runtime's log so far (-1 when unknown: the worker died without a report). */
  readonly events: number;
  /** Line being executed (the last line started), 0 before the first. */
  readonly line: number;
  /** Qualified name of the code object running that line ('<module>' at top level). */
  readonly scope: string;
  /** Line starts executed so far. */
  readonly lines: number;
  /** Program output since the previous message. */
  readonly output: readonly OutputChunk[];
  /** Line starts (ordinals, as the log counts LineStarted) in the main script since the previous message, as runs [first, end). */
  readonly stops: readonly number[];
  /** pymalloc's arenas and pools now (at every stop; while running, a few times a second). */
  readonly allocator?: AllocatorView;
};

/** Why the worker stopped at a line. */
export type PauseReason = 'start' | 'pause' | 'step';

export type WorkerMessage =
  /** Periodic report while the program runs. */
  | ({ readonly type: 'progress' } & Flush)
  /** The program stopped at the start of `line` and waits for commands. */
  | ({ readonly type: 'paused'; readonly reason: PauseReason } & Flush)
  /** The program continues after a pause. */
  | ({ readonly type: 'resumed' } & Flush)
  /** A gc.collect(generation) asked for by a key has run; `found` is what it returned. */
  | ({ readonly type: 'collected'; readonly generation: number; readonly found: number; readonly before: number } & Flush)
  /**
   * The main module has finished (exit code known) and the interpreter has not been shut
   * down yet; the worker waits for Run or Step to shut it down.
   */
  | ({ readonly type: 'finished'; readonly exitCode: number } & Flush)
  /** The interpreter has been shut down; the worker ends. */
  | ({ readonly type: 'exited'; readonly exitCode: number } & Flush)
  /** A heapscope bug (not a Python exception) stopped the runtime. */
  | ({ readonly type: 'crashed'; readonly message: string } & Flush);
