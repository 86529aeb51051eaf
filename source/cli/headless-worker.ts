/**
 * The headless runner's worker thread: runs one program on a large stack (Python
 * recursion maps to JavaScript recursion) and streams its output to the main thread;
 * with `record`, writes the event log there afterwards.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { runProgram } from '../runtime/run.js';
import { Limits, isStackOverflow } from '../runtime/limits.js';
import { checkInvariants } from '../runtime/check/invariants.js';
import { brokenPipe } from '../runtime/interpreter/host-io.js';
import type { RunOptions } from './run-options.js';
import { EXIT_INTERNAL, injectedFault, internalErrorText } from './internal-error.js';
import { benchStats } from './bench-stats.js';
import { PrefaultedSlabs } from '../session/prefault.js';
import { SLAB_BYTES } from '../events/log.js';

export type WorkerInput = {
  filename: string;
  source: string;
  options: RunOptions;
  /** Int32 flags shared with the main thread: [0] = stdout is a broken pipe, [1] = Ctrl-C pending. */
  control: SharedArrayBuffer;
  /** stdout is written as it comes (a terminal, PYTHONUNBUFFERED), not at the end. */
  unbuffered: boolean;
  /** --record OUT.jsonl: where the event log goes after the run, or null. */
  record: string | null;
};

export type WorkerMessage =
  | { type: 'output'; chunks: { stream: 1 | 2; text: string }[] }
  | { type: 'exit'; code: number; interrupted: boolean };

injectedFault('worker-startup');
const { filename, source, options, control, unbuffered, record } = workerData as WorkerInput;
const flags = new Int32Array(control);
import type { Runtime } from '../runtime/runtime.js';
import { PYTHON_MODEL, writeRecording } from '../events/record-file.js';

declare const HEAPSCOPE_VERSION: string;
let pending: { stream: 1 | 2; text: string }[] = [];
let lastFlush = Date.now();
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const flush = () => {
  if (pending.length) post({ type: 'output', chunks: pending });
  pending = [];
  lastFlush = Date.now();
};
const push = (stream: 1 | 2, text: string) => {
  pending.push({ stream, text });
  // stderr is line-buffered in python3 (and stdout on a terminal): a finished line goes
  // out now, even if the program then runs for a long time without writing.
  if (pending.length > 256 || Date.now() - lastFlush > 50 || ((stream === 2 || unbuffered) && text.includes('\n'))) flush();
};
const stdout = (text: string) => {
  // python3 writing into a closed pipe: print() raises BrokenPipeError.
  if (Atomics.load(flags, 0) === 1) throw brokenPipe();
  push(1, text);
};

let exitCode: number;
let interrupted = false;
let runtime: Runtime | null = null;
const bench = benchStats();
try {
  const limits = new Limits(options);
  limits.interrupt = new Int32Array(control, 4, 1);
  injectedFault('worker');
  const slabs = new PrefaultedSlabs(SLAB_BYTES);
  const result = runProgram(filename, source, {
    logMemory: (bytes) => slabs.take(bytes),
    checking: options.check === true,
    limits,
    stdout,
    stderr: (t) => push(2, t),
    beforeRun: bench?.beforeRun,
  });
  runtime = result.runtime;
  bench?.finish(runtime);
  exitCode = result.exitCode;
  interrupted = runtime.unhandledKeyboardInterrupt;
  if (options.check) {
    const violations = checkInvariants(runtime);
    for (const v of violations.slice(0, 20)) push(2, `heapscope: --check: ${v.kind}: ${v.message}\n`);
    if (violations.length > 20) push(2, `heapscope: --check: ... and ${violations.length - 20} more\n`);
    if (violations.length) exitCode = EXIT_INTERNAL;
  }
} catch (e) {
  if (isStackOverflow(e)) {
    push(2, 'heapscope: the program recursed deeper than heapscope can follow (raise the limit less with sys.setrecursionlimit)\n');
    exitCode = 1;
  } else {
    push(2, internalErrorText(e));
    exitCode = EXIT_INTERNAL;
  }
}
if (record !== null && runtime !== null) {
  try {
    const fd = openSync(record, 'w');
    try {
      const version = typeof HEAPSCOPE_VERSION === 'string' ? HEAPSCOPE_VERSION : '0.0.0';
      writeRecording(runtime.ev, { heapscope: version, python: PYTHON_MODEL, file: filename, source }, exitCode, (t) => void writeSync(fd, t));
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    push(2, `heapscope: cannot write ${record}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    exitCode = 2;
  }
}
flush();
post({ type: 'exit', code: exitCode, interrupted });
