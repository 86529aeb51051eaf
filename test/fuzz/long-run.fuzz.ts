/**
 * The long fuzz run (`npm run fuzz`): generated and mutated programs, many per runtime
 * (each exec()'d from its own globals dict, so start-up cost is paid once per batch),
 * checking that no JavaScript exception escapes and that the heap invariants hold after
 * every batch; a batch that fails is re-run program by program to find the culprit.
 * Optionally a sample is compared with python3 (one fresh runtime and one python3 process
 * per program).
 *
 * Environment: FUZZ_PROGRAMS (default 100000), FUZZ_MINUTES (stop earlier), FUZZ_BATCH
 * (programs per runtime, 10), FUZZ_DIFF (programs compared with python3, 0), FUZZ_SEED,
 * FUZZ_OUT (where findings and summary.json go).
 */
import { it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { program, edits, mutate } from './programs.js';
import { compareWithPython, runOnHeapscope } from './differential.js';
import { corpus } from './corpus.js';

const env = process.env;
const total = Number(env.FUZZ_PROGRAMS ?? 100_000);
const minutes = Number(env.FUZZ_MINUTES ?? Infinity);
const batchSize = Number(env.FUZZ_BATCH ?? 10);
const diffCount = Number(env.FUZZ_DIFF ?? 0);
const seed = Number(env.FUZZ_SEED ?? Date.now() % 1_000_000_007);
const out = env.FUZZ_OUT ?? join(tmpdir(), `heapscope-fuzz-${seed}`);

const files = corpus();
const mutated = fc.tuple(fc.nat({ max: files.length - 1 }), edits).map(([i, e]) => mutate(files[i]!.text, e));
/** Seven generated programs in ten, three mutated files. */
const anyProgram = fc.oneof({ weight: 7, arbitrary: program }, { weight: 3, arbitrary: mutated });

const DONE = '@@fuzz-done ';

/** One Python program that exec()s each source in a fresh namespace and says when each ended. */
function driver(sources: string[]): string {
  return [
    `__sources = [${sources.map((s) => JSON.stringify(s)).join(',\n')}]`,
    'for __i, __src in enumerate(__sources):',
    '    try:',
    "        exec(compile(__src, 'fuzz_%d.py' % __i, 'exec'), {'__name__': '__main__'})",
    '    except BaseException as __e:',
    "        print('uncaught', type(__e).__name__)",
    `    print('${DONE}%d' % __i)`,
    '',
  ].join('\n');
}

type Finding = { kind: string; detail: string; source: string };

it(`fuzz: up to ${total} programs`, async () => {
  mkdirSync(out, { recursive: true });
  const started = Date.now();
  const deadline = started + minutes * 60_000;
  const findings: Finding[] = [];
  let programs = 0;
  let batches = 0;
  let stoppedBatches = 0;
  const save = (f: Finding) => {
    findings.push(f);
    writeFileSync(join(out, `finding-${findings.length}.py`), `# ${f.kind}: ${f.detail.replace(/\n/g, '\n# ')}\n${f.source}`);
  };
  while (programs < total && Date.now() < deadline) {
    const sources = fc.sample(anyProgram, { numRuns: Math.min(batchSize, total - programs), seed: seed + batches });
    batches++;
    const r = runOnHeapscope('/fuzz/batch.py', driver(sources), 100_000 * sources.length);
    const done = r.stdout.split('\n').filter((l) => l.startsWith(DONE)).length;
    programs += r.stopped ? done : sources.length;
    if (r.stopped) stoppedBatches++;
    if (r.jsError || r.violations.length || r.projection.length) {
      // Who did it: each program alone, in a fresh runtime.
      let blamed = false;
      for (const src of sources) {
        const one = runOnHeapscope('/fuzz/program.py', src);
        if (one.jsError) save({ kind: 'javascript-exception', detail: one.jsError, source: src });
        else if (one.violations.length) save({ kind: 'invariant', detail: one.violations.map((v) => v.message).join('\n'), source: src });
        else if (one.projection.length) save({ kind: 'projection', detail: one.projection.join('\n'), source: src });
        else continue;
        blamed = true;
      }
      if (!blamed) save({ kind: 'batch only', detail: r.jsError ?? [...r.violations.map((v) => v.message), ...r.projection].join('\n'), source: driver(sources) });
    }
    if (batches % 100 === 0) {
      const s = (Date.now() - started) / 1000;
      console.log(`fuzz: ${programs} programs in ${s.toFixed(0)} s (${(programs / s).toFixed(1)}/s), ${findings.length} findings, ${stoppedBatches} batches stopped by the step limit`);
    }
  }
  let diff = { compared: 0, mismatches: 0 };
  if (diffCount > 0) {
    const dir = join(out, 'diff');
    mkdirSync(dir, { recursive: true });
    const sample = fc.sample(program, { numRuns: diffCount, seed: seed + 1 });
    const { mismatches, compared } = await compareWithPython(dir, sample, 1);
    diff = { compared, mismatches: mismatches.length };
    mismatches.forEach((m, i) => writeFileSync(join(out, `mismatch-${i + 1}.txt`), `${m.file} (${m.field})\n--- python3\n${m.python}\n--- heapscope\n${m.heapscope}\n--- source\n${m.source}`));
  }
  const summary = { seed, programs, batches, batchSize, stoppedBatches, seconds: Math.round((Date.now() - started) / 1000), findings: findings.length, diff, out };
  writeFileSync(join(out, 'summary.json'), JSON.stringify(summary, null, 1) + '\n');
  console.log('fuzz summary:', JSON.stringify(summary));
  expect(findings).toEqual([]);
  expect(diff.mismatches).toBe(0);
});
