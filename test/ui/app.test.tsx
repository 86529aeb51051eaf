/**
 * The dashboard driven like a user: keys in through stdin, frames out. The session is a
 * recorder of commands here; test/ui/live.test.tsx drives the real runtime.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import chalk from 'chalk';
import { App } from '../../source/ui/App.js';
import { ThemeContext, NO_COLOR_THEME, COLOR_THEME, themeFromEnv } from '../../source/ui/theme.js';
import { KEYMAP, keysLabel } from '../../source/ui/keymap.js';
import type { SessionControls } from '../../source/session/session.js';
import type { SessionState } from '../../source/session/session-state.js';
import { NO_PROJECTIONS, type Projections, type Shown } from '../../source/ui/views.js';
import { settled, untilListening } from './ink-helpers.js';
import { generationsFixture, heapFixture, profilerFixture, seedGraph, sessionFixture } from './fixtures.js';

const KEYS = { right: '\x1b[C', left: '\x1b[D', up: '\x1b[A', down: '\x1b[B', tab: '\t', shiftTab: '\x1b[Z', enter: '\r', backspace: '\x7f', esc: '\x1b', ctrlC: '\x03' };


function recorder() {
  const calls: string[] = [];
  const controls: SessionControls = {
    toggleRun: () => calls.push('toggleRun'),
    step: () => calls.push('step'),
    stepOver: () => calls.push('stepOver'),
    stepBack: () => calls.push('stepBack'),
    faster: () => calls.push('faster'),
    slower: () => calls.push('slower'),
    collect: (g) => calls.push(`collect(${g})`),
    restart: () => calls.push('restart'),
  };
  return { calls, controls };
}

const PROJECTIONS: Projections = { heap: heapFixture, graph: seedGraph(), generations: generationsFixture(), profiler: profilerFixture(), allocator: null };
const SOURCE = Array.from({ length: 30 }, (_, i) => `line_${i + 1} = ${i + 1}`);

type MountOptions = { state?: SessionState; projections?: Projections; shown?: Partial<Shown>; columns?: number; rows?: number; replay?: boolean; theme?: typeof COLOR_THEME };

async function mount(options: MountOptions = {}) {
  const shown: Shown = { event: 214, end: 214, line: 10, entries: [], projections: options.projections ?? PROJECTIONS, ...options.shown };
  const { calls, controls } = recorder();
  let quits = 0;
  const app = render(
    <ThemeContext.Provider value={options.theme ?? COLOR_THEME}>
      <App
        state={options.state ?? sessionFixture()}
        controls={controls}
        shown={shown}
        sourceLines={SOURCE}
        columns={options.columns ?? 100}
        rows={options.rows ?? 30}
        replay={options.replay ?? false}
        onQuit={() => quits++}
      />
    </ThemeContext.Provider>,
  );
  await untilListening(app.stdin);
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      app.stdin.write(k);
      await settled();
    }
  };
  return { app, calls, press, quits: () => quits, frame: () => app.lastFrame() ?? '' };
}

describe('key map', () => {
  it('gives every key one command', () => {
    const seen = new Map<string, string>();
    for (const b of KEYMAP) {
      for (const k of b.keys) {
        const id = `${k.input ?? ''}|${k.special ?? ''}|${k.ctrl ? 'c' : ''}|${k.shift ? 's' : ''}`;
        expect(seen.get(id), `${keysLabel(b)} is bound twice`).toBeUndefined();
        seen.set(id, b.command);
      }
    }
  });

  it('binds the keys the dashboard promises', () => {
    const label = (command: string) => keysLabel(KEYMAP.find((b) => b.command === command)!);
    expect(label('run-pause')).toBe('space');
    expect(label('step')).toBe('n/→');
    expect(label('step-back')).toBe('←');
    expect(label('collect')).toBe('g');
    expect(label('collect-generation')).toBe('0/1/2');
    expect(label('quit')).toBe('q/ctrl-c');
    expect(label('help')).toBe('?');
  });
});

describe('dashboard', () => {
  it('lays out every panel with the status bar and key hints at 80×24', async () => {
    const { frame } = await mount({ columns: 80, rows: 24 });
    const shown = frame().split('\n');
    expect(shown).toHaveLength(23);
    expect(shown.every((l) => l.length <= 80)).toBe(true);
    expect(shown[0]).toContain('reference_cycle.py');
    expect(shown[0]).toContain('CPython 3.11');
    expect(shown[0]).toContain('‖ paused');
    expect(shown[0]).toContain('event 214');
    for (const title of ['Source', 'Heap', 'Object graph', 'Generations', 'Output & events', 'Profiler']) expect(frame()).toContain(title);
    expect(shown[22]).toMatch(/^ space run\/pause · n step · ← back · .* · \? help · q quit$/);
  });

  it('turns keys into session commands', async () => {
    const { calls, press } = await mount();
    await press(' ', 'n', KEYS.right, 'o', KEYS.left, '+', '-', 'g', '0', '1', '2', 'r');
    expect(calls).toEqual(['toggleRun', 'step', 'step', 'stepOver', 'stepBack', 'faster', 'slower', 'collect(2)', 'collect(0)', 'collect(1)', 'collect(2)', 'restart']);
  });

  it('quits with q and with ctrl-c', async () => {
    const a = await mount();
    await a.press('q');
    expect(a.quits()).toBe(1);
    await a.press(KEYS.ctrlC);
    expect(a.quits()).toBe(2);
  });

  it('opens and closes the help overlay from the key map', async () => {
    const { frame, press, calls } = await mount({ columns: 100, rows: 30 });
    await press('?');
    for (const b of KEYMAP) expect(frame()).toContain(b.help);
    // Keys other than help and quit wait until the help is closed.
    await press('g');
    expect(calls).toEqual([]);
    await press(KEYS.esc);
    expect(frame()).not.toContain('close this help');
    expect(frame()).toContain('Object graph');
  });

  it('moves the focus with tab and shift-tab', async () => {
    const { frame, press } = await mount();
    expect(frame()).toMatch(/╔═ Object graph/);
    await press(KEYS.tab);
    expect(frame()).toMatch(/╔═ Generations/);
    expect(frame()).toMatch(/┌─ Object graph/);
    await press(KEYS.shiftTab, KEYS.shiftTab);
    expect(frame()).toMatch(/╔═ Heap/);
  });

  it('follows a reference with enter and comes back with backspace', async () => {
    const { frame, press } = await mount({ columns: 100, rows: 40 });
    expect(frame()).toContain('garbage: unreachable, not yet collected (2)');
    await press(KEYS.down, KEYS.enter);
    expect(frame()).toContain('referents (3)');
    expect(frame()).toContain('.next → Node');
    expect(frame()).toContain('.name → str');
    // Follow .next to the other Node, whose .next leads back: the cycle.
    await press(KEYS.enter);
    expect(frame()).toContain('⌫ back (2)');
    await press(KEYS.backspace, KEYS.backspace);
    expect(frame()).toContain('variables (1)');
  });

  it('sorts the heap table with s when the heap is focused', async () => {
    const { frame, press } = await mount({ columns: 100, rows: 40 });
    expect(frame()).toContain('sort: bytes');
    await press('s');
    expect(frame()).toContain('sort: count');
  });

  it('says so when the terminal is too small', async () => {
    const { frame } = await mount({ columns: 70, rows: 20 });
    expect(frame()).toContain('Terminal too small: 70×20.');
    expect(frame()).toContain('heapscope needs at least 80×24.');
  });

  it('shows what is missing when a session has no projections', async () => {
    const { frame } = await mount({ projections: NO_PROJECTIONS });
    expect(frame()).toContain('(no heap data in this session)');
    expect(frame()).toContain('(no object graph data in this session)');
  });

  it('leaves out the program-changing keys when replaying', async () => {
    const { calls, press, frame } = await mount({ replay: true });
    await press('g', 'r', 'n');
    expect(calls).toEqual(['step']);
    expect(frame().split('\n').at(-1)).not.toContain('gc.collect()');
  });

  it('shows the past when the cursor is before the live end', async () => {
    const state = sessionFixture({ cursor: 100 });
    const { frame } = await mount({ state, shown: { event: 100, end: 214, line: 5 } });
    expect(frame()).toContain('◀ history');
    expect(frame()).toContain('event 100 of 214');
    expect(frame()).toMatch(/▶ 5 line_5 = 5/);
  });
});

describe('NO_COLOR', () => {
  it('is honoured when set and not empty', () => {
    expect(themeFromEnv({ NO_COLOR: '1' })).toBe(NO_COLOR_THEME);
    expect(themeFromEnv({ NO_COLOR: '' })).toBe(COLOR_THEME);
    expect(themeFromEnv({})).toBe(COLOR_THEME);
  });

  it('draws no colour at all, with marks that still tell everything apart', async () => {
    const level = chalk.level;
    chalk.level = 3;
    try {
      const colored = await mount({ theme: COLOR_THEME });
      expect(colored.frame()).toMatch(/\x1b\[3\dm|\x1b\[38;/);
      const plain = await mount({ theme: NO_COLOR_THEME });
      expect(plain.frame()).not.toMatch(/\x1b\[3\dm|\x1b\[38;|\x1b\[9\dm|\x1b\[4\dm/);
      expect(plain.frame()).toContain('⟲');
      expect(plain.frame()).toContain('✗');
    } finally {
      chalk.level = level;
    }
  });
});
