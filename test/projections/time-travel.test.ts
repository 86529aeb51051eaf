/** Time travel's lines, output, collections and timeline, on the seed's cycle program. */
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../source/runtime/run.js';
import { TimeTravel } from '../../source/projections/time-travel.js';
import { EventLog } from '../../source/events/log.js';

const source = `import gc
class Node:
    def __init__(self, name):
        self.name = name
        self.next = None
gc.collect()
a = Node("a")
b = Node("b")
a.next = b
b.next = a
print("made")
del a, b
print("collected", gc.collect())
big = [0] * 1000
del big
print("end")
`;

// In shared memory, as the dashboard's runtime worker writes it (a live session mirrors it).
const log = runProgram('/seed.py', source, { stdout: () => {}, stderr: () => {}, logMemory: (bytes) => new SharedArrayBuffer(bytes) }).runtime.ev;
const tt = new TimeTravel(log, { minSpacing: 500, maxSpacing: 500 });

describe('TimeTravel', () => {
  it('steps line by line, forward and back', () => {
    const lines: number[] = [];
    for (let j = 0; j < tt.lineCount; j++) lines.push(tt.seekLine(j).currentLine);
    // Module lines in order (line 3 in the class body), with the calls of Node.__init__
    // (lines 4, 5) between.
    expect(lines.filter((l) => l !== 4 && l !== 5)).toEqual([1, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(lines.filter((l) => l === 4).length).toBe(2);
    for (let j = tt.lineCount - 1; j >= 0; j--) expect(tt.seekLine(j).currentLine).toBe(lines[j]);
    const j = lines.indexOf(12);
    expect(tt.lineBefore(tt.lineEvent(j) + 1)).toBe(j);
    expect(tt.findLine(12, 0)).toBe(j);
    expect(tt.findLine(4, tt.lineEvent(j), -1)).toBe(lines.lastIndexOf(4));
    expect(tt.findLine(99, 0)).toBe(-1);
  });

  it('shows the stack while inside a call', () => {
    const j = tt.findLine(4, 0);
    const p = tt.seekLine(j);
    const stack = p.stack();
    expect(stack.length).toBe(2);
    expect(p.node(stack[0]!, log.strings)!.name).toBe('Node.__init__');
    expect(p.node(stack[1]!, log.strings)!.name).toBe('<module>');
  });

  it('replays output up to any point', () => {
    expect(tt.output(tt.lineEvent(tt.findLine(12, 0)), 1)).toBe('made\n');
    expect(tt.output(log.count, 1)).toBe('made\ncollected 2\nend\n');
    expect(tt.output(0, 1)).toBe('');
  });

  it('lists collections as they were at the point shown', () => {
    const all = tt.collections(log.count);
    const explicit = all.filter((c) => c.generation === 2 && c.collected === 2);
    expect(explicit.length).toBe(1);
    const c = explicit[0]!;
    expect(c).toMatchObject({ unreachable: 2, uncollectable: 0 });
    // In the middle of that collection it is still running.
    const during = tt.collections(c.start + 2);
    expect(during[during.length - 1]).toMatchObject({ start: c.start, end: -1, collected: 0 });
    expect(tt.seek(c.start + 2).collecting).toBe(2);
  });

  it('the peak and the timeline see the big list', () => {
    const before = tt.seekLine(tt.findLine(14, 0)).bytes;
    const withList = tt.seekLine(tt.findLine(15, 0));
    expect(withList.bytes - before).toBe(56 + 8 * 1000);
    const end = tt.seek(log.count);
    expect(end.peakBytes).toBeGreaterThanOrEqual(withList.bytes);
    const columns = tt.timeline(log.count, 40);
    expect(columns.length).toBeGreaterThan(1);
    expect(columns.length).toBeLessThanOrEqual(40);
    expect(columns[columns.length - 1]!.bytes).toBe(end.bytes);
    expect(Math.max(...columns.map((c) => c.maxBytes))).toBeGreaterThanOrEqual(withList.bytes);
  });

  it('follows a log that grows (live sessions)', () => {
    const mirror = EventLog.mirror(log.slabs[0] as SharedArrayBuffer);
    const live = new TimeTravel(mirror);
    // Feed it in two batches, folding after each.
    const all = log.shareSince(0, 1, 1);
    const n = log.count >> 1;
    const middle = log.reader(n);
    mirror.adoptBatch({ ...all, count: n, endChunk: middle.chunkIndex, endPos: middle.pos });
    live.sync();
    expect(live.length).toBe(n);
    mirror.adoptBatch({ ...log.shareSince(n, mirror.strings.size, 1), slabs: [] });
    live.sync();
    expect(live.length).toBe(log.count);
    expect(live.output(log.count, 1)).toBe('made\ncollected 2\nend\n');
  });
});
