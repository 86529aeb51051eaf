/**
 * `heapscope [FILE.py]`: the dashboard in the terminal. Takes the terminal over (the
 * alternate screen, raw keys), gives it back as it found it on every way out: q, Ctrl-C,
 * SIGTERM/SIGHUP, or a heapscope bug.
 */
import { render } from 'ink';
import { isAbsolute, basename } from 'node:path';
import { Root, type Opened } from './Root.js';
import { themeFromEnv } from './theme.js';
import { Session } from '../session/session.js';
import { listScenarios, type Scenario } from '../session/scenarios.js';
import { readSource } from '../cli/run-command.js';
import { describeError } from '../cli/replay-command.js';
import { readRecording, type Recording } from '../events/record-file.js';
import { ReplaySession } from '../session/replay-session.js';

export type DashboardOptions = {
  /** The scenario file, or undefined for the picker. */
  readonly file: string | undefined;
  /** Where the bundled scenarios are. */
  readonly scenariosDir: string;
  readonly startPaused: boolean;
  /** Index into SPEEDS. */
  readonly speed: number | undefined;
};

const ALT_SCREEN_ON = '\x1b[?1049h\x1b[H\x1b[2J';
const ALT_SCREEN_OFF = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';

export async function dashboardCommand(options: DashboardOptions): Promise<number> {
  if (!isTerminal()) return notTerminal();
  const sessions: Session[] = [];
  const open = (path: string, shown: string): Opened | null => {
    const source = readSource(path);
    if (source === null) return null;
    // CPython makes the script path absolute by joining it to the working directory.
    const filename = isAbsolute(path) ? path : `${process.cwd()}/${path}`;
    const session = new Session({ file: shown, filename, source, startPaused: options.startPaused, speed: options.speed });
    sessions.push(session);
    return { session, sourceLines: lines(source), replay: false };
  };
  let opened: Opened | null = null;
  let scenarios: Scenario[] = [];
  if (options.file !== undefined) {
    opened = open(options.file, basename(options.file));
    if (opened === null) return 2;
  } else scenarios = listScenarios(options.scenariosDir);

  return show(opened, scenarios, (s) => open(s.path, s.name), () => Promise.all(sessions.map((s) => s.dispose())));
}

export type ReplayOptions = {
  /** The record file. */
  readonly file: string;
  /** Index into SPEEDS. */
  readonly speed: number | undefined;
};

/** `heapscope replay FILE.jsonl`: the dashboard over a recording, read-only. */
export async function replayDashboardCommand(options: ReplayOptions): Promise<number> {
  if (!isTerminal()) return notTerminal();
  let recording: Recording;
  try {
    recording = await readRecording(options.file);
  } catch (e) {
    process.stderr.write(`heapscope: ${options.file}: ${describeError(e)}\n`);
    return 2;
  }
  const session = new ReplaySession(recording, basename(recording.header.file || options.file), options.speed);
  return show({ session, sourceLines: lines(recording.header.source), replay: true }, [], () => null, () => session.dispose());
}

function lines(source: string): string[] {
  return source.replace(/\r\n?/g, '\n').split('\n');
}

function isTerminal(): boolean {
  return Boolean(process.stdout.isTTY && process.stdin.isTTY);
}

function notTerminal(): number {
  process.stderr.write('heapscope: the dashboard needs a terminal; to run a program without one, use `heapscope run FILE.py`\n');
  return 2;
}

/** Take the terminal, draw until the user quits, give the terminal back. */
async function show(opened: Opened | null, scenarios: Scenario[], open: (s: Scenario) => Opened | null, dispose: () => Promise<unknown>): Promise<number> {
  const terminal = takeTerminal();
  let resolveQuit!: () => void;
  const quit = new Promise<void>((r) => (resolveQuit = r));
  // The session paces its updates by what frames cost; Ink's own limit only merges bursts.
  let shown = opened;
  const onOpen = (s: Scenario) => (shown = open(s));
  const onRender = ({ renderTime }: { renderTime: number }) => {
    shown?.session.pacer.add(renderTime);
    shown?.session.pacer.frameDone();
  };
  const ink = render(<Root theme={themeFromEnv()} opened={opened} scenarios={scenarios} open={onOpen} onQuit={() => resolveQuit()} />, {
    exitOnCtrlC: false,
    patchConsole: true,
    maxFps: 60,
    onRender,
  });
  const onSignal = () => resolveQuit();
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  try {
    await quit;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    ink.unmount();
    await dispose();
    terminal.restore();
  }
  return 0;
}

/** Switch to the alternate screen; `restore` switches back (also on a crash). */
function takeTerminal(): { restore: () => void } {
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.stdout.write(SHOW_CURSOR + ALT_SCREEN_OFF);
  };
  process.stdout.write(ALT_SCREEN_ON);
  process.once('exit', restore);
  return { restore };
}
