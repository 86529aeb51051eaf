/**
 * The real binary (dist/cli.js, built by `npm test` before vitest) in a real terminal:
 * tmux with a window of a given size. Waits are polls of the screen with generous limits;
 * nothing here asserts on time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tmux, hasTmux } from './tmux.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = 'node dist/cli.js';

if (!hasTmux()) throw new Error('the end-to-end tests need tmux (apt-get install -y tmux; .ci/run installs it)');

const open: Tmux[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.kill();
});

function start(args: string, columns = 80, rows = 24, env: Record<string, string> = {}): Tmux {
  const t = new Tmux(`${cli} ${args}`, { columns, rows, cwd: root, env });
  open.push(t);
  return t;
}

const marker = (screen: string) => /▶\s*(\d+) /.exec(screen)?.[1];

/** Press n until the Source panel marks `line`. */
async function stepTo(t: Tmux, line: number): Promise<string> {
  let screen = t.capture();
  for (let i = 0; i < 60 && marker(screen) !== String(line); i++) {
    const before = /event ([\d,]+)/.exec(screen)?.[1];
    t.send('n');
    screen = await t.waitFor((s) => /event ([\d,]+)/.exec(s)?.[1] !== before && /‖ paused|■ finished/.test(s), 'a step');
  }
  expect(marker(screen)).toBe(String(line));
  return screen;
}

/** Quit with q; the program ends with 0 and the terminal is as it was. */
async function quit(t: Tmux): Promise<void> {
  t.send('q');
  expect(await t.exitCode()).toBe(0);
  expect(t.display('alternate_on')).toBe('0');
  expect(t.display('cursor_flag')).toBe('1');
  expect(t.capture()).not.toContain('Object graph');
}

describe('heapscope in a terminal', () => {
  it('runs the seed scenario: first frame, steps, gc.collect() by key, run to the end, help, allocator, resize, quit', async () => {
    const t = start('test/programs/cycle.py --paused');
    const first = await t.waitFor((s) => s.includes('‖ paused') && s.includes('Source'), 'the first frame');
    expect(first.split('\n')[0]).toContain('cycle.py · CPython 3.11');
    expect(t.display('alternate_on')).toBe('1');

    await stepTo(t, 27);
    t.send('g');
    const collected = await t.waitFor((s) => s.includes('gc.collect(2) by key: 2 collected'), 'the collection by key in the events log');
    expect(collected).toContain('last: generation 2 · 2 unreachable');
    expect(collected).toContain('2 collected · 0 uncollectable');

    // The program's own gc.collect() finds nothing left: the key's collection freed the cycle.
    t.send('Space');
    const end = await t.waitFor((s) => s.includes('■ finished'), 'the end of the program');
    expect(end).toContain('unreachable objects collected: 0');

    t.send('?');
    await t.waitFor((s) => s.includes('gc.collect() at this line') && s.includes('step back (time travel)'), 'the help overlay');
    t.send('Escape');
    await t.waitFor((s) => s.includes('Object graph'), 'the panels again');

    // The Heap panel's other mode: pymalloc's arenas and pools.
    t.send('a');
    const allocator = await t.waitFor((s) => s.includes('allocator · a: types'), 'the Allocator view');
    expect(allocator).toMatch(/RSS \d+\.\d MiB · peak \d+\.\d MiB/);
    expect(allocator).toMatch(/pools: \d+ used/);

    t.resize(130, 40);
    await t.waitFor((s) => /Heap.*Generations/.test(s.split('\n')[1] ?? ''), 'three columns at 130×40');
    t.resize(60, 20);
    await t.waitFor((s) => s.includes('Terminal too small: 60×20.'), 'the too-small message');
    t.resize(80, 24);
    await t.waitFor((s) => s.includes('Object graph'), 'the dashboard at 80×24 again');

    await quit(t);
  });

  it('opens a picker of the bundled scenarios without a file', async () => {
    const t = start('--paused');
    const picker = await t.waitFor((s) => s.includes('choose a scenario'), 'the picker');
    expect(picker).toContain('reference_cycle.py');
    expect(picker).toContain('Reference cycles and gc.collect()');
    t.send('Enter');
    await t.waitFor((s) => s.includes('‖ paused') && s.includes('Source'), 'the dashboard of the picked scenario');
    await quit(t);
  });

  it('pauses inside a million-iteration loop running at full speed', async () => {
    const t = start('test/programs/churn.py --speed max');
    await t.waitFor((s) => s.includes('▶ running'), 'the loop running');
    t.send('Space');
    const paused = await t.waitFor((s) => s.includes('‖ paused'), 'the pause');
    expect(['12', '13', '14']).toContain(marker(paused));
    expect(paused).not.toMatch(/sum: \d/);
    await quit(t);
  });

  it('keeps program output inside the Output panel', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapscope-e2e-'));
    const file = join(dir, 'noisy.py');
    writeFileSync(file, 'import sys\nfor i in range(300):\n    print("line", i, "\\x1b[2J" if i == 5 else "")\n    sys.stderr.write("err %d\\n" % i)\nprint("done")\n');
    try {
      const t = start(`${file} --speed max`);
      const end = await t.waitFor((s) => s.includes('■ finished'), 'the end of the program');
      const rows = end.split('\n');
      expect(rows[0]).toContain('noisy.py');
      expect(rows[1]).toMatch(/^┌─ Source/);
      expect(rows[22]).toMatch(/^ space run\/pause/);
      // Every panel row is intact: borders at the edges and in the middle.
      for (const row of rows.slice(2, 21)) expect(row).toMatch(/^[│║└╚┌╔].{38}[│║┐╗┘╝][│║┌╔└╚].{38}[│║┐╗┘╝]$/);
      expect(end).toContain('done');
      await quit(t);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('quits with ctrl-c and restores the terminal, also with NO_COLOR', async () => {
    const t = start('test/programs/cycle.py --paused', 80, 24, { NO_COLOR: '1' });
    await t.waitFor((s) => s.includes('‖ paused'), 'the first frame');
    t.send('C-c');
    expect(await t.exitCode()).toBe(0);
    expect(t.display('alternate_on')).toBe('0');
    expect(t.display('cursor_flag')).toBe('1');
  });

  it('prints a one-line hint when stdout is not a terminal', async () => {
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile('node', ['dist/cli.js', 'test/programs/cycle.py'], { cwd: root }, (error, stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      );
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('heapscope: the dashboard needs a terminal; to run a program without one, use `heapscope run FILE.py`\n');
  });
});
