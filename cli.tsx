/**
 * heapscope's command line: `heapscope FILE.py` (dashboard), `heapscope run FILE.py`
 * (headless, prints exactly what python3 prints), `heapscope replay FILE.jsonl`.
 */
import meow from 'meow';
import { runCommand } from './source/cli/run-command.js';
import { EXIT_INTERNAL, injectedFault, internalErrorText } from './source/cli/internal-error.js';
import { replayCommand } from './source/cli/replay-command.js';

declare const HEAPSCOPE_VERSION: string;

const cli = meow(
  `
  Usage
    $ heapscope [FILE.py]              open the dashboard on a scenario (a picker without FILE)
    $ heapscope run FILE.py            run headless: the program's output, as python3 prints it
    $ heapscope replay FILE.jsonl      open a recorded session

  Options of run
    --max-steps N                      stop after N lines have started (exit code 125)
    --timeout SECONDS                  stop after SECONDS of running (exit code 124)
    --memory-limit SIZE                MemoryError when the modelled heap would pass SIZE
                                       (such as 512M or 2G; default 2G)
    --check                            check the heap's invariants at the end (exit code 70
                                       if one fails)

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
      maxSteps: { type: 'string' },
      timeout: { type: 'string' },
      memoryLimit: { type: 'string' },
      check: { type: 'boolean' },
      record: { type: 'string' },
      output: { type: 'boolean', default: false },
    },
    allowUnknownFlags: false,
  },
);

const [command, ...rest] = cli.input;

async function main(): Promise<number> {
  injectedFault('main');
  if (command === 'run') return runCommand(rest, cli.flags);
  if (command === 'replay') return replayCommand(rest, cli.flags);
  process.stderr.write('heapscope: the dashboard is not built yet; use `heapscope run FILE.py`\n');
  return 2;
}

// Whatever escapes (a rejected promise, an error thrown in an event handler): one line, exit 70.
const fail = (error: unknown) => {
  process.stderr.write(internalErrorText(error));
  process.exit(EXIT_INTERNAL);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

main().then((code) => {
  process.exitCode = code;
}, fail);
