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
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write('heapscope: the dashboard needs a terminal; to run a program without one, use `heapscope run FILE.py`\n');
    return 2;
  }
  const sessions: Session[] = [];
  const open = (path: string, shown: string): Opened | null => {
    const source = readSource(path);
    if (source === null) return null;
    // CPython makes the script path absolute by joining it to the working directory.
    const filename = isAbsolute(path) ? path : `${process.cwd()}/${path}`;
    const session = new Session({ file: shown, filename, source, startPaused: options.startPaused, speed: options.speed });
    sessions.push(session);
    return { session, sourceLines: source.replace(/\r\n?/g, '\n').split('\n') };
  };
  let opened: Opened | null = null;
  let scenarios: Scenario[] = [];
  if (options.file !== undefined) {
    opened = open(options.file, basename(options.file));
    if (opened === null) return 2;
  } else scenarios = listScenarios(options.scenariosDir);

  const terminal = takeTerminal();
  let resolveQuit!: () => void;
  const quit = new Promise<void>((r) => (resolveQuit = r));
  const ink = render(
    <Root theme={themeFromEnv()} opened={opened} scenarios={scenarios} open={(s) => open(s.path, s.name)} onQuit={() => resolveQuit()} />,
    // The session paces updates while running; Ink's own limit only merges bursts.
    { exitOnCtrlC: false, patchConsole: true, maxFps: 60 },
  );
  const onSignal = () => resolveQuit();
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  try {
    await quit;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    ink.unmount();
    await Promise.all(sessions.map((s) => s.dispose()));
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
