/**
 * Every program in programs/ must print exactly what CPython 3.11 printed when
 * record.mjs ran it: stdout, stderr and the exit code, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProgram } from '../../source/runtime/run.js';

const here = dirname(fileURLToPath(import.meta.url));
const programs = readdirSync(join(here, 'programs')).filter((f) => f.endsWith('.py')).sort();

type Expected = { stdout: string; stderr: string; exitCode: number };

describe('conformance with CPython 3.11', () => {
  for (const file of programs) {
    it(file, () => {
      const name = file.slice(0, -3);
      const expected = JSON.parse(readFileSync(join(here, 'expected', `${name}.json`), 'utf8')) as Expected;
      const source = readFileSync(join(here, 'programs', file), 'utf8');
      let stdout = '';
      let stderr = '';
      // CPython shows the script's absolute path; both sides replace the folder with <DIR>.
      const dir = join(here, 'programs');
      const { exitCode, runtime, refcountErrors } = runProgram(join(dir, file), source, {
        checking: true,
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
      });
      expect(stdout.split(dir).join('<DIR>')).toBe(expected.stdout);
      expect(stderr.split(dir).join('<DIR>')).toBe(expected.stderr);
      expect(exitCode).toBe(expected.exitCode);
      // Every block freed was allocated (the memory model's bookkeeping, docs/memory-model.md).
      expect(runtime.heap.allocator.system.unknownFrees).toBe(0);
      // The debug invariant: at exit every refcount equals the references to the object.
      expect(refcountErrors).toEqual([]);
    });
  }
});
