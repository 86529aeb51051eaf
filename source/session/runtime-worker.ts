/**
 * The dashboard's runtime, in a worker thread: runs one program on a large stack (Python
 * recursion is JavaScript recursion) and stops at line boundaries when the session asks.
 *
 * The line hook is the only place the program can stop. While running it costs two
 * atomic loads per line (new command? flush wanted?); paused, the thread sleeps in
 * Atomics.wait until the main thread writes a command into the shared ring (protocol.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRuntime, executeMain } from '../runtime/run.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Frame } from '../runtime/interpreter/frame.js';
import type { CodeBody } from '../runtime/interpreter/code.js';
import { collectNow } from '../runtime/modules/gc.js';
import { PyRaise } from '../runtime/errors.js';
import { decref } from '../runtime/heap/refcount.js';
import { reportUnraisable } from '../runtime/interpreter/unraisable.js';
import { viewAllocator } from '../runtime/heap/allocator-view.js';
import { PrefaultedSlabs } from './prefault.js';
import { BatchExporter, SLAB_BYTES } from '../events/log.js';
import { addRun, runsInsideItsLine } from '../projections/main-script-lines.js';
import { CommandCode, Ctrl, MAX_EVENTS_AHEAD, RING_SIZE, type OutputChunk, type PauseReason, type WorkerInput, type WorkerMessage } from './protocol.js';

const input = workerData as WorkerInput;
const control = input.control;

/** What the program does between line starts. */
type Mode = 'running' | 'paused';

let mode: Mode = input.startPaused ? 'paused' : 'running';
let delayMs = input.delayMs;
/** Line starts left before a step pauses (0: not stepping). */
let stepsLeft = 0;
/** A step counts only the stops of frames at most this deep on the stack (a step over). */
let stepDepth = Infinity;
/** Commands taken from the ring. */
let tail = 0;
/** Last flush tick seen. */
let tick = 0;
/** While > 0 the hook never pauses: a key's gc.collect() or the shutdown runs to its end. */
let noPause = 0;
/** First pause is reported as 'start'. */
let started = false;

let lineNo = 0;
let scope = '<module>';
/** Line starts so far, in every module (the log's LineStarted events, counted the same way). */
let lines = 0;
/**
 * Line starts (ordinals) in the main script's code since the last message, as runs
 * [first, end): only these are stops. heapscope's library modules written in Python
 * (memory_profiler, weakref's containers) run through without pausing or stepping.
 */
let stops: number[] = [];

let pending: OutputChunk[] = [];
let runtime: Runtime;

/**
 * Most events in one report while running: the main thread folds a report in one go, so
 * a small one keeps it free for keys (a busy main thread also ticks less often).
 */
const BATCH_EVENTS = 1 << 16;

/** What of the runtime's log the main thread has been told about (set with the runtime). */
let exporter: BatchExporter | null = null;
/** Events sent to the main thread. */
const sentEvents = () => exporter?.events ?? 0;

function post(message: WorkerMessage): void {
  // The events stay where they are: the log's slabs are shared with the main thread.
  parentPort!.postMessage(message);
}

/** While running, the allocator's pools are reported at most this often (they cost O(pools)). */
const ALLOCATOR_EVERY_MS = 250;
let allocatorSentAt = -Infinity;

/**
 * The Flush part of a message: the new events, position and output since the previous
 * message, and the allocator's state (always when the program stops, else now and then).
 */
function flush(running = false) {
  const output = pending;
  const runs = stops;
  stops = [];
  let allocator;
  if (runtime && (!running || performance.now() - allocatorSentAt >= ALLOCATOR_EVERY_MS)) {
    allocator = viewAllocator(runtime.heap.allocator);
    allocatorSentAt = performance.now();
  }
  pending = [];
  const batch = exporter ? exporter.next() : null;
  return { events: runtime ? runtime.ev.count : 0, line: lineNo, scope, lines, output, batch, allocator, stops: runs };
}

function write(stream: 1 | 2, text: string): void {
  const last = pending[pending.length - 1];
  if (last && last.stream === stream) pending[pending.length - 1] = { stream, text: last.text + text };
  else pending.push({ stream, text });
}

/** The next command in the ring, or null (never blocks). */
function takeCommand(): { code: CommandCode; arg: number } | null {
  if (Atomics.load(control, Ctrl.Head) === tail) return null;
  const at = Ctrl.Ring + (tail % RING_SIZE) * 2;
  const code = Atomics.load(control, at) as CommandCode;
  const arg = Atomics.load(control, at + 1);
  tail++;
  Atomics.store(control, Ctrl.Tail, tail);
  return { code, arg };
}

/** gc.collect(generation) at this point of the program, as if the program had called it. */
function collectByKey(generation: number): void {
  const before = runtime.ev.count;
  let found = 0;
  noPause++;
  try {
    found = collectNow(generation);
  } catch (e) {
    // gc.collect() reports errors of callbacks and finalizers itself; anything that still
    // escapes is reported the way an unraisable exception is.
    if (e instanceof PyRaise) {
      reportUnraisable(e.exc, null);
      decref(e.exc);
    } else throw e;
  } finally {
    noPause--;
  }
  post({ type: 'collected', generation, found, before, ...flush() });
}

