#!/usr/bin/env node
// Event log benchmark: runs test/bench/events-workload.py (about 10^7 events) with every
// event recorded, then measures bytes per event, folding speed, checkpoint and index
// memory, and the latency of seeking to random events and lines (time travel), and
// prints one JSON line. Standalone: `node test/bench/events.mjs` (bundles the sources
// it needs with esbuild into node_modules/.cache first).
import { build } from 'esbuild';
import { readFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outDir = join(root, 'node_modules', '.cache', 'heapscope-bench');
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, 'events-entry.mjs');
await build({
  entryPoints: [join(here, 'events-entry.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
  define: { HEAPSCOPE_VERSION: '"bench"' },
});
// The bundle imports packages by name: resolve them from the project.
const { runProgram, TimeTravel } = await import(pathToFileURL(outfile).href);

const workload = process.argv[2] ?? join(here, 'events-workload.py');
const source = readFileSync(workload, 'utf8');

const cpu = () => process.cpuUsage().user / 1000;
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2), max: +s[s.length - 1].toFixed(2) };
};

let t = performance.now();
const { runtime } = runProgram(workload, source, { stdout: () => {}, stderr: () => {} });
const runMs = performance.now() - t;
const log = runtime.ev;

t = performance.now();
const tt = new TimeTravel(log);
const foldMs = performance.now() - t;

// Seeks: forward and back to random events, then to random line starts.
let seed = 42;
const random = (n) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
for (let i = 0; i < 20; i++) tt.seek(random(log.count)); // warm up
const seekWall = [];
const seekCpu = [];
for (let i = 0; i < 200; i++) {
  const k = random(log.count + 1);
  const w = performance.now();
  const c = cpu();
  tt.seek(k);
  seekCpu.push(cpu() - c);
  seekWall.push(performance.now() - w);
}
const lineWall = [];
for (let i = 0; i < 100; i++) {
  const j = random(tt.lineCount);
  const w = performance.now();
  tt.seekLine(j);
  lineWall.push(performance.now() - w);
}

const memory = process.memoryUsage();
const result = {
  bench: 'events',
  workload: workload.split('/').pop(),
  events: log.count,
  bytesPerEvent: +(log.bytes / log.count).toFixed(2),
  logMB: +(log.bytes / 1e6).toFixed(1),
  logAllocatedMB: +(log.allocatedBytes / 1e6).toFixed(1),
  strings: log.strings.size,
  runMs: Math.round(runMs),
  foldMs: Math.round(foldMs),
  foldEventsPerSecond: Math.round(log.count / (foldMs / 1000)),
  checkpoints: tt.checkpointCount,
  checkpointMB: +(tt.checkpointBytes / 1e6).toFixed(1),
  indexMB: +(tt.index.bytes / 1e6).toFixed(1),
  seekMs: stats(seekWall),
  seekCpuMs: stats(seekCpu),
  seekLineMs: stats(lineWall),
  rssMB: Math.round(memory.rss / 1e6),
  arrayBuffersMB: Math.round(memory.arrayBuffers / 1e6),
  heapUsedMB: Math.round(memory.heapUsed / 1e6),
};
console.log(JSON.stringify(result));
