/**
 * The session controller against the real runtime worker (dist/runtime-worker.js, built by
 * `npm test` before vitest runs): pausing at lines, stepping, gc.collect() by key at the
 * current point, speed, restart, the end of the program.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Session } from '../../source/session/session.js';
import { SPEEDS } from '../../source/session/speed.js';
import { programPath, workerUrl } from './helpers.js';

const sessions: Session[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
});

function open(file: string, source: string, options: { startPaused?: boolean; speed?: number } = {}): Session {
  const s = new Session({ file, filename: `/tmp/${file}`, source, workerUrl, startPaused: options.startPaused ?? true, speed: options.speed });
  sessions.push(s);
  return s;
}

const seed = () => readFileSync(programPath('cycle.py'), 'utf8');
/** What the program has written to one stream, as the session's log holds it. */
function written(s: Session, stream: 1 | 2 = 1): string {
  s.timeline.foldAll();
  return s.timeline
    .output(s.timeline.end, Infinity)
    .filter((c) => c.stream === stream)
    .map((c) => c.text)
    .join('');
}
const text = (s: Session) => written(s).replace(/\n$/, '');

/** Step until the program is paused at `line` (at most `limit` steps). */
async function stepTo(s: Session, line: number, limit = 100): Promise<void> {
  await s.waitFor((st) => st.status === 'paused');
  for (let i = 0; i < limit && s.state.live.line !== line; i++) {
    const at = s.state.live.event;
    s.step();
    await s.waitFor((st) => st.status !== 'paused' || st.live.event !== at);
    await s.waitFor((st) => st.status !== 'running');
  }
  expect(s.state.live.line).toBe(line);
}

describe('session', () => {
  it('opens paused at the first line and steps line by line', async () => {
    const s = open('seed.py', 'a = 1\nb = 2\nprint(a + b)\n');
    await s.waitFor((st) => st.status === 'paused');
    expect(s.state.live.line).toBe(1);
    s.step();
    await s.waitFor((st) => st.live.line === 2 && st.status === 'paused');
    s.step();
    await s.waitFor((st) => st.live.line === 3 && st.status === 'paused');
    expect(text(s)).toBe('');
    s.step();
    await s.waitFor((st) => st.status === 'finished');
    expect(text(s)).toBe('3');
    expect(s.state.exitCode).toBe(0);
    s.step();
    await s.waitFor((st) => st.status === 'exited');
  });

  it('runs gc.collect() by key at the current point, as the program would', async () => {
    const s = open('reference_cycle.py', seed());
    // Line 27 is `print("unreachable objects collected:", gc.collect())`, after `del node1, node2`.
    await stepTo(s, 27);
    s.collect(2);
    const after = await s.waitFor((st) => st.keyCollections.length === 1);
    expect(after.status).toBe('paused');
    // The collection's events joined the log, right where the program stands.
    const key = after.keyCollections[0]!;
    s.timeline.foldAll();
    const record = s.timeline.travel.collections(s.timeline.end).at(-1)!;
    expect(record).toMatchObject({ generation: 2, unreachable: 2, collected: 2, uncollectable: 0 });
    expect(record.start).toBeGreaterThanOrEqual(key.before);
    expect(record.end).toBeLessThan(key.after);
    expect(s.timeline.travel.lineBefore(record.start)).toBe(s.timeline.travel.lineBefore(key.before));
    // The program's own gc.collect() then finds nothing: the key's collection freed the cycle.
    s.toggleRun();
    await s.waitFor((st) => st.status === 'finished');
    expect(text(s)).toContain('unreachable objects collected: 0');
  });

  it('steps back through the stops it has seen, and forward to the live end', async () => {
    const s = open('seed.py', 'a = 1\nb = 2\nc = 3\n');
    await stepTo(s, 3);
    const live = s.state.live.event;
    s.stepBack();
    expect(s.state.cursor).not.toBeNull();
    expect(s.state.cursor!).toBeLessThan(live);
    s.stepBack();
    const twoBack = s.state.cursor!;
    expect(s.timeline.travel.seek(twoBack).currentLine).toBe(1);
    s.step();
    expect(s.state.cursor!).toBeGreaterThan(twoBack);
    expect(s.timeline.travel.seek(s.state.cursor!).currentLine).toBe(2);
    s.step();
    expect(s.state.cursor).toBeNull();
  });

  it.each([
    ['a tight million-iteration loop', 'for i in range(10**6):\n    x = [i]\nprint("done")\n', [1, 2]],
    // Its line starts are no stops, but a pause still lands there, at the line that holds it.
    ['a long generator expression', 'total = sum(i for i in range(10**9))\nprint("done")\n', [1]],
  ])('answers a pause within %s', async (_, source, lines) => {
    const s = open('loop.py', source, { startPaused: false, speed: SPEEDS.length - 1 });
    await s.waitFor((st) => st.status === 'running' && st.lines > 1000);
    s.toggleRun();
    await s.waitFor((st) => st.status === 'paused');
    // The pause lands inside the loop (latency itself is measured by test/bench/ui.mjs).
    expect(written(s)).toBe('');
    expect(lines).toContain(s.state.live.line);
  });

  it('shows a long step as running, and space pauses it', async () => {
    const s = open('sum.py', 'total = sum(i for i in range(10**9))\nprint("done")\n');
    await s.waitFor((st) => st.status === 'paused');
    s.step();
    await s.waitFor((st) => st.status === 'running');
    s.toggleRun();
    await s.waitFor((st) => st.status === 'paused');
    expect(s.state.live.line).toBe(1);
    expect(written(s)).toBe('');
  });

  it('steps over a comprehension in one step', async () => {
    const s = open('comp.py', 'xs = [i * i for i in range(1000)]\nprint(len(xs))\n');
    await s.waitFor((st) => st.status === 'paused');
    expect(s.state.live.line).toBe(1);
    s.step();
    // The 1,000 line starts of the comprehension run inside line 1.
    await s.waitFor((st) => st.status === 'paused' && st.live.line === 2);
    expect(s.state.lines).toBeGreaterThan(1000);
    expect(text(s)).toBe('');
    s.step();
    await s.waitFor((st) => st.status === 'finished');
    expect(text(s)).toBe('1000');
  });

  it('restarts from the beginning', async () => {
    const s = open('seed.py', 'print("hi")\nx = 2\n');
    await stepTo(s, 2);
    expect(text(s)).toBe('hi');
    s.restart();
    expect(written(s)).toBe('');
    expect(s.state.run).toBe(1);
    await s.waitFor((st) => st.status === 'paused');
    expect(s.state.live.line).toBe(1);
  });

  it('reports a Python error as the program ending with exit code 1', async () => {
    const s = open('err.py', 'x = 1\nraise ValueError("boom")\n', { startPaused: false, speed: SPEEDS.length - 1 });
    await s.waitFor((st) => st.status === 'finished');
    expect(s.state.exitCode).toBe(1);
    expect(written(s, 2)).toContain('ValueError: boom');
    expect(written(s, 1)).toBe('');
  });

  it('changes speed with faster and slower, within the table', async () => {
    const s = open('seed.py', 'x = 1\n');
    const first = s.state.speed;
    s.faster();
    expect(s.state.speed).toBe(first + 1);
    for (let i = 0; i < 50; i++) s.slower();
    expect(s.state.speed).toBe(0);
  });
});