/** Apply one command (a collection runs right here). */
function apply(code: CommandCode, arg: number): void {
  switch (code) {
    case CommandCode.Pause:
      mode = 'paused';
      stepsLeft = 0;
      break;
    case CommandCode.Run:
      mode = 'running';
      stepsLeft = 0;
      break;
    case CommandCode.Step:
      mode = 'running';
      stepsLeft = Math.max(1, arg);
      stepDepth = Infinity;
      break;
    case CommandCode.StepOver:
      // Commands are applied at a line start of the paused frame: that frame's depth.
      mode = 'running';
      stepsLeft = 1;
      stepDepth = runtime.depth;
      break;
    case CommandCode.Delay:
      delayMs = arg;
      break;
    case CommandCode.Collect:
      collectByKey(arg);
      break;
  }
}

/** Read through a call: commands change the mode behind the type checker's back. */
function paused(): boolean {
  return mode === 'paused';
}

function drainCommands(): void {
  for (let c = takeCommand(); c !== null; c = takeCommand()) apply(c.code, c.arg);
}

/** Sleep until a command arrives (or `timeoutMs` passes), then apply what came. */
function waitForCommands(timeoutMs: number): void {
  Atomics.wait(control, Ctrl.Head, tail, timeoutMs);
  drainCommands();
}

/** Stay here while paused, answering commands (collections run here, at this point). */
function pauseHere(reason: PauseReason): void {
  post({ type: 'paused', reason, ...flush() });
  while (mode === 'paused') waitForCommands(Infinity);
  // A step continues silently: the next message is its pause (or, for a long step, a
  // report that it runs: reportProgress).
  if (stepsLeft === 0) post({ type: 'resumed', ...flush() });
}

/** The code of the last line start, and whether it runs inside its line (a loop asks once). */
let lastCode: CodeBody | null = null;
let lastCodeInside = false;

function onLine(frame: Frame): void {
  const j = lines++;
  if (frame.code.filename !== input.filename) return lineThatIsNoStop(false);
  if (frame.code !== lastCode) {
    lastCode = frame.code;
    lastCodeInside = runsInsideItsLine(lastCode.name);
  }
  if (lastCodeInside) return lineThatIsNoStop(true);
  lineNo = frame.lineno;
  scope = frame.code.qualname;
  addRun(stops, j, j + 1);
  if (noPause > 0) return;
  if (Atomics.load(control, Ctrl.Head) !== tail) drainCommands();
  if (!started) {
    started = true;
    if (mode === 'paused') return pauseHere('start');
  }
  if (stepsLeft > 0) {
    // Steps run at full speed; the last one stops at the start of the next line. A step
    // over runs through the lines of the calls it makes (deeper frames).
    if (runtime.depth > stepDepth) return reportProgress();
    if (--stepsLeft === 0) {
      mode = 'paused';
      pauseHere('step');
    }
    return;
  }
  if (mode === 'paused') return pauseHere('pause');
  if (delayMs > 0) {
    post({ type: 'progress', ...flush(true) });
    waitForCommands(delayMs);
    if (paused()) pauseHere('pause');
    return;
  }
  reportProgress();
}

/**
 * While running: a report when the main thread asks for one or much has happened. A step
 * is silent, but one that lasts past a report (through a long comprehension or library
 * code) is running and says so: the dashboard shows it, and space pauses it.
 */
function reportProgress(): void {
  const t = Atomics.load(control, Ctrl.FlushTick);
  if (t !== tick || runtime.ev.count - sentEvents() > BATCH_EVENTS) {
    tick = t;
    post({ type: stepsLeft > 0 ? 'resumed' : 'progress', ...flush(true) });
    waitForFolding();
  }
}

/**
 * A line start that is no stop: steps and the speed go past it, but a long run there
 * still reports. That is a line of a library module, or (`pausable`) one of a
 * comprehension, generator expression or lambda of the script, part of the line that
 * holds it: pausing (space) still stops there, so that a long comprehension can be
 * paused, and the dashboard shows the holding line.
 */
function lineThatIsNoStop(pausable: boolean): void {
  if (noPause > 0 || !started) return;
  if (Atomics.load(control, Ctrl.Head) !== tail) drainCommands();
  if (mode === 'paused') {
    if (pausable) pauseHere('pause');
    return;
  }
  reportProgress();
}

/** Wait while the main thread is too far behind, still answering commands. */
function waitForFolding(): void {
  while (sentEvents() - Atomics.load(control, Ctrl.Folded) > MAX_EVENTS_AHEAD) {
    waitForCommands(10);
    if (paused()) return pauseHere('pause');
  }
}

/** The main module is done: wait (g still collects here) until asked to shut down. */
function onMainDone(exitCode: number): void {
  post({ type: 'finished', exitCode, ...flush() });
  mode = 'paused';
  while (mode === 'paused') waitForCommands(Infinity);
  // Interpreter shutdown runs to its end: __del__ methods at exit never pause.
  noPause++;
}

function main(): void {
  let exitCode: number;
  try {
    // The log's first slab comes from the main thread (its mirror starts with it), the
    // others from here, touched ahead; the batches tell the mirror about them.
    const slabs = new PrefaultedSlabs(SLAB_BYTES);
    let first: SharedArrayBuffer | null = input.firstSlab;
    runtime = createRuntime(input.filename, input.source, {
      logMemory: (bytes) => {
        const slab = first ?? slabs.take(bytes);
        first = null;
        return slab;
      },
      stdout: (t) => write(1, t),
      stderr: (t) => write(2, t),
      onLine,
      onMainDone,
    });
    exporter = new BatchExporter(runtime.ev);
    exitCode = executeMain(runtime, input.source);
  } catch (e) {
    const message =
      e instanceof RangeError && /call stack/.test(e.message)
        ? 'the program recursed deeper than heapscope can follow'
        : `internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
    post({ type: 'crashed', message, ...flush(true) });
    return;
  }
  post({ type: 'exited', exitCode, ...flush() });
}

main();
