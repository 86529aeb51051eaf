/** Each panel rendered from a view (fixtures standing in for the projections). */
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { SourcePanel } from '../../source/ui/SourcePanel.js';
import { HeapPanel, sortTypes } from '../../source/ui/HeapPanel.js';
import { GraphPanel } from '../../source/ui/GraphPanel.js';
import { GenerationsPanel } from '../../source/ui/GenerationsPanel.js';
import { ProfilerPanel, profilerLines } from '../../source/ui/ProfilerPanel.js';
import { AllocatorPanel } from '../../source/ui/AllocatorPanel.js';
import { OutputPanel } from '../../source/ui/OutputPanel.js';
import { StatusBar } from '../../source/ui/StatusBar.js';
import { graphScreen, selectedTarget } from '../../source/ui/graph-rows.js';
import { allocatorFixture, generationsFixture, heapFixture, obj, fixtureGraph, frame, profilerFixture, seedGraph } from './fixtures.js';
import type { LogEntry } from '../../source/ui/views.js';
import type { ReactElement } from 'react';

const lines = (frame: string | undefined) => (frame ?? '').split('\n');
const lastOf = (element: ReactElement) => render(element).lastFrame() ?? '';

describe('Source panel', () => {
  const source = Array.from({ length: 100 }, (_, i) => `x${i + 1} = ${i + 1}`);

  it('marks the current line and numbers the lines', () => {
    const { lastFrame } = render(<SourcePanel lines={source.slice(0, 5)} current={3} width={30} height={5} scroll={0} />);
    expect(lines(lastFrame())).toEqual([' 1 x1 = 1', ' 2 x2 = 2', '▶3 x3 = 3', ' 4 x4 = 4', ' 5 x5 = 5']);
  });

  it('scrolls with execution: the current line stays in view', () => {
    const { lastFrame } = render(<SourcePanel lines={source} current={60} width={30} height={6} scroll={0} />);
    const shown = lines(lastFrame());
    expect(shown).toHaveLength(6);
    expect(shown.find((l) => l.startsWith('▶'))).toBe('▶ 60 x60 = 60');
    expect(shown[0]).toBe('  58 x58 = 58');
  });

  it('scrolls by hand from there, within the file', () => {
    const { lastFrame } = render(<SourcePanel lines={source} current={60} width={30} height={6} scroll={-100} />);
    expect(lines(lastFrame())[0]).toBe('   1 x1 = 1');
  });
});

describe('Heap panel', () => {
  it('shows objects, bytes, peak, a sparkline and the type table by bytes', () => {
    const { lastFrame } = render(<HeapPanel heap={heapFixture} sort="bytes" selected={0} width={60} height={7} />);
    const shown = lines(lastFrame());
    expect(shown[0]).toMatch(/^14 objects · 1\.9 KiB · peak 2\.1 KiB {2}[▁▂▃▄▅▆▇█]{6}$/);
    expect(shown[1]!.trim().split(/\s+/)).toEqual(['type', 'count', 'bytes', 'Δ', 'Δbytes']);
    expect(shown.slice(2).map((l) => l.trim().split(/\s+/)[0])).toEqual(['▸dict', 'str', 'function', 'Node']);
    expect(shown[2]).toMatch(/▸dict +1 +1\.1 KiB +-1 +-232 B/);
    expect(shown[5]).toMatch(/Node +2 +96 B +\+2 +\+96 B/);
  });

  it('sorts by count, by change since the last step, by type name', () => {
    expect(sortTypes(heapFixture.types, 'count').map((r) => r.type)).toEqual(['str', 'Node', 'dict', 'function']);
    expect(sortTypes(heapFixture.types, 'change').map((r) => r.type)).toEqual(['Node', 'dict', 'str', 'function']);
    expect(sortTypes(heapFixture.types, 'type').map((r) => r.type)).toEqual(['Node', 'dict', 'function', 'str']);
  });

  it('pages the table to keep the selected row in view', () => {
    const { lastFrame } = render(<HeapPanel heap={heapFixture} sort="bytes" selected={3} width={60} height={4} />);
    const shown = lines(lastFrame());
    expect(shown).toHaveLength(4);
    expect(shown[3]).toMatch(/^ ▸Node/);
  });
});

