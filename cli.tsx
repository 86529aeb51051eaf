/**
 * heapscope's command line: `heapscope FILE.py` (dashboard), `heapscope run FILE.py`
 * (headless, prints exactly what python3 prints), `heapscope replay FILE.jsonl`.
 */
import { fileURLToPath } from 'node:url';
import { runCommand } from './source/cli/run-command.js';
import { EXIT_INTERNAL, injectedFault, internalErrorText } from './source/cli/internal-error.js';
import { replayCommand } from './source/cli/replay-command.js';
import { parseSpeed, SPEEDS } from './source/session/speed.js';
import { FLAGS, parsePlainCommandLine, type CommandLine } from './source/cli/argv.js';

declare const HEAPSCOPE_VERSION: string;

const HELP = `
  Usage
    $ heapscope [FILE.py]              open the dashboard on a scenario (a picker without FILE)
    $ heapscope run FILE.py            run headless: the program's output, as python3 prints it
    $ heapscope replay FILE.jsonl      open a recorded session in the dashboard (read-only)

  Options of run
    --max-steps N                      stop after N lines have started (exit code 125)
    --timeout SECONDS                  stop after SECONDS of running (exit code 124)
    --memory-limit SIZE                MemoryError when the modelled heap would pass SIZE
                                       (such as 512M or 2G; default 2G)
    --check                            check the heap's invariants at the end (exit code 70
                                       if one fails)

  Options
    --paused                           (dashboard) open paused before the first line
    --speed N                          (dashboard, replay) lines per second (${SPEEDS.filter((s) => s !== Infinity).join(', ')}) or max
    --record OUT.jsonl                 (run) also write every event to OUT.jsonl
    --output                           (replay) print the recorded output instead
    --version                          show the version
    --help                             show this help

  Keys in the dashboard: press ? for the list.

  Examples
    $ heapscope scenarios/reference_cycle.py
    $ heapscope run scenarios/reference_cycle.py --record cycle.jsonl
    $ heapscope replay cycle.jsonl
`;

/**
 * The command line: parsed here when it is a plain one (source/cli/argv.ts), else by meow,
 * which also answers --help and --version and reports unknown flags.
 */
async function commandLine(): Promise<CommandLine> {
  const plain = parsePlainCommandLine(process.argv.slice(2));
  if (plain !== null) {
    // As meow does: the process is named after package.json's bin.
    process.title = 'heapscope';
    return plain;
  }
  const { default: meow } = await import('meow');
  const cli = meow(HELP, {
    importMeta: import.meta,
    version: typeof HEAPSCOPE_VERSION === 'string' ? HEAPSCOPE_VERSION : '0.0.0',
    flags: FLAGS,
    allowUnknownFlags: false,
  });
  return { input: cli.input, flags: cli.flags };
}

const cli = await commandLine();
const [command, ...rest] = cli.input;

type Tui = typeof import('./source/ui/tui.js');

/** The dashboard lives in its own bundle (dist/tui.js): `heapscope run` never loads React. */
async function loadTui(): Promise<Tui> {
  // Ink renders nothing until exit when it believes it runs in CI; the dashboard is
  // interactive by definition (it checks for a terminal first).
  delete process.env['CI'];
  delete process.env['CONTINUOUS_INTEGRATION'];
  return (await import(new URL('./tui.js', import.meta.url).href)) as Tui;
}

/** The --speed option as an index into SPEEDS; undefined when absent, null when invalid. */
function speedFlag(): number | undefined | null {
  if (cli.flags.speed === undefined) return undefined;
  const s = parseSpeed(cli.flags.speed);
  if (s === null) process.stderr.write(`heapscope: --speed takes a number of lines per second or max, not ${cli.flags.speed}\n`);
  return s;
}

async function main(): Promise<number> {
  injectedFault('main');
  if (command === 'run') return runCommand(rest, cli.flags);
  const speed = speedFlag();
  if (speed === null) return 2;
  if (command === 'replay') {
    if (cli.flags.output || !rest[0]) return replayCommand(rest, cli.flags);
    const { replayDashboardCommand } = await loadTui();
    return replayDashboardCommand({ file: rest[0], speed });
  }
  if (rest.length > 0) {
    process.stderr.write(`heapscope: unexpected argument ${rest[0]} (see heapscope --help)\n`);
    return 2;
  }
  const { dashboardCommand } = await loadTui();
  return dashboardCommand({
    file: command,
    scenariosDir: fileURLToPath(new URL('../scenarios/', import.meta.url)),
    startPaused: cli.flags.paused,
    speed,
  });
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
