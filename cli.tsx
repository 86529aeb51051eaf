/**
 * heapscope's command line: `heapscope FILE.py` (dashboard), `heapscope run FILE.py`
 * (headless, prints exactly what python3 prints), `heapscope replay FILE.jsonl`.
 */
import meow from 'meow';
import { fileURLToPath } from 'node:url';
import { runCommand } from './source/cli/run-command.js';
import { parseSpeed, SPEEDS } from './source/session/speed.js';

declare const HEAPSCOPE_VERSION: string;

const cli = meow(
  `
  Usage
    $ heapscope [FILE.py]              open the dashboard on a scenario (a picker without FILE)
    $ heapscope run FILE.py            run headless: the program's output, as python3 prints it
    $ heapscope replay FILE.jsonl      open a recorded session

  Options
    --paused                           open the dashboard paused before the first line
    --speed N                          lines per second (${SPEEDS.filter((s) => s !== Infinity).join(', ')}) or max
    --version                          show the version
    --help                             show this help

  Keys in the dashboard: press ? for the list.

  Examples
    $ heapscope scenarios/reference_cycle.py
    $ heapscope run scenarios/reference_cycle.py
`,
  {
    importMeta: import.meta,
    version: typeof HEAPSCOPE_VERSION === 'string' ? HEAPSCOPE_VERSION : '0.0.0',
    flags: {
      paused: { type: 'boolean', default: false },
      speed: { type: 'string' },
    },
    allowUnknownFlags: false,
  },
);

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

async function main(): Promise<number> {
  if (command === 'run') return runCommand(rest, cli.flags);
  if (command === 'replay') {
    process.stderr.write('heapscope replay: recordings are not supported by this build yet\n');
    return 2;
  }
  if (rest.length > 0) {
    process.stderr.write(`heapscope: unexpected argument ${rest[0]} (see heapscope --help)\n`);
    return 2;
  }
  let speed: number | undefined;
  if (cli.flags.speed !== undefined) {
    const s = parseSpeed(cli.flags.speed);
    if (s === null) {
      process.stderr.write(`heapscope: --speed takes a number of lines per second or max, not ${cli.flags.speed}\n`);
      return 2;
    }
    speed = s;
  }
  const { dashboardCommand } = await loadTui();
  return dashboardCommand({
    file: command,
    scenariosDir: fileURLToPath(new URL('../scenarios/', import.meta.url)),
    startPaused: cli.flags.paused,
    speed,
  });
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
