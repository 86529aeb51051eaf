/**
 * The dashboard on a real session (the runtime worker from dist/): keys typed into the
 * app reach the program, and what the program does shows in the panels.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { readFileSync } from 'node:fs';
import { Root } from '../../source/ui/Root.js';
import { Session } from '../../source/session/session.js';
import { COLOR_THEME } from '../../source/ui/theme.js';
import { SPEEDS } from '../../source/session/speed.js';
import { scenarioPath, workerUrl } from '../session/helpers.js';
import { untilListening } from './ink-helpers.js';

const sessions: Session[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
});

function openSeed(speed?: number) {
  const source = readFileSync(scenarioPath('reference_cycle.py'), 'utf8');
  const session = new Session({ file: 'reference_cycle.py', filename: scenarioPath('reference_cycle.py'), source, workerUrl, startPaused: true, speed });
  sessions.push(session);
  let quit = 0;
  const app = render(
    <Root theme={COLOR_THEME} opened={{ session, sourceLines: source.split('\n') }} scenarios={[]} open={() => null} onQuit={() => quit++} />,
  );
  const frame = () => app.lastFrame() ?? '';
  const ready = untilListening(app.stdin);
  /** Resolves when the frame satisfies `test` (the session reports asynchronously). */
  const until = async (test: (f: string) => boolean, what: string) => {
    await ready;
    for (let i = 0; i < 400; i++) {
      if (test(frame())) return frame();
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no frame with ${what}:\n${frame()}`);
  };
  return { app, session, frame, until, quits: () => quit };
}

const marked = (f: string) => /▶\s*(\d+) /.exec(f)?.[1];

describe('dashboard on the seed scenario', () => {
  it('steps with n to the line after the cycle, then g collects the 2 Node objects there', async () => {
    const { app, session, until } = openSeed(SPEEDS.length - 1);
    await until((f) => f.includes('‖ paused') && marked(f) === '10', 'the first line');
    while (session.state.live.line !== 27) {
      const at = session.state.live.event;
      app.stdin.write('n');
      await session.waitFor((s) => s.status === 'paused' && s.live.event !== at);
    }
    await until((f) => marked(f) === '27', 'line 27 marked');
    app.stdin.write('g');
    await until((f) => f.includes('♻ gc.collect(2) by key → 2 unreachable'), 'the collection in the events log');
    // The program's own gc.collect() on line 27 then finds nothing.
    app.stdin.write(' ');
    await until((f) => f.includes('unreachable objects collected: 0') && f.includes('■ finished'), 'the end of the program');
  });

  it('steps back through what it has shown, then forward to the live end', async () => {
    const { app, session, until } = openSeed();
    await until((f) => marked(f) === '10', 'the first line');
    for (const line of ['11', '14']) {
      app.stdin.write('n');
      await until((f) => marked(f) === line && f.includes('‖ paused'), `line ${line}`);
    }
    app.stdin.write('\x1b[D');
    await until((f) => marked(f) === '11' && f.includes('◀ history'), 'one step back');
    app.stdin.write('\x1b[D');
    await until((f) => marked(f) === '10', 'two steps back');
    app.stdin.write('\x1b[C');
    app.stdin.write('\x1b[C');
    await until((f) => marked(f) === '14' && f.includes('‖ paused') && !f.includes('◀ history'), 'the live end again');
    expect(session.state.cursor).toBeNull();
  });

  it('restarts the program with r', async () => {
    const { app, until } = openSeed(SPEEDS.length - 1);
    await until((f) => marked(f) === '10', 'the first line');
    app.stdin.write(' ');
    await until((f) => f.includes('■ finished'), 'the end');
    app.stdin.write('r');
    await until((f) => marked(f) === '10' && f.includes('‖ paused') && f.includes('(no output yet)'), 'the first line after the restart');
  });
});
