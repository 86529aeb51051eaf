/**
 * The bundled scenarios (scenarios/*.py): each prints what python3 printed when record.mjs
 * ran it (expected/NAME.json). Lines with process-memory figures (MiB) measure a real
 * process on one side and heapscope's model on the other: they must have the same words,
 * figures within the noise the memory_profiler tests allow, and the model's own exact
 * figures where the model decides them. Headers and the README are checked here too.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProgram } from '../../source/runtime/run.js';
import { listScenarios } from '../../source/session/scenarios.js';
import { memoryFigures, splitMemoryLines } from './memory-lines.js';

/**
 * Scenarios whose output still differs from python3's, and why. The test checks that they
 * do differ: an entry must leave this list once the runtime is fixed.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
};

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dir = join(root, 'scenarios');
const scenarios = listScenarios(dir);

type Expected = { stdout: string; stderr: string; exitCode: number };

const outputs = new Map<string, { stdout: string; stderr: string; exitCode: number }>();

/** heapscope's output for a scenario, as `heapscope run` prints it (run once per file). */
function runScenario(name: string): { stdout: string; stderr: string; exitCode: number } {
  const seen = outputs.get(name);
  if (seen) return seen;
  let stdout = '';
  let stderr = '';
  const path = join(dir, name);
  const { exitCode, runtime } = runProgram(path, readFileSync(path, 'utf8'), {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  expect(runtime.heap.allocator.system.unknownFrees).toBe(0);
  const out = { stdout: stdout.split(dir).join('<DIR>'), stderr: stderr.split(dir).join('<DIR>'), exitCode };
  outputs.set(name, out);
  return out;
}

function expectedOf(name: string): Expected {
  return JSON.parse(readFileSync(join(here, 'expected', name.replace(/\.py$/, '.json')), 'utf8')) as Expected;
}

describe('scenario headers', () => {
  it('finds the scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(15);
  });

  for (const s of scenarios) {
    it(`${s.name} has a title, what it teaches, what to watch and which keys`, () => {
      expect(s.title).not.toBe(s.name);
      expect(s.description).toMatch(/^Teaches: /);
      expect(s.description).toMatch(/^Watch: /m);
      expect(s.description).toMatch(/^Keys: /m);
      // Every "line N" / "lines N-M" the header names is a line of code in the file.
      const lines = readFileSync(s.path, 'utf8').split('\n');
      const headerEnd = lines.findIndex((l, i) => i > 0 && l.includes('"""')) + 1;
      const named = [...s.description.matchAll(/\blines? (\d+)(?:-(\d+))?/g)].flatMap((m) => (m[2] ? [m[1]!, m[2]] : [m[1]!])).map(Number);
      for (const n of named) {
        expect(n, `${s.name}: line ${n} named in the header`).toBeGreaterThan(headerEnd);
        expect(lines[n - 1]?.trim() ?? '', `${s.name}: line ${n} named in the header`).not.toBe('');
      }
    });
  }

  it('the README lists every scenario by title and file', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const s of scenarios) {
      expect(readme, s.name).toContain(`scenarios/${s.name}`);
      expect(readme, s.name).toContain(s.title);
    }
  });
});

describe('scenarios print what python3 prints', () => {
  for (const s of scenarios) {
    const known = KNOWN_DIFFERENCES[s.name];
    it(known ? `${s.name} (known difference: ${known})` : s.name, () => {
      const expected = expectedOf(s.name);
      const got = runScenario(s.name);
      if (known) {
        // A ratchet: when the difference is fixed, this fails until the entry is removed.
        expect(got.stdout + got.stderr === expected.stdout + expected.stderr, `${s.name} now prints what python3 prints: remove it from KNOWN_DIFFERENCES`).toBe(false);
        return;
      }
      expect(got.stderr).toBe(expected.stderr);
      expect(got.exitCode).toBe(expected.exitCode);
      const mine = splitMemoryLines(got.stdout);
      const real = splitMemoryLines(expected.stdout);
      expect(mine.text).toBe(real.text);
      expect(mine.figures.map((f) => f.shape)).toEqual(real.figures.map((f) => f.shape));
      for (let i = 0; i < real.figures.length; i++) {
        const m = mine.figures[i]!;
        const r = real.figures[i]!;
        for (let k = 0; k < r.compared.length; k++) {
          const close = Math.abs(m.compared[k]! - r.compared[k]!) <= 1.0 + 0.1 * Math.abs(r.compared[k]!);
          expect(close, `${s.name}: "${m.line}" against python3's "${r.line}"`).toBe(true);
        }
      }
    });
  }
});

describe("the model's own memory figures", () => {
  const mib = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));
  // glibc maps a block this large by itself: the request plus its 16-byte header, in pages.
  const mapped = (bytes: number) => mib(Math.ceil((bytes + 16) / 4096) * 4096);

  it('memory_profiler_profile.py: increments of the big blocks', () => {
    const inc = memoryFigures(runScenario('memory_profiler_profile.py').stdout);
    // [0] * 1_000_000: an item array of 8·10^6 bytes; "x" * 5_000_000: a str of 49 + 5·10^6.
    expect(inc.get(17)).toBe(mapped(8_000_000));
    expect(inc.get(19)).toBe(mapped(5_000_049));
    expect(inc.get(20)).toBe(-mapped(8_000_000));
    expect(inc.get(24)).toBe(-mapped(5_000_049));
    expect(inc.get(21)).toBe(0);
    expect(inc.get(25)).toBe(0);
  });

  it('allocator_fragmentation.py: the arenas stay while one object in 64 is alive', () => {
    const out = runScenario('allocator_fragmentation.py').stdout;
    const [full, scattered, empty] = [...out.matchAll(/process \+([\d.]+) MiB/g)].map((m) => Number(m[1]));
    expect(scattered!).toBeGreaterThan(full! / 2);
    expect(empty!).toBeLessThan(scattered!);
  });
});