describe('Object graph panel', () => {
  it('shows the variables and the garbage waiting for the collector', () => {
    const screen = graphScreen(seedGraph(), null, 1, 10);
    const { lastFrame } = render(<GraphPanel screen={screen} width={70} />);
    expect(lines(lastFrame())).toEqual([
      'variables (1)',
      '  Node → type Node @0x7f00000015a0 rc=5',
      'garbage: unreachable, not yet collected (2)',
      '▸ ✗ Node @0x7f00000013c0 rc=1 ⟲ ✗',
      '  ✗ Node @0x7f00000013f0 rc=1 ⟲ ✗',
    ]);
    expect(selectedTarget(screen)).toBe(20);
  });

  it("shows an object's type, id, size, refcount, referents with slots and referrers", () => {
    const screen = graphScreen(seedGraph(), 20, 0, 10);
    const { lastFrame } = render(<GraphPanel screen={screen} width={70} />);
    expect(lines(lastFrame())).toEqual([
      'Node @0x7f00000013c0 rc=1 ⟲ ✗ · 48 B · garbage',
      'referents (3)',
      "▸ .next → Node @0x7f00000013f0 rc=1 ⟲ ✗",
      "  .name → str 'first' @0x7f00000011e0 rc=2",
      '  __class__ → type Node @0x7f00000015a0 rc=5',
      'referrers (1)',
      '  ← Node @0x7f00000013f0 rc=1 ⟲ ✗ .next',
    ]);
  });

  it('names frame variables among the referrers and draws weak references differently', () => {
    const target = obj(5, 'Cache', { refcount: 1 });
    const weak = obj(6, 'weakref.ReferenceType', { size: 80 });
    const graph = fixtureGraph(
      [frame(1, 'main'), target, weak],
      [
        { from: 1, to: 5, slot: 'cache' },
        { from: 1, to: 6, slot: 'ref' },
        { from: 6, to: 5, slot: '__callback__', weak: true },
      ],
      1,
    );
    const { lastFrame } = render(<GraphPanel screen={graphScreen(graph, 5, 0, 10)} width={70} />);
    const shown = lines(lastFrame());
    expect(shown).toContain('▸ ← frame of main() local cache');
    expect(shown).toContain('  ⇠ weakref.ReferenceType @0x7f0000001120 rc=1 __callback__ (weak)');
    const fromWeak = render(<GraphPanel screen={graphScreen(graph, 6, 0, 10)} width={70} />);
    expect(lines(fromWeak.lastFrame())).toContain('▸ __callback__ ⇢ Cache @0x7f00000010f0 rc=1 (weak)');
  });

  it('fetches only the rows that fit, for an object with a million referents', () => {
    let fetched = 0;
    const big = obj(1, 'list', { size: 8_000_056 });
    const item = obj(2, 'int', { value: '7', refcount: 1_000_000 });
    const graph = {
      ...fixtureGraph([big, item], [], 0),
      referents: (_id: number, offset: number, limit: number) => {
        fetched += limit;
        return { total: 1_000_000, items: Array.from({ length: Math.max(0, Math.min(limit, 1_000_000 - offset)) }, (_, i) => ({ slot: `[${offset + i}]`, object: item, weak: false })) };
      },
    };
    const screen = graphScreen(graph, 1, 500_000, 8);
    expect(fetched).toBeLessThanOrEqual(8);
    const rows = screen.rows.filter((r) => r.kind === 'reference');
    expect(rows.some((r) => r.kind === 'reference' && r.slot === '[500000]' && r.index === 500_000)).toBe(true);
  });
});

