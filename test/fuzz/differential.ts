/**
 * Running generated programs on both sides: heapscope in this process (a fresh runtime
 * per program, invariants checked at the end) and python3, one process per program (so
 * each starts as `python3 FILE.py` does: its own interpreter, __main__ and collector).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram } from '../../source/runtime/run.js';
import { Limits } from '../../source/runtime/limits.js';
import { checkInvariants, type Violation } from '../../source/runtime/check/invariants.js';
import { maskAddresses } from './programs.js';
import { Projection } from '../../source/projections/projection.js';
import type { Runtime } from '../../source/runtime/runtime.js';
import { runtimeNodes } from '../projections/runtime-heap.js';
import { diffNodes, projectedNodes } from '../projections/projected-heap.js';

export type Outcome = { stdout: string; stderr: string; exitCode: number };

export type HeapscopeOutcome = Outcome & {
  /** A JavaScript exception escaped the runtime (a heapscope bug), or null. */
  jsError: string | null;
  violations: Violation[];
  /** The step budget stopped the program (its output is not comparable). */
  stopped: boolean;
  /** Where the heap folded from the event log differs from the runtime's heap. */
  projection: string[];
};

/** The event log's projection against the runtime's own heap, at the end of a run. */
export function projectionDiffs(runtime: Runtime): string[] {
  const p = new Projection();
  p.advance(runtime.ev);
  const diffs = diffNodes(runtimeNodes(runtime), projectedNodes(p, runtime.ev.strings));
  if (p.count.join() !== runtime.heap.count.join()) diffs.push(`gc counts ${p.count} expected ${runtime.heap.count}`);
  return diffs.slice(0, 10);
}

export function runOnHeapscope(filename: string, source: string, maxSteps = 100_000): HeapscopeOutcome {
  let stdout = '';
  let stderr = '';
  try {
    const { exitCode, runtime } = runProgram(filename, source, {
      checking: true,
      limits: new Limits({ maxSteps, timeoutSeconds: 20 }),
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    });
    const ok = !runtime.stopped;
    return { stdout, stderr, exitCode, jsError: null, violations: ok ? checkInvariants(runtime) : [], stopped: runtime.stopped, projection: ok ? projectionDiffs(runtime) : [] };
  } catch (e) {
    const jsError = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack?.split('\n').slice(1, 6).join('\n')}` : String(e);
    return { stdout, stderr, exitCode: -1, jsError, violations: [], stopped: false, projection: [] };
  }
}

/** python3 FILE for each file, `parallel` at a time. */
export async function runOnPython(files: string[], parallel = 2): Promise<Outcome[]> {
  const out: Outcome[] = new Array(files.length);
  let next = 0;
  const env = { PATH: process.env.PATH ?? '', PYTHONHASHSEED: '0', LANG: 'C.UTF-8', PYTHONIOENCODING: 'utf-8' };
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      out[i] = await new Promise<Outcome>((resolve) => {
        const p = spawn('python3', [files[i]!], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
        p.on('close', (code) => {
          clearTimeout(timer);
          resolve({ stdout, stderr, exitCode: code ?? -1 });
        });
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return out;
}

export type Mismatch = { file: string; source: string; field: 'stdout' | 'stderr' | 'exitCode'; python: string; heapscope: string };

/** Write the programs as files in `dir`, run both sides, return what differs. */
export async function compareWithPython(dir: string, sources: string[], parallel = 2): Promise<{ mismatches: Mismatch[]; compared: number }> {
  const files = sources.map((src, i) => {
    const f = join(dir, `prog_${i}.py`);
    writeFileSync(f, src);
    return f;
  });
  const ours = files.map((f, i) => runOnHeapscope(f, sources[i]!));
  const theirs = await runOnPython(files, parallel);
  const mismatches: Mismatch[] = [];
  let compared = 0;
  files.forEach((file, i) => {
    const h = ours[i]!;
    const p = theirs[i]!;
    if (h.stopped || h.jsError) return;
    compared++;
    for (const field of ['stdout', 'stderr', 'exitCode'] as const) {
      const a = maskAddresses(String(p[field]));
      const b = maskAddresses(String(h[field]));
      if (a !== b) {
        mismatches.push({ file, source: sources[i]!, field, python: a, heapscope: b });
        break;
      }
    }
  });
  return { mismatches, compared };
}
