/**
 * Projections are total: any sequence of well-formed events, however meaningless (a
 * record file can say anything), folds without throwing, and time travel over it still
 * equals folding from scratch.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventLog } from '../../source/events/log.js';
import { EVENT_FIELDS, EVENT_KINDS, EventKind, makeSlot, type FieldType } from '../../source/events/kinds.js';
import { Projection } from '../../source/projections/projection.js';
import { TimeTravel } from '../../source/projections/time-travel.js';
import { diffNodes, projectedNodes, projectionSummary } from './projected-heap.js';

// Small ranges, so that events meet the same objects over and over.
const value: Record<FieldType, fc.Arbitrary<number>> = {
  serial: fc.integer({ min: 0, max: 40 }),
  str: fc.integer({ min: 0, max: 3 }),
  u32: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(2 ** 32 - 1)),
  i32: fc.integer({ min: -3, max: 3 }).map((x) => x >>> 0),
  slot: fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 6 })).map(([k, p]) => makeSlot(k, p)),
  addr: fc.integer({ min: 0, max: 2 ** 48 - 1 }),
  u8: fc.integer({ min: 0, max: 255 }),
};

const event = fc.constantFrom(...EVENT_KINDS).chain((kind) =>
  fc.tuple(fc.constant(kind), fc.tuple(...EVENT_FIELDS[kind].map(([, type]) => value[type]))),
);

describe('folding nonsense', () => {
  it('never throws, and seek(k) still equals folding the first k events', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 400 }), fc.nat(), (events, pick) => {
        const log = new EventLog();
        for (const s of ['a', 'b', 'c']) log.strings.intern(s);
        for (const [kind, f] of events) {
          if (kind === EventKind.Allocated) log.allocated(f[0]!, f[1]!, f[2]!, f[3]!, f[4]!);
          else log.emitFields(kind, f[0]!, f[1], f[2], f[3], f[4]);
        }
        const tt = new TimeTravel(log, { minSpacing: 37, maxSpacing: 37 });
        const k = pick % (log.count + 1);
        const fresh = new Projection();
        fresh.advance(log, k);
        const seen = tt.seek(k);
        expect(projectionSummary(seen, log.strings)).toEqual(projectionSummary(fresh, log.strings));
        expect(diffNodes(projectedNodes(fresh, log.strings), projectedNodes(seen, log.strings))).toEqual([]);
        for (const p of [seen, tt.head]) p.forEachNode((s) => void (p.referrers(s), p.referents(s)));
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