describe('Generations panel', () => {
  it('shows count against threshold as bars, collections per generation', () => {
    const { lastFrame } = render(<GenerationsPanel generations={generationsFixture()} width={38} />);
    const shown = lines(lastFrame());
    expect(shown[0]).toMatch(/^gen0 █+░+ 412\/700 ×3$/);
    expect(shown[1]).toMatch(/^gen1 █*░+ {4}1\/10 ×0$/);
    expect(shown[2]).toMatch(/^gen2 ░+ {4}0\/10 ×0$/);
    expect(shown[3]).toBe('no collection yet');
    // 412/700 of the bar is filled.
    const bar = /█+/.exec(shown[0]!)![0].length + /░+/.exec(shown[0]!)![0].length;
    expect(/█+/.exec(shown[0]!)![0].length).toBe(Math.round((412 / 700) * bar));
  });

  it("shows the last collection's result", () => {
    const { lastFrame } = render(
      <GenerationsPanel generations={generationsFixture({ generation: 2, unreachable: 2, collected: 2, uncollectable: 0 })} width={38} />,
    );
    expect(lines(lastFrame()).slice(3)).toEqual(['last: generation 2 · 2 unreachable', '2 collected · 0 uncollectable']);
  });
});

describe('Profiler panel', () => {
  it("prints memory_profiler's table", () => {
    expect(profilerLines(profilerFixture()).map((l) => l.text)).toEqual([
      'Filename: /work/scenarios/profiled.py',
      '',
      'Line #    Mem usage    Increment  Occurrences   Line Contents',
      '=============================================================',
      '     4     14.0 MiB     14.0 MiB           1   @profile',
      '     5                                         def my_func():',
      '     6     21.7 MiB      7.6 MiB           1       a = [1] * (10 ** 6)',
      '     7   1502.8 MiB   -156.2 MiB           1       del b',
      '',
    ]);
  });

  it('marks the line the function is running while the table fills in', () => {
    const { lastFrame } = render(<ProfilerPanel profiler={profilerFixture(7)} width={90} height={10} scroll={0} />);
    const shown = lines(lastFrame());
    expect(shown[0]).toBe('Filename: /work/scenarios/profiled.py   (running)');
    expect(shown).toContain('▶    7                                             del b');
    expect(shown.filter((l) => l.startsWith('▶'))).toHaveLength(1);
  });

  it('narrows the columns in a narrow panel', () => {
    const { lastFrame } = render(<ProfilerPanel profiler={profilerFixture(7)} width={48} height={10} scroll={0} />);
    const shown = lines(lastFrame());
    expect(shown[2]).toBe('Line  Mem usage  Increment   Occ  Line Contents');
    expect(shown).toContain('   6   21.7 MiB    7.6 MiB     1      a = [1] * (10 ** 6)');
    expect(shown).toContain(`▶  7${' '.repeat(30)}    del b`);
  });

  it('follows the running line in a short panel', () => {
    const { lastFrame } = render(<ProfilerPanel profiler={profilerFixture(7)} width={90} height={3} scroll={0} />);
    expect(lastFrame()).toContain('▶    7');
  });

  it('says when nothing is profiled', () => {
    const { lastFrame } = render(<ProfilerPanel profiler={{ functions: [] }} width={40} height={3} scroll={0} />);
    expect(lastFrame()).toBe('no @profile functions have run yet');
  });
});

