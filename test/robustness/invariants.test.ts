/**
 * The minimal invariant checker behind `--check` (source/runtime/check/invariants.ts):
 * quiet on correct heaps, and it notices a refcount that is too small or a reference to
 * a freed object.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { checkInvariants } from '../../source/runtime/check/invariants.js';
import { PyList } from '../../source/runtime/objects/list.js';
import { runSource } from './run-in-process.js';
import type { Runtime } from '../../source/runtime/runtime.js';

const program = [
  'import gc',
  'class Node:',
  '    def __init__(self, name):',
  '        self.name = name',
  '        self.other = None',
  '    def __del__(self):',
  '        print("del", self.name)',
  'a, b = Node("a"), Node("b")',
  'a.other, b.other = b, a',
  'keep = [a, {"b": b}, (a, b)]',
  'del a, b',
  'print(gc.collect())',
  'del keep',
  'print(gc.collect())',
].join('\n');

describe('checkInvariants', () => {
  it('holds after a program with cycles, finalizers and collections', () => {
    const r = runSource(program, { checking: true });
    expect(r.stdout).toBe('0\ndel a\ndel b\n2\n');
    expect(checkInvariants(r.runtime)).toEqual([]);
  });

  /**
   * Damage the heap while the program is at its last line (at exit, interpreter shutdown
   * frees everything), check, then repair so that the rest of the run stays sound.
   */
  function checkDamaged(damage: (inner: PyList, runtime: Runtime) => () => void): string[] {
    let kinds: string[] = [];
    let runtime: Runtime | undefined;
    runSource('keep = [[1, 2]]\npass\n', {
      checking: true,
      beforeRun: (r) => (runtime = r),
      onLine: () => {
        if (runtime!.frame?.lineno !== 2 || kinds.length) return;
        const inner = [...runtime!.heap.live!.values()].find((o) => o instanceof PyList && o.items.length === 2) as PyList;
        expect(inner).toBeDefined();
        const repair = damage(inner, runtime!);
        kinds = checkInvariants(runtime!).map((v) => v.kind);
        repair();
      },
    });
    return kinds;
  }

  it('reports a refcount below the references live objects hold', () => {
    const kinds = checkDamaged((inner) => {
      const rc = inner.rc;
      inner.rc = 0;
      return () => void (inner.rc = rc);
    });
    expect(kinds).toContain('refcount-below-one');
    expect(kinds).toContain('refcount-too-small');
  });

  it('reports a live object holding a freed one', () => {
    const kinds = checkDamaged((inner, runtime) => {
      runtime.heap.live!.delete(inner.serial);
      return () => void runtime.heap.live!.set(inner.serial, inner);
    });
    expect(kinds).toContain('freed-reachable');
  });

  it('says when the runtime keeps no registry of live objects', () => {
    expect(checkInvariants(runSource('pass\n').runtime).map((v) => v.kind)).toEqual(['not-checking']);
  });
});

describe('heapscope run --check', () => {
  it('runs the program and checks the heap at the end', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapscope-check-'));
    writeFileSync(join(dir, 'cycles.py'), program + '\n');
    const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
    const r = spawnSync(process.execPath, [cli, 'run', '--check', 'cycles.py'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '0\ndel a\ndel b\n2\n', stderr: '' });
  });
});
