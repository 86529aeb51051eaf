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
import { programPath, workerUrl } from '../session/helpers.js';
import { untilListening } from './ink-helpers.js';

const sessions: Session[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
});

function openSeed(speed?: number, program = 'cycle.py') {
  const source = readFileSync(programPath(program), 'utf8');
  const session = new Session({ file: program, filename: programPath(program), source, workerUrl, startPaused: true, speed });
  sessions.push(session);
  let quit = 0;
  const app = render(
    <Root theme={COLOR_THEME} opened={{ session, sourceLines: source.split('\n'), replay: false }} scenarios={[]} open={() => null} onQuit={() => quit++} />,
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
  it('g after the cycle collects its 2 objects: Generations shows it, the graph loses them, ← brings them back', async () => {
    const { app, session, until } = openSeed(SPEEDS.length - 1);
    await until((f) => f.includes('‖ paused') && marked(f) === '10', 'the first line');
    while (session.state.live.line !== 27) {
      const at = session.state.live.event;
      app.stdin.write('n');
      await session.waitFor((s) => s.status === 'paused' && s.live.event !== at);
    }
    // After `del node1, node2`: the two Node objects are garbage waiting for the collector
    // (below the variables: move the selection down to them).
    await until((f) => marked(f) === '27' && f.includes('garbage: unreachable, not yet collected (2)'), 'the cycle as garbage');
    for (let i = 0; i < 4; i++) app.stdin.write('\x1b[B');
    const before = await until((f) => /▸ ✗ Node/.test(f), 'a garbage Node selected');
    expect(before.match(/✗ Node @\S+ rc=1 ⟲ ✗/g)).toHaveLength(2);
    expect(before).not.toContain('last: generation 2');

    app.stdin.write('g');
    const after = await until((f) => f.includes('last: generation 2 · 2 unreachable'), 'the collection in Generations');
    expect(after).toContain('2 collected · 0 uncollectable');
    expect(after).toContain('garbage: unreachable, not yet collected (0)');
    expect(after).not.toMatch(/✗ Node/);
    expect(after).toContain('♻ gc.collect(2) by key: 2 collected');

    // Step back: the heap just before the key's collection.
    app.stdin.write('\x1b[D');
    const back = await until((f) => f.includes('◀ history') && /✗ Node/.test(f), 'one step back');
    expect(back).toContain('garbage: unreachable, not yet collected (2)');
    expect(back.match(/✗ Node @\S+ rc=1 ⟲ ✗/g)).toHaveLength(2);
    expect(back).not.toContain('last: generation 2');
    expect(marked(back)).toBe('27');

    // Forward again, then let the program's own gc.collect() find nothing left.
    app.stdin.write('\x1b[C');
    await until((f) => !f.includes('◀ history') && f.includes('garbage: unreachable, not yet collected (0)'), 'the live end');
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
    const restarted = await until((f) => marked(f) === '10' && f.includes('‖ paused'), 'the first line after the restart');
    expect(restarted).not.toContain('unreachable objects collected');
  });
});

describe('dashboard on memory_profiler and the allocator', () => {
  it('fills in the Profiler panel line by line, and shows the arenas in the Allocator view', async () => {
    const { app, session, until } = openSeed(SPEEDS.length - 1, 'profiled.py');
    await until((f) => marked(f) === '2', 'the first line');
    while (session.state.live.line !== 8) {
      const at = session.state.live.event;
      app.stdin.write('n');
      await session.waitFor((s) => s.status === 'paused' && s.live.event !== at);
    }
    // The list of 10**6 items: 7.6 MiB on line 7, as memory_profiler prints it; line 8 runs next.
    const running = await until((f) => /▶ {2}8 /.test(f), 'the running line in the Profiler panel');
    expect(running).toMatch(/ {3}7 +\d+\.\d MiB +7\.6 MiB +1  +a = \[1\] \*/);
    expect(running).toMatch(/▸list +1 +7\.6 MiB/);

    app.stdin.write('a');
    const allocator = await until((f) => f.includes('allocator · a: types'), 'the Allocator view');
    expect(allocator).toMatch(/RSS \d+\.\d MiB · peak \d+\.\d MiB/);
    expect(allocator).toMatch(/pools: \d+ used · \d+ full/);
    // The variable selected in the graph, `a`: a list object, in a pool of 64-byte blocks.
    expect(allocator).toMatch(/selected list @0x[0-9a-f]+/);
    expect(allocator).toMatch(/arena \d+ · pool \d+ · 64 B blocks · \d+\/255 used/);

    app.stdin.write(' ');
    const done = await until((f) => f.includes('■ finished'), 'the end');
    expect(done).not.toContain('▶  8');
  });
});
