/**
 * The dashboard in a real terminal (tmux) while the program never ends: q and Ctrl-C quit
 * at once, and the terminal is given back as it was (normal screen, cursor shown, the
 * same stty modes: echo and line editing back on).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tmux, hasTmux } from '../e2e/tmux.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
if (!hasTmux()) throw new Error('the terminal tests need tmux (apt-get install -y tmux)');

const open: { t: Tmux; dir: string }[] = [];
afterEach(() => {
  for (const { t, dir } of open.splice(0)) {
    t.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The dashboard on an endless loop, wrapped so that the terminal's modes are saved before and after. */
function startLoop(): { t: Tmux; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'heapscope-term-'));
  writeFileSync(join(dir, 'forever.py'), 'items = []\nwhile True:\n    items.append([len(items)])\n    items.pop()\n');
  writeFileSync(
    join(dir, 'wrap.sh'),
    `stty -g > '${dir}/before'\nnode '${root}dist/cli.js' '${dir}/forever.py' --speed max\ncode=$?\nstty -g > '${dir}/after'\nexit $code\n`,
  );
  const t = new Tmux(`sh '${dir}/wrap.sh'`, { columns: 100, rows: 30, cwd: root });
  const entry = { t, dir };
  open.push(entry);
  return entry;
}

async function expectRestored(t: Tmux, dir: string): Promise<void> {
  expect(await t.exitCode(20_000)).toBe(0);
  expect(t.display('alternate_on')).toBe('0');
  expect(t.display('cursor_flag')).toBe('1');
  expect(readFileSync(join(dir, 'after'), 'utf8')).toBe(readFileSync(join(dir, 'before'), 'utf8'));
}

describe('quitting the dashboard during an infinite loop', () => {
  it('q', async () => {
    const { t, dir } = startLoop();
    await t.waitFor((s) => s.includes('▶ running'), 'the loop running', 30_000);
    t.send('q');
    await expectRestored(t, dir);
  });

  it('Ctrl-C', async () => {
    const { t, dir } = startLoop();
    await t.waitFor((s) => s.includes('▶ running'), 'the loop running', 30_000);
    t.send('C-c');
    await expectRestored(t, dir);
  });
});
