/**
 * For every conformance program: the projection that time travel gives at event k
 * (restored from a checkpoint and folded forward, or folded on from where the view was)
 * equals the one folded from scratch over the first k events.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProgram } from '../../source/runtime/run.js';
import { Projection } from '../../source/projections/projection.js';
import { TimeTravel } from '../../source/projections/time-travel.js';
import { diffNodes, projectedNodes, projectionSummary } from './projected-heap.js';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', 'conformance', 'programs');
const programs = readdirSync(dir).filter((f) => f.endsWith('.py')).sort();

describe('time travel: seek(k) equals folding the first k events', () => {
  for (const file of programs) {
    it(file, () => {
      const source = readFileSync(join(dir, file), 'utf8');
      const log = runProgram(join(dir, file), source, { stdout: () => {}, stderr: () => {} }).runtime.ev;
      // Small checkpoint spacing, so that seeks restore checkpoints from the middle.
      const tt = new TimeTravel(log, { minSpacing: 997, maxSpacing: 997 });
      expect(tt.length).toBe(log.count);
      expect(tt.checkpointCount).toBeGreaterThan(3);
      // Backward and forward, near checkpoints, at line starts, at both ends.
      const n = log.count;
      let seed = 12345;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % (n + 1);
      const targets = [n, 0, n - 1, 997, 996, 5000, ...Array.from({ length: 3 }, random)];
      if (tt.lineCount > 2) targets.push(tt.lineEvent(tt.lineCount - 1), tt.lineEvent(1) + 1);
      for (const k of targets) {
        const fresh = new Projection();
        fresh.advance(log, k);
        const seen = tt.seek(k);
        expect(seen.at).toBe(Math.min(k, n));
        expect(diffNodes(projectedNodes(fresh, log.strings), projectedNodes(seen, log.strings))).toEqual([]);
        expect(projectionSummary(seen, log.strings)).toEqual(projectionSummary(fresh, log.strings));
      }
    });
  }
});
