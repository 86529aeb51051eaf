/**
 * Where steps go, live and in a replay: the main script's lines, never those of heapscope's
 * library modules written in Python (here weakref's containers), and not the line starts
 * of comprehensions, generator expressions and lambdas, which run inside their line. A
 * replay finds them in the log (the record file does not mark them) and must agree.
 */
import { afterEach, describe, expect, it } from 'vitest';
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

describe('stops', () => {
  it("are the main script's lines, live and in a replay of the same run", async () => {
    const file = join(work, 'p.py');
    const record = join(work, 'p.jsonl');
    writeFileSync(file, PROGRAM);
    execFileSync('node', [cli, 'run', file, '--record', record]);
    const replay = new ReplaySession(await readRecording(record), 'p.py');

    const live = new Session({ file: 'p.py', filename: file, source: PROGRAM, workerUrl, speed: SPEEDS.length - 1 });
    sessions.push(live);
    await live.waitFor((st) => st.status === 'finished');
    live.timeline.foldAll();

    const lines = stopLines(live.timeline);
    // weakref's containers are Python and ran (more line starts than stops), and the
    // comprehensions' 100-odd line starts belong to lines 14-16.
    expect(lines).toEqual([1, 3, 4, 6, 10, 11, 12, 13, 7, 8, 14, 15, 16]);
    expect(live.state.lines).toBeGreaterThan(200);
    expect(stopLines(replay.timeline)).toEqual(lines);
    // A replay's steps follow them.
    const stepped: number[] = [];
    for (let cursor = replay.getState().cursor; cursor !== null; cursor = replay.getState().cursor) {
      stepped.push(replay.timeline.lineAt(cursor));
      replay.step();
    }
    expect(stepped).toEqual(lines);
    rmSync(work, { recursive: true, force: true });
  });
});
