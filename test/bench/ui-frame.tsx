/**
 * Frame rendering with a million live objects: the dashboard drawn again and again into
 * an in-memory terminal (120×40), as the session advances. Bundled and run by ui.mjs;
 * prints one JSON object.
 */
import { render } from 'ink';
import { EventEmitter } from 'node:events';
import { App } from '../../source/ui/App.js';
import { initialSessionState, type SessionState } from '../../source/session/session-state.js';
import type { GraphView, ObjectSummary, Page, Projections, Reference, TypeRow } from '../../source/ui/views.js';

const LIVE = 1_000_000;

/** A heap of a million objects: one list holding them all, of a few types. */
function millionObjectViews(): Projections {
  const item = (i: number): ObjectSummary => ({
    id: 100 + i, kind: 'object', type: i % 2 ? 'int' : 'Node', address: 0x7f0000000000 + i * 48, size: i % 2 ? 28 : 48,
    refcount: 1, value: i % 2 ? String(i) : '', inCycle: false, unreachable: false,
  });
  const list: ObjectSummary = { id: 1, kind: 'object', type: 'list', address: 0x7f00000a0000, size: 8_000_056, refcount: 1, value: '', inCycle: false, unreachable: false };
  const page = <T,>(total: number, offset: number, limit: number, at: (i: number) => T): Page<T> => ({
    total, items: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, k) => at(offset + k)),
  });
  const graph: GraphView = {
    roots: (o, n) => page(1, o, n, (): Reference => ({ slot: 'objects', object: list, weak: false })),
    garbage: (o, n) => page(0, o, n, () => list),
    object: (id) => (id === 1 ? list : id >= 100 && id < 100 + LIVE ? item(id - 100) : null),
    referents: (id, o, n) => (id === 1 ? page(LIVE, o, n, (i): Reference => ({ slot: `[${i}]`, object: item(i), weak: false })) : page(0, o, n, () => null as never)),
    referrers: (id, o, n) => page(id === 1 ? 0 : 1, o, n, (): Reference => ({ slot: '[?]', object: list, weak: false })),
  };
  const types: TypeRow[] = [
    { type: 'Node', count: LIVE / 2, bytes: (LIVE / 2) * 48, countChange: 1, bytesChange: 48 },
    { type: 'int', count: LIVE / 2, bytes: (LIVE / 2) * 28, countChange: 1, bytesChange: 28 },
    { type: 'list', count: 1, bytes: 8_000_056, countChange: 0, bytesChange: 0 },
    ...Array.from({ length: 40 }, (_, i) => ({ type: `type${i}`, count: i + 1, bytes: (i + 1) * 64, countChange: 0, bytesChange: 0 })),
  ];
  const bytes = types.reduce((a, t) => a + t.bytes, 0);
  return {
    heap: { objects: LIVE + 1, bytes, peakBytes: bytes, history: Array.from({ length: 200 }, (_, i) => bytes * (i / 200)), types },
    graph,
    generations: { generations: [{ count: 412, threshold: 700, collections: 1428 }, { count: 3, threshold: 10, collections: 142 }, { count: 1, threshold: 10, collections: 14 }], enabled: true, last: { generation: 0, unreachable: 0, collected: 0, uncollectable: 0 } },
    profiler: { functions: [] },
    allocator: null,
  };
}

class FakeStdout extends EventEmitter {
  columns = 120;
  rows = 40;
  isTTY = true;
  bytes = 0;
  write(s: string): boolean {
    this.bytes += s.length;
    return true;
  }
}

const stdout = new FakeStdout();
const stdin = Object.assign(new EventEmitter(), { isTTY: true, setRawMode() {}, setEncoding() {}, resume() {}, pause() {}, ref() {}, unref() {}, read: () => null });
const projections = millionObjectViews();
const source = Array.from({ length: 40 }, (_, i) => `x${i} = [object() for _ in range(10**6)]`);
const controls = { toggleRun() {}, step() {}, stepOver() {}, stepBack() {}, faster() {}, slower() {}, collect() {}, restart() {} };
const stateAt = (n: number): SessionState => ({
  ...initialSessionState('million.py'),
  status: 'running',
  live: { event: 8_000_000 + n * 1000, line: 1 + (n % 40), scope: '<module>' },
  lines: n,
});
const shownAt = (n: number) => ({ event: 8_000_000 + n * 1000, end: 8_000_000 + n * 1000, line: 1 + (n % 40), entries: [], projections });
const app = (n: number) => (
  <App state={stateAt(n)} controls={controls} shown={shownAt(n)} sourceLines={source} columns={120} rows={40} replay={false} onQuit={() => {}} />
);

const renders: number[] = [];
const ink = render(app(0), {
  stdout: stdout as unknown as NodeJS.WriteStream,
  stdin: stdin as unknown as NodeJS.ReadStream,
  debug: true,
  patchConsole: false,
  exitOnCtrlC: false,
  onRender: ({ renderTime }) => renders.push(renderTime),
});
const frames: number[] = [];
for (let n = 1; n <= 300; n++) {
  const t0 = performance.now();
  ink.rerender(app(n));
  frames.push(performance.now() - t0);
}
ink.unmount();
const stats = (xs: number[]) => {
  const s = [...xs].slice(20).sort((a, b) => a - b);
  const q = (p: number) => +s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(2);
  return { median: q(0.5), p95: q(0.95), max: +s[s.length - 1]!.toFixed(2), n: s.length };
};
process.stdout.write(JSON.stringify({ liveObjects: LIVE, frameMs: stats(frames), inkOutputMs: stats(renders) }) + '\n');
