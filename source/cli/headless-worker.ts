/**
 * The headless runner's worker thread: runs one program on a large stack (Python
 * recursion maps to JavaScript recursion) and streams its output to the main thread;
 * with `record`, writes the event log there afterwards.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { runProgram } from '../runtime/run.js';
import type { Runtime } from '../runtime/runtime.js';
import { PYTHON_MODEL, writeRecording } from '../events/record-file.js';
import { benchStats } from './bench-stats.js';

declare const HEAPSCOPE_VERSION: string;

type Input = { filename: string; source: string; record: string | null };

const { filename, source, record } = workerData as Input;
let pending: { stream: 1 | 2; text: string }[] = [];
const flush = () => {
  if (pending.length) parentPort!.postMessage({ type: 'output', chunks: pending });
  pending = [];
};
const push = (stream: 1 | 2, text: string) => {
  pending.push({ stream, text });
  if (pending.length > 256) flush();
};
let exitCode: number;
let runtime: Runtime | null = null;
const bench = benchStats();
try {
  const result = runProgram(filename, source, { stdout: (t) => push(1, t), stderr: (t) => push(2, t), beforeRun: bench?.beforeRun });
  exitCode = result.exitCode;
  runtime = result.runtime;
  bench?.finish(result.runtime);
} catch (e) {
  if (e instanceof RangeError && /call stack/.test(e.message)) {
    push(2, 'heapscope: the program recursed deeper than heapscope can follow (raise the limit less with sys.setrecursionlimit)\n');
    exitCode = 1;
  } else {
    push(2, `heapscope: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    exitCode = 70;
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
parentPort!.postMessage({ type: 'exit', code: exitCode });