describe('Allocator view', () => {
  it('shows RSS, pool states, where the bytes go, arenas by fullness and the size classes', () => {
    const { lastFrame } = render(<AllocatorPanel allocator={allocatorFixture()} selected={null} event={214} width={70} height={14} />);
    expect(lines(lastFrame())).toEqual([
      'RSS 10.0 MiB · peak 12.0 MiB · 2 arenas',
      'pools: 1 used · 1 full · 1 empty',
      'blocks in use 21.6 KiB · free 10.3 KiB',
      'not holding objects 2.0 MiB',
      'arena  0 ░░░░░░░░░░░░  2/63 pools',
      'arena  1 ░░░░░░░░░░░░  0/63 pools',
      'size class   blocks in use   free   pools',
      '      32 B             510      0       1',
      '      48 B             120    220       1',
    ]);
  });

  it('wraps its figures in a narrow panel', () => {
    const shown = lines(lastOf(<AllocatorPanel allocator={allocatorFixture()} selected={null} event={214} width={28} height={14} />));
    expect(shown.slice(0, 4)).toEqual(['RSS 10.0 MiB · peak 12.0 MiB', '2 arenas', 'pools: 1 used · 1 full', '1 empty']);
  });

  it('locates the selected object in its arena and pool, or in the system allocator', () => {
    const inPool = obj(7, 'Node', { address: 0x7f3ac0000000 + 0x4000 + 0x100 });
    expect(lastOf(<AllocatorPanel allocator={allocatorFixture()} selected={inPool} event={214} width={90} height={14} />)).toContain(
      'selected Node @0x7f3ac0004100\n  arena 0 · pool 1 · 48 B blocks · 120/340 used',
    );
    const big = obj(8, 'list', { address: 0x55d0c0001000, size: 8000056 });
    expect(lastOf(<AllocatorPanel allocator={allocatorFixture()} selected={big} event={214} width={90} height={14} />)).toContain(
      'selected list @0x55d0c0001000\n  over 512 B: from the system allocator',
    );
  });

  it('says when the pools are from another point than the one shown, and when there are none', () => {
    expect(lastOf(<AllocatorPanel allocator={allocatorFixture(500)} selected={null} event={214} width={70} height={14} />)).toContain('pools as at event 500');
    const replay = { ...allocatorFixture(), detail: null };
    expect(lastOf(<AllocatorPanel allocator={replay} selected={null} event={214} width={70} height={14} />)).toContain(
      'arenas and pools: reported by a live session only',
    );
  });
});

describe('Output panel', () => {
  const entries: LogEntry[] = [
    { kind: 'stdout', text: 'refcount of node1: 2', event: 10 },
    { kind: 'collection', text: 'gc.collect(2) by key → 2 unreachable', event: 20 },
    { kind: 'stderr', text: 'Traceback (most recent call last):', event: 30 },
  ];

  it('shows output and notable events, newest at the bottom', () => {
    const { lastFrame } = render(<OutputPanel entries={entries} width={80} height={2} scroll={0} />);
    expect(lines(lastFrame())).toEqual(['♻ gc.collect(2) by key → 2 unreachable', 'Traceback (most recent call last):']);
  });

  it('scrolls back', () => {
    const { lastFrame } = render(<OutputPanel entries={entries} width={80} height={2} scroll={1} />);
    expect(lines(lastFrame())[0]).toBe('refcount of node1: 2');
  });
});

describe('Status bar', () => {
  it('shows file, model, state, speed and event number', () => {
    const { lastFrame } = render(
      <StatusBar file="reference_cycle.py" status="running" speed={2} event={214} events={214} history={false} replay={false} width={100} />,
    );
    expect(lastFrame()).toBe(' heapscope · reference_cycle.py · CPython 3.11 model · ▶ running 4 lines/s · event 214');
  });

  it('says when it shows the past', () => {
    const { lastFrame } = render(
      <StatusBar file="reference_cycle.py" status="paused" speed={2} event={200} events={5034} history={true} replay={false} width={80} />,
    );
    expect(lastFrame()).toBe(' reference_cycle.py · CPython 3.11 · ◀ history 4 lines/s · event 200 of 5,034');
  });
});

describe('program text in panels', () => {
  it('never passes control characters to the terminal', () => {
    const entries: LogEntry[] = [
      { kind: 'stdout', text: 'clear \x1b[2J here', event: 1 },
      { kind: 'stdout', text: 'progress 10%\rprogress 100%', event: 2 },
    ];
    const { lastFrame } = render(<OutputPanel entries={entries} width={40} height={2} scroll={0} />);
    expect(lines(lastFrame())).toEqual(['clear ^[[2J here', 'progress 100%']);
  });
});
