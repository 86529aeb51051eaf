/**
 * heapscope's memory_profiler against the real package: Debian's python3-memory-profiler
 * 0.61 running the same file under /usr/bin/python3 (.ci/run installs it). The real one
 * samples a noisy RSS, so the comparison allows for noise in the memory columns; the
 * layout, the line contents and the occurrence counts must be identical. Beside it, exact
 * expectations of heapscope's own, deterministic model.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProgram } from '../../source/runtime/run.js';
import { START_RSS_PAGES } from '../../source/runtime/heap/allocator.js';
import { MEMORY_PROFILER_IMPORT_PAGES } from '../../source/runtime/modules/memory-profiler.js';

const here = dirname(fileURLToPath(import.meta.url));
const REAL_PYTHON = '/usr/bin/python3';

type Row = { line: number; mem: number | null; inc: number | null; occurrences: number | null; text: string };
type Table = { filename: string; header: string; rule: string; rows: Row[] };

/** The tables of memory_profiler's output: '{0:>6} {1:>12} {2:>12}  {3:>10}   {4:<}' rows. */
function parseTables(out: string): Table[] {
  const tables: Table[] = [];
  const lines = out.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('Filename: ')) continue;
    const t: Table = { filename: lines[i]!.slice(10), header: lines[i + 2]!, rule: lines[i + 3]!, rows: [] };
    for (i += 4; i < lines.length && lines[i] !== ''; i++) {
      const l = lines[i]!;
      const num = (s: string) => (s.trim() === '' ? null : Number(s.trim().replace(' MiB', '')));
      t.rows.push({ line: Number(l.slice(0, 6)), mem: num(l.slice(7, 19)), inc: num(l.slice(20, 32)), occurrences: num(l.slice(34, 44)), text: l.slice(47) });
    }
    tables.push(t);
  }
  return tables;
}

const outputs = new Map<string, string>();

/** heapscope's output for a file (run once per file; the model is deterministic). */
function runHeapscope(file: string): string {
  const seen = outputs.get(file);
  if (seen !== undefined) return seen;
  let out = '';
  const path = join(here, file);
  const { exitCode } = runProgram(path, readFileSync(path, 'utf8'), { stdout: (t) => (out += t), stderr: (t) => (out += t) });
  expect(exitCode).toBe(0);
  outputs.set(file, out);
  return out;
}

