/**
 * `heapscope run FILE.py`: run headless; stdout and stderr carry exactly what the program
 * writes (buffered like python3 writing to a pipe), the exit code is the program's.
 */
import { readFileSync, statSync } from 'node:fs';
import { runProgram } from '../runtime/run.js';

export async function runCommand(args: string[], _flags: Record<string, unknown>): Promise<number> {
  const file = args[0];
  if (!file) {
    process.stderr.write('heapscope run: missing FILE.py (usage: heapscope run FILE.py)\n');
    return 2;
  }
  const source = readSource(file);
  if (source === null) return 2;
  const out: string[] = [];
  const err: string[] = [];
  let code: number;
  try {
    code = runProgram(file, source, {
      stdout: (t) => out.push(t),
      stderr: (t) => {
        // keep stdout before stderr text that follows it, as a flushed python3 would
        err.push(t);
      },
    }).exitCode;
  } finally {
    await write(process.stdout, out.join(''));
    await write(process.stderr, err.join(''));
  }
  return code;
}

function readSource(file: string): string | null {
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
