/**
 * `heapscope run FILE.py`: run headless; stdout and stderr carry exactly what the program
 * writes (buffered like python3 writing to a pipe), the exit code is the program's.
 *
 * The program runs in a worker thread (deep stack; can be terminated). Exit codes of
 * heapscope itself (README, "Exit codes"): 2 bad usage or unreadable file, 70 internal
 * error, 124 --timeout, 125 --max-steps, 137 out of memory on the host side.
 *
 * With `--record OUT.jsonl` the event log is also written there (events/record-file.ts).
 */
import { readFileSync, statSync, existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import { decodeSourceFile } from '../python/source-file.js';
import { DEFAULT_MEMORY_LIMIT, STOP_EXIT_CODES } from '../runtime/limit-values.js';
import { parseRunOptions, type RunOptions } from './run-options.js';
import type { WorkerInput, WorkerMessage } from './headless-worker.js';
import { EXIT_INTERNAL, internalErrorText } from './internal-error.js';

export const EXIT_USAGE = 2;

export async function runCommand(args: string[], flags: Record<string, unknown>): Promise<number> {
  const file = args[0];
  if (!file) {
    process.stderr.write('heapscope run: missing FILE.py (usage: heapscope run FILE.py [--record OUT.jsonl])\n');
    return EXIT_USAGE;
  }
  if (args.length > 1) {
    process.stderr.write(`heapscope run: one FILE.py only (got also '${args[1]}'); heapscope does not pass arguments to scenarios\n`);
    return EXIT_USAGE;
  }
  const options = parseRunOptions(flags);
  if (typeof options === 'string') {
    process.stderr.write(`heapscope run: ${options}\n`);
    return EXIT_USAGE;
  }
  const record = flags.record;
  if (record !== undefined && (typeof record !== 'string' || record === '')) {
    process.stderr.write('heapscope run: --record needs a file name (--record OUT.jsonl)\n');
    return EXIT_USAGE;
  }
  // CPython 3.9+ makes the script path absolute by joining it to the working directory.
  const filename = isAbsolute(file) ? file : `${process.cwd()}/${file}`;
  const bytes = readScript(filename);
  if (typeof bytes === 'number') return bytes;
  const decoded = decodeSourceFile(bytes, filename);
  if (!decoded.ok) {
    process.stderr.write(decoded.stderr);
    return 1;
  }
  return runInWorker(filename, decoded.text, options, record ?? null);
}

/**
 * The text of a script for the dashboard, decoded as python3 decodes it; null after saying
 * on stderr why it cannot be opened (the same messages as `heapscope run`).
 */
export function readSource(file: string): string | null {
  const filename = isAbsolute(file) ? file : `${process.cwd()}/${file}`;
  const bytes = readScript(filename);
  if (typeof bytes === 'number') return null;
  const decoded = decodeSourceFile(bytes, filename);
  if (!decoded.ok) {
    process.stderr.write(decoded.stderr);
    return null;
  }
  return decoded.text;
}

/**
 * The file's bytes, or the exit code after saying (in python3's words, as `heapscope`)
 * why it cannot be run.
 */
function readScript(filename: string): Uint8Array | number {
  try {
    if (statSync(filename).isDirectory()) {
      if (existsSync(join(filename, '__main__.py'))) {
        process.stderr.write(`heapscope: '${filename}' is a directory; heapscope runs one file: give '${join(filename, '__main__.py')}'\n`);
        return EXIT_USAGE;
      }
      process.stderr.write(`heapscope: can't find '__main__' module in '${filename}'\n`);
      return 1;
    }
    return readFileSync(filename);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const errno = typeof err.errno === 'number' ? Math.abs(err.errno) : 0;
    const why = ERRNO_TEXT[err.code ?? ''] ?? err.message;
    process.stderr.write(`heapscope: can't open file '${filename}': [Errno ${errno}] ${why}\n`);
    return EXIT_USAGE;
  }
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
  EISDIR: 'Is a directory',
  EIO: 'Input/output error',
};

/** The worker's JavaScript heap: room for the modelled heap, within the machine. */
function workerHeapMb(memoryLimit: number): number {
  const fromEnv = Number(process.env.HEAPSCOPE_JS_HEAP_MB);
  if (fromEnv > 0) return fromEnv;
  const wanted = Math.max(1024, (4 * memoryLimit) / 1024 ** 2);
  return Math.round(Math.min(wanted, (0.75 * totalmem()) / 1024 ** 2));
}

/**
 * Run in a worker thread with a large stack. stderr is written as it comes; stdout too
 * when it is a terminal or PYTHONUNBUFFERED is set, else when the program ends (as
 * python3 writing to a pipe buffers it).
 */
function runInWorker(filename: string, source: string, options: RunOptions, record: string | null): Promise<number> {
  return new Promise((resolve) => {
    // control[0] = 1 once stdout is a broken pipe (the worker raises BrokenPipeError);
    // control[1] = 1 when Ctrl-C is pending (the program gets a KeyboardInterrupt).
    const control = new SharedArrayBuffer(8);
    const unbuffered = process.stdout.isTTY || !!process.env.PYTHONUNBUFFERED;
    const input: WorkerInput = { filename, source, options, control, unbuffered, record };
    const worker = new Worker(new URL('./headless-worker.js', import.meta.url), {
      workerData: input,
      resourceLimits: { stackSizeMb: 256, maxOldGenerationSizeMb: workerHeapMb(options.memoryLimit ?? DEFAULT_MEMORY_LIMIT) },
      stdout: false,
      stderr: false,
    });
    const out: string[] = [];
    let stdoutBroken = false;
    let code = EXIT_INTERNAL;
    let finished = false;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') return;
      stdoutBroken = true;
      Atomics.store(new Int32Array(control), 0, 1);
    });
    process.stderr.on('error', () => {});
    const writeOut = (text: string) => {
      if (!stdoutBroken) process.stdout.write(text);
    };
    // Ctrl-C: a KeyboardInterrupt inside the program at its next line, as python3 raises
    // it; a Ctrl-C while the last one is still undelivered (the program is inside one long
    // operation) ends the run by SIGINT at once.
    let interrupted = false;
    const onSigint = () => {
      if (Atomics.compareExchange(new Int32Array(control), 1, 0, 1) === 0) return;
      finished = true;
      interrupted = true;
      void worker.terminate();
    };
    process.on('SIGINT', onSigint);
    let hardStop: NodeJS.Timeout | null = null;
    if (options.timeoutSeconds !== undefined) {
      // The worker stops itself at a line start after the deadline; a program stuck inside
      // one long operation is terminated a little later.
      hardStop = setTimeout(() => {
        if (finished) return;
        finished = true;
        code = STOP_EXIT_CODES.timeout;
        process.stderr.write(`heapscope: stopped after ${options.timeoutSeconds} seconds (--timeout ${options.timeoutSeconds})\n`);
        void worker.terminate();
      }, options.timeoutSeconds * 1000 + 1500);
    }
    worker.on('message', (m: WorkerMessage) => {
      if (finished) return;
      if (m.type === 'exit') {
        code = m.code;
        interrupted = m.interrupted;
      }
      else {
        for (const c of m.chunks) {
          if (c.stream === 2) process.stderr.write(c.text);
          else if (unbuffered) writeOut(c.text);
          else out.push(c.text);
        }
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (finished) return;
      finished = true;
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        const limit = options.memoryLimit ?? DEFAULT_MEMORY_LIMIT;
        process.stderr.write(
          `heapscope: stopped: the program needs more host memory than heapscope can give it (the modelled heap had not reached its limit of ${formatSize(limit)}; try a smaller --memory-limit)\n`,
        );
        code = STOP_EXIT_CODES.memory;
      } else {
        process.stderr.write(internalErrorText(e));
        code = EXIT_INTERNAL;
      }
    });
    worker.on('exit', async () => {
      finished = true;
      if (hardStop) clearTimeout(hardStop);
      if (out.length && !stdoutBroken) {
        const ok = await write(process.stdout, out.join(''));
        // python3 flushing a buffered stdout into a closed pipe at exit:
        if (!ok) {
          process.stderr.write("Exception ignored in: <_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>\nBrokenPipeError: [Errno 32] Broken pipe\n");
          code = 120; // Py_RunMain: a failed Py_FinalizeEx gives 120
        }
      }
      process.off('SIGINT', onSigint);
      // python3 with an unhandled KeyboardInterrupt kills itself with SIGINT once finalized.
      if (interrupted) process.kill(process.pid, 'SIGINT');
      else resolve(code);
    });
  });
}

export function formatSize(bytes: number): string {
  for (const [unit, size] of [['G', 1024 ** 3], ['M', 1024 ** 2], ['K', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return `${bytes}`;
}

/** Write and wait; false when the stream is a broken pipe. */
function write(stream: NodeJS.WriteStream, text: string): Promise<boolean> {
  return new Promise((resolve) => stream.write(text, (err) => resolve(!err)));
}
