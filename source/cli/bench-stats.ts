/**
 * Measurements of one headless run for the benchmarks (test/bench/run.mjs): with
 * HEAPSCOPE_BENCH_STATS=FILE in the environment, the headless worker writes to FILE, as
 * JSON, the program's own time and CPU time (start-up excluded), when it started, the
 * events recorded and their bytes, and the process's memory.
 */
import { writeFileSync } from 'node:fs';
import type { Runtime } from '../runtime/runtime.js';

export type BenchStats = {
  /** Pass as RunOptions.beforeRun: the clock starts when start-up is over. */
  beforeRun: () => void;
  /** Write the measurements (after runProgram returned). */
  finish: (runtime: Runtime) => void;
};

/** The hooks, or null when no benchmark asked for them. */
export function benchStats(file = process.env.HEAPSCOPE_BENCH_STATS): BenchStats | null {
  if (!file) return null;
  let startedAt = 0;
  let wall = 0;
  let cpu = process.cpuUsage();
  return {
    beforeRun: () => {
      startedAt = performance.timeOrigin + performance.now();
      wall = performance.now();
      cpu = process.cpuUsage();
    },
    finish: (runtime) => {
      const ms = performance.now() - wall;
      const used = process.cpuUsage(cpu);
      const log = runtime.ev;
      const memory = process.memoryUsage();
      writeFileSync(
        file,
        JSON.stringify({
          scriptMs: ms,
          scriptCpuMs: (used.user + used.system) / 1000,
          /** When the program started (start-up over), in ms since the epoch. */
          startedAt,
          /** CPU time of the whole process (all threads) until then: start-up's cost without the waits of a busy machine. */
          startupCpuMs: (cpu.user + cpu.system) / 1000,
          events: log.count,
          logBytes: log.bytes,
          bytesPerEvent: log.count ? log.bytes / log.count : 0,
          strings: log.strings.size,
          maxRssKB: process.resourceUsage().maxRSS,
          rssKB: Math.round(memory.rss / 1024),
          jsHeapKB: Math.round(memory.heapUsed / 1024),
        }),
      );
    },
  };
}
