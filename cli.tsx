/**
 * heapscope's command line: `heapscope FILE.py` (dashboard), `heapscope run FILE.py`
 * (headless, prints exactly what python3 prints), `heapscope replay FILE.jsonl`.
 */
import meow from 'meow';
import { runCommand } from './source/cli/run-command.js';
import { replayCommand } from './source/cli/replay-command.js';

declare const HEAPSCOPE_VERSION: string;

const cli = meow(
  `
  Usage
    $ heapscope [FILE.py]              open the dashboard on a scenario (a picker without FILE)
    $ heapscope run FILE.py            run headless: the program's output, as python3 prints it
    $ heapscope replay FILE.jsonl      open a recorded session

  Options
    --record OUT.jsonl                 (run) also write every event to OUT.jsonl
    --output                           (replay) print the recorded output instead
    --version                          show the version
    --help                             show this help

  Examples
    $ heapscope scenarios/reference_cycle.py
    $ heapscope run scenarios/reference_cycle.py --record cycle.jsonl
    $ heapscope replay cycle.jsonl --output
`,
  {
    importMeta: import.meta,
    version: typeof HEAPSCOPE_VERSION === 'string' ? HEAPSCOPE_VERSION : '0.0.0',
    flags: {
      record: { type: 'string' },
      output: { type: 'boolean', default: false },
    },
    allowUnknownFlags: false,
  },
);

const [command, ...rest] = cli.input;

async function main(): Promise<number> {
  if (command === 'run') return runCommand(rest, cli.flags);
  if (command === 'replay') return replayCommand(rest, cli.flags);
  process.stderr.write('heapscope: the dashboard is not built yet; use `heapscope run FILE.py`\n');
  return 2;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`heapscope: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 70;
  },
);
