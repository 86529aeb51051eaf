/**
 * The headless runner's worker thread: runs one program on a large stack (Python
 * recursion maps to JavaScript recursion) and streams its output to the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runProgram } from '../runtime/run.js';
import { benchStats } from './bench-stats.js';

type Input = { filename: string; source: string };

const { filename, source } = workerData as Input;
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
const bench = benchStats();
try {
  const result = runProgram(filename, source, { stdout: (t) => push(1, t), stderr: (t) => push(2, t), beforeRun: bench?.beforeRun });
  exitCode = result.exitCode;
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
flush();
parentPort!.postMessage({ type: 'exit', code: exitCode });
