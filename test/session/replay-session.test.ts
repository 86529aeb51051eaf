/**
 * Where steps go, live and in a replay: the main script's lines, never those of heapscope's
 * library modules written in Python (here weakref's containers), and not the line starts
 * of comprehensions, generator expressions and lambdas, which run inside their line. A
 * replay finds them in the log (the record file does not mark them) and must agree.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from '../../source/session/session.js';
import { ReplaySession } from '../../source/session/replay-session.js';
import { readRecording } from '../../source/events/record-file.js';
import { Timeline } from '../../source/session/timeline.js';
import { SPEEDS } from '../../source/session/speed.js';
import { workerUrl } from './helpers.js';

const PROGRAM = `import weakref

class Node:
    pass

def keep(d, key):
    d[key] = Node()
    return len(d)

held = weakref.WeakValueDictionary()
n = Node()
held[1] = n
print(keep(held, 2), len(held))
squares = [i * i for i in range(50)]
total = sum(s for s in squares if s % 2)
print(sorted({k: -k for k in range(5)}.items(), key=lambda kv: kv[1])[0], total)
`;

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'heapscope-replay-'));
const sessions: Session[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
});

/** The lines of a timeline's stops, first to last: where steps go. */
function stopLines(timeline: Timeline): number[] {
  const lines: number[] = [];
  for (let k = timeline.forward(0); k !== null; k = timeline.forward(k)) lines.push(timeline.lineAt(k));
  return lines;
}

/** Where steps over go from the first stop, in a timeline's history. */
function overLines(timeline: Timeline): number[] {
  const lines: number[] = [];
  for (let k = timeline.forward(0); k !== null; k = timeline.forwardOver(k)) lines.push(timeline.lineAt(k));
  return lines;
}

/** Every stop: weakref's containers and the comprehensions' line starts are none. */
const STOP_LINES = [1, 3, 4, 6, 10, 11, 12, 13, 7, 8, 14, 15, 16];
/** The stops of the module frame: the lines of the class body (4) and of keep (7, 8) are passed over. */
const OVER_LINES = [1, 3, 6, 10, 11, 12, 13, 14, 15, 16];

/** PROGRAM run by `heapscope run --record`, replayed; and the file it ran from. */
async function recordedReplay(): Promise<{ file: string; replay: ReplaySession }> {
  const file = join(work, 'p.py');
  const record = join(work, 'p.jsonl');
  writeFileSync(file, PROGRAM);
  execFileSync('node', [cli, 'run', file, '--record', record]);
  return { file, replay: new ReplaySession(await readRecording(record), 'p.py') };
}

/** The lines a replay shows, from its first stop, moving with `move` until the end. */
function replayLines(replay: ReplaySession, move: () => void): number[] {
  const lines: number[] = [];
  for (let cursor = replay.getState().cursor; cursor !== null; cursor = replay.getState().cursor) {
    lines.push(replay.timeline.lineAt(cursor));
    move();
  }
  return lines;
}

describe('stops', () => {
  it("are the main script's lines, live and in a replay of the same run", async () => {
    const { file, replay } = await recordedReplay();

    const live = new Session({ file: 'p.py', filename: file, source: PROGRAM, workerUrl, speed: SPEEDS.length - 1 });
    sessions.push(live);
    await live.waitFor((st) => st.status === 'finished');
    live.timeline.foldAll();

    const lines = stopLines(live.timeline);
    // weakref's containers are Python and ran (more line starts than stops), and the
    // comprehensions' 100-odd line starts belong to lines 14-16.
    expect(lines).toEqual(STOP_LINES);
    expect(live.state.lines).toBeGreaterThan(200);
    expect(stopLines(replay.timeline)).toEqual(lines);
    // A replay's steps follow them.
    expect(replayLines(replay, () => replay.step())).toEqual(lines);
  });

  it('of a step over are those of its frame or below, live, in the history and in a replay', async () => {
    const { file, replay } = await recordedReplay();

    // Live: the worker runs each step over and pauses.
    const live = new Session({ file: 'p.py', filename: file, source: PROGRAM, workerUrl, startPaused: true });
    sessions.push(live);
    const paused: number[] = [];
    for (let st = await live.waitFor((s) => s.status === 'paused'); st.status === 'paused'; ) {
      paused.push(st.live.line);
      const at = st.live.event;
      live.stepOver();
      st = await live.waitFor((s) => s.status === 'finished' || (s.status === 'paused' && s.live.event !== at));
    }
    expect(paused).toEqual(OVER_LINES);
    // The calls ran: keep's lines are in the log, as stops a plain step goes to.
    live.timeline.foldAll();
    expect(stopLines(live.timeline)).toEqual(STOP_LINES);
    expect(overLines(live.timeline)).toEqual(OVER_LINES);
    // Out of a function: from keep's last line, a step over goes back to its caller's next line.
    let k: number | null = live.timeline.forward(0);
    while (k !== null && live.timeline.lineAt(k) !== 8) k = live.timeline.forward(k);
    expect(k).not.toBeNull();
    expect(live.timeline.lineAt(live.timeline.forwardOver(k!)!)).toBe(14);

    expect(overLines(replay.timeline)).toEqual(OVER_LINES);
    expect(replayLines(replay, () => replay.stepOver())).toEqual(OVER_LINES);
  });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));
