/**
 * A replay steps through a recording as the live session stepped through the run: the main
 * script's lines, never those of heapscope's library modules written in Python (here
 * weakref's containers), which the record file does not mark.
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
`;

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'heapscope-replay-'));
const sessions: Session[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
});

/** The lines a live session pauses at, stepping from the first to the end. */
async function liveStops(filename: string): Promise<number[]> {
  const s = new Session({ file: 'p.py', filename, source: PROGRAM, workerUrl, startPaused: true });
  sessions.push(s);
  const lines: number[] = [];
  let st = await s.waitFor((x) => x.status === 'paused');
  while (st.status === 'paused') {
    lines.push(st.live.line);
    const at = st.live.event;
    s.step();
    st = await s.waitFor((x) => x.status !== 'running' && (x.status !== 'paused' || x.live.event !== at));
  }
  return lines;
}

describe('replay', () => {
  it("steps to the main script's lines, as the live session does", async () => {
    const file = join(work, 'p.py');
    const record = join(work, 'p.jsonl');
    writeFileSync(file, PROGRAM);
    execFileSync('node', [cli, 'run', file, '--record', record]);
    const replay = new ReplaySession(await readRecording(record), 'p.py');
    const replayed: number[] = [];
    for (let cursor = replay.getState().cursor; cursor !== null; cursor = replay.getState().cursor) {
      replayed.push(replay.timeline.lineAt(cursor));
      replay.step();
    }
    // The live session first pauses before anything runs, then at each line start.
    const [start, ...live] = await liveStops(file);
    expect(start).toBe(1);
    expect(replayed).toEqual(live);
    // The library's lines ran (weakref's containers are Python) and were stepped over.
    expect(live).toEqual([1, 3, 4, 6, 10, 11, 12, 13, 7, 8]);
    expect(replay.timeline.travel.index.lineEvent.length).toBeGreaterThan(live.length + 10);
    rmSync(work, { recursive: true, force: true });
  });
});
