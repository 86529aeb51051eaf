// The recording floor: how long appending events to the log takes with nothing else
// going on (no interpreter, memory already touched), in nanoseconds per event. The mix
// is one iteration of `x = [i]` (churn.py) as the runtime logs it: two lines, two
// allocations, references moved, refcounts, a free and a free-list return: 15 events,
// 9.3 bytes each. run.mjs multiplies it by each workload's event count: the least time
// recording that workload costs, whatever the interpreter does.
import { EventLog, SLAB_BYTES } from '../../source/events/log.js';

const ITERATIONS = 1_000_000;
const EVENTS_PER_ITERATION = 15;

function once(): number {
  // Touched beforehand, as prefault.ts arranges for the real log.
  const slabs: ArrayBuffer[] = [];
  for (let i = 0; i < 10; i++) {
    const b = new ArrayBuffer(SLAB_BYTES);
    new Uint32Array(b).fill(1);
    slabs.push(b);
  }
  const log = new EventLog(() => slabs.shift() ?? new ArrayBuffer(SLAB_BYTES));
  const t0 = performance.now();
  let s = 5000;
  for (let i = 0; i < ITERATIONS; i++) {
    log.line(4269, 1);
    log.allocated(s + 1, 7, 28, 0x7f3ac0046f40 + i * 32, 0);
    log.refRemoved(4260, s - 1, 536871412);
    log.refAdded(4260, s + 1, 536871412);
    log.decref(s - 1);
    log.line(4269, 2);
    log.incref(s + 1);
    log.allocated(s + 2, 299, 64, 0x7f3ac0146f40, 9);
    log.refAdded(s + 2, s + 1, 3221225973);
    log.refRemoved(4260, s, 536871413);
    log.refAdded(4260, s + 2, 536871413);
    log.decref(s);
    log.decref(s - 1);
    log.freed(s - 1, false);
    log.freed(s, true);
    s += 2;
  }
  const ms = performance.now() - t0;
  if (log.count !== ITERATIONS * EVENTS_PER_ITERATION) throw new Error(`log-floor: ${log.count} events`);
  return (ms * 1e6) / log.count;
}

const runs = [once(), once(), once(), once(), once()].sort((a, b) => a - b);
console.log(JSON.stringify({ nsPerEvent: Number(runs[2]!.toFixed(2)), min: Number(runs[0]!.toFixed(2)), events: ITERATIONS * EVENTS_PER_ITERATION }));
