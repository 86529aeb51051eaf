/**
 * `heapscope replay FILE.jsonl`: open a recording. With `--output`, print what the program
 * wrote (stdout to stdout, stderr to stderr) as it was recorded. A file that cannot be
 * read (missing, truncated, corrupted, from a newer heapscope) is one line on stderr and
 * exit code 2.
 */
import { readRecording, RecordingError, type Recording } from '../events/record-file.js';
import { EventKind } from '../events/kinds.js';

export async function replayCommand(args: string[], flags: Record<string, unknown>): Promise<number> {
  const file = args[0];
  if (!file) {
    process.stderr.write('heapscope replay: missing FILE.jsonl (usage: heapscope replay FILE.jsonl [--output])\n');
    return 2;
  }
  let recording: Recording;
  try {
    recording = await readRecording(file);
  } catch (e) {
    process.stderr.write(`heapscope: ${file}: ${describeError(e)}\n`);
    return 2;
  }
  if (flags.output) {
    await printOutput(recording);
    return 0;
  }
  process.stderr.write('heapscope: the dashboard is not built yet; use `heapscope replay FILE.jsonl --output`\n');
  return 2;
}

/** Why a record file cannot be opened, in a few words. */
export function describeError(e: unknown): string {
  if (e instanceof RecordingError) return e.message;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  return `cannot read file (${(e as Error).message.split('\n')[0]})`;
}

/** The recorded output, in order, each stream to its own. */
async function printOutput(recording: Recording): Promise<void> {
  const { log } = recording;
  const out: string[] = [];
  const err: string[] = [];
  log.forEach((r) => {
    if (r.kind === EventKind.Output) (r.a === 2 ? err : out).push(log.strings.get(r.b));
  });
  await write(process.stderr, err.join(''));
  await write(process.stdout, out.join(''));
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  if (!text) return Promise.resolve();
  return new Promise((resolve) => stream.write(text, () => resolve()));
}
