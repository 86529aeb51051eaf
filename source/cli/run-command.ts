/**
 * `heapscope run FILE.py`: run headless; stdout and stderr carry exactly what the program
 * writes (buffered like python3 writing to a pipe), the exit code is the program's.
 * With `--record OUT.jsonl` the event log is also written there (events/record-file.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { Worker } from 'node:worker_threads';

export async function runCommand(args: string[], flags: Record<string, unknown>): Promise<number> {
  const file = args[0];
  if (!file) {
    process.stderr.write('heapscope run: missing FILE.py (usage: heapscope run FILE.py [--record OUT.jsonl])\n');
    return 2;
  }
  const record = flags.record;
  if (record !== undefined && (typeof record !== 'string' || record === '')) {
    process.stderr.write('heapscope run: --record needs a file name (--record OUT.jsonl)\n');
    return 2;
  }
  const source = readSource(file);
  if (source === null) return 2;
  // CPython 3.9+ makes the script path absolute by joining it to the working directory.
  const filename = isAbsolute(file) ? file : `${process.cwd()}/${file}`;
  return runInWorker(filename, source, record ?? null);
}

/**
 * Run in a worker thread with a large stack. stderr is written as it comes; stdout too
 * when it is a terminal or PYTHONUNBUFFERED is set, else when the program ends (as
 * python3 writing to a pipe buffers it).
 */
function runInWorker(filename: string, source: string, record: string | null): Promise<number> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./headless-worker.js', import.meta.url), {
      workerData: { filename, source, record },
      resourceLimits: { stackSizeMb: 256 },
      stdout: false,
      stderr: false,
    });
    const out: string[] = [];
    const unbuffered = process.stdout.isTTY || !!process.env.PYTHONUNBUFFERED;
    let code = 70;
    worker.on('message', (m: { type: 'output'; chunks: { stream: 1 | 2; text: string }[] } | { type: 'exit'; code: number }) => {
      if (m.type === 'exit') code = m.code;
      else {
        for (const c of m.chunks) {
          if (c.stream === 2) process.stderr.write(c.text);
          else if (unbuffered) process.stdout.write(c.text);
          else out.push(c.text);
        }
      }
    });
    worker.on('error', (e) => {
      process.stderr.write(`heapscope: internal error: ${e.message}\n`);
      code = 70;
    });
    worker.on('exit', async () => {
      await write(process.stdout, out.join(''));
      resolve(code);
    });
  });
}

export function readSource(file: string): string | null {
  try {
    const st = statSync(file);
    if (st.isDirectory()) {
      process.stderr.write(`heapscope: ${file}: is a directory\n`);
      return null;
    }
    const bytes = readFileSync(file);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
    } catch {
      process.stderr.write(`heapscope: ${file}: not valid UTF-8 text\n`);
      return null;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(`heapscope: ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'cannot read file'}\n`);
    return null;
  }
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  if (!text) return Promise.resolve();
  return new Promise((resolve) => stream.write(text, () => resolve()));
}