function runReal(file: string): string {
  const r = spawnSync(REAL_PYTHON, [join(here, file)], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' } });
  if (r.status !== 0 || !r.stdout.includes('Filename: ')) {
    throw new Error(`the real memory_profiler did not run (${REAL_PYTHON} ${file}): ${r.stderr}\n` +
      'install it with: apt-get install -y python3-memory-profiler (.ci/run does)');
  }
  return r.stdout;
}

/** Noise allowed between the real RSS samples and the model: 1 MiB plus 10 %. */
function close(model: number, real: number): boolean {
  return Math.abs(model - real) <= 1.0 + 0.1 * Math.abs(real);
}

describe('memory_profiler compared with the real package', () => {
  for (const file of ['seed.py', 'loops.py', 'nested.py', 'header.py', 'growth.py']) {
    it(file, () => {
      const model = parseTables(runHeapscope(file));
      const real = parseTables(runReal(file));
      expect(model.length).toBe(real.length);
      for (let k = 0; k < real.length; k++) {
        const m = model[k]!;
        const r = real[k]!;
        expect(m.filename).toBe(r.filename);
        expect(m.header).toBe(r.header);
        expect(m.rule).toBe(r.rule);
        expect(m.rows.map((x) => [x.line, x.text, x.occurrences])).toEqual(r.rows.map((x) => [x.line, x.text, x.occurrences]));
        // The first row is the interpreter itself (builds differ: 3.11.7 here, Debian's
        // 3.11.2 there); after it, increments and the rise of memory above the first row.
        const base = (t: Table) => t.rows[0]!.mem!;
        for (let i = 1; i < r.rows.length; i++) {
          const mr = m.rows[i]!;
          const rr = r.rows[i]!;
          expect(mr.inc === null).toBe(rr.inc === null);
          if (rr.inc === null) continue;
          expect(close(mr.inc!, rr.inc), `${file}:${rr.line} increment ${mr.inc} vs real ${rr.inc}`).toBe(true);
          expect(close(mr.mem! - base(m), rr.mem! - base(r)), `${file}:${rr.line} memory ${mr.mem} vs real ${rr.mem}`).toBe(true);
        }
      }
    });
  }
});

describe("heapscope's memory_profiler model", () => {
  it('prints the seed table with the increments the allocator model gives', () => {
    const [t] = parseTables(runHeapscope('seed.py'));
    const mib = (bytes: number) => bytes / 2 ** 20;
    // glibc maps an 8,000,000-byte item array as one chunk: 8,000,000 + 16 header bytes,
    // rounded up to whole pages = 8,003,584 bytes; 2·10^6 items likewise.
    const pages = (n: number) => Math.ceil((n + 16) / 4096) * 4096;
    expect(t!.rows.map((r) => [r.line, r.inc, r.occurrences])).toEqual([
      [4, t!.rows[0]!.mem, 1],
      [5, null, null],
      [6, Number(mib(pages(8 * 10 ** 6)).toFixed(1)), 1],
      [7, Number(mib(pages(8 * 2 * 10 ** 6)).toFixed(1)), 1],
      [8, -Number(mib(pages(8 * 2 * 10 ** 6)).toFixed(1)), 1],
      [9, 0, 1],
    ]);
    expect(t!.rows[2]!.inc).toBe(7.6);
    // The first row: the interpreter at start (13.2 MiB measured for 3.11.7) plus what
    // importing memory_profiler adds (12.56 MiB measured), plus the few pages the script's
    // own objects took by then.
    const start = (START_RSS_PAGES + MEMORY_PROFILER_IMPORT_PAGES) / 256;
    expect(t!.rows[0]!.mem! - start).toBeGreaterThanOrEqual(0);
    expect(t!.rows[0]!.mem! - start).toBeLessThan(0.2);
  });

  it('is deterministic and honours precision', () => {
    const a = runHeapscope('nested.py');
    expect(runHeapscope('nested.py')).toBe(a);
    const [t] = parseTables(a);
    expect(a).toContain('     7   ');
    expect(t!.rows.find((r) => r.line === 13)!.inc).toBeCloseTo((Math.ceil((300000 * 8 + 16) / 4096) * 4096) / 2 ** 20, 3);
    expect(a.split('\n').find((l) => l.startsWith('    13'))).toMatch(/^ {4}13 {3}\d+\.\d{3} MiB {4}2\.289 MiB/);
  });

  it('memory_usage gives the memory before, at the peak of and after a call', () => {
    let out = '';
    const src = [
      'from memory_profiler import memory_usage',
      'def f(n):',
      '    a = [0] * n',
      '    return len(a)',
      'before, peak, after = memory_usage((f, (10**6,)))',
      'print(round(peak - before, 2), round(after - before, 2))',
      'print(memory_usage((f, (10**6,)), max_usage=True, retval=True)[1])',
      'print(len(memory_usage(-1, interval=0.1, timeout=0.5)), memory_usage(max_usage=True) == memory_usage()[0])',
    ].join('\n');
    runProgram('/tmp/memory_usage.py', src, { stdout: (t) => (out += t), stderr: (t) => (out += t) });
    expect(out).toBe('7.63 0.0\n1000000\n5 True\n');
  });
});

describe('heapscope run', () => {
  it('shows the 7.6 MiB increment of the seed', () => {
    const cli = join(here, '..', '..', 'dist', 'cli.js');
    const r = spawnSync(process.execPath, [cli, 'run', join(here, 'seed.py')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\n {5}6 +\d+\.\d MiB {6}7\.6 MiB {11}1 {3} {4}a = \[1\] \* \(10 \*\* 6\)\n/);
  });
});
