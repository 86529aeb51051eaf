/** The event log's encoding, reading and streaming between logs. */
import { describe, expect, it } from 'vitest';
import { BatchExporter, EventLog, type EventBatch } from '../../source/events/log.js';
import { AllocFlags, EventKind, makeSlot, SlotKind } from '../../source/events/kinds.js';

type Decoded = [EventKind, number, number, number, number, number, number];

function decodeAll(log: EventLog, start = 0): Decoded[] {
  const out: Decoded[] = [];
  log.forEach((r) => void out.push([r.kind, r.a, r.b, r.c, r.d, r.e, r.f]), start);
  return out;
}

/** A checksum of the decoded events (fast to compare for long logs) and their number. */
function fingerprint(log: EventLog, start = 0, end = log.count): string {
  let h = 0;
  let n = 0;
  log.forEach(
    (r) => {
      for (const x of [r.kind, r.a, r.b, r.c, r.d, r.e, r.f]) h = (Math.imul(h, 31) + x) | 0;
      n++;
    },
    start,
    end,
  );
  return `${n}:${h}`;
}

/** A log with every width of field: small and wide serials, addresses, negative deltas. */
function sampleLog(n: number): EventLog {
  const log = new EventLog();
  const name = log.strings.intern('list');
  for (let i = 0; i < n; i++) {
    const serial = i % 3 === 0 ? 2 ** 24 + i : i + 1; // every third one needs a word of its own
    log.allocated(serial, name, 56 + i, 0x7f3a00001000 + 16 * i, AllocFlags.Gc | AllocFlags.Tracked);
    log.incref(serial);
    log.refAdded(serial, 7, makeSlot(SlotKind.Index, i));
    log.emit(EventKind.ItemsShifted, serial, i, -1 >>> 0);
    log.line(99, i);
    log.decref(serial);
  }
  return log;
}

describe('EventLog', () => {
  it('decodes what it encoded, with wide fields and packed addresses', () => {
    const log = sampleLog(10);
    const events = decodeAll(log);
    expect(events.length).toBe(60);
    expect(log.count).toBe(60);
    const [kind, serial, type, size, lo, hi, flags] = events[0]!;
    expect([kind, serial, size, flags]).toEqual([EventKind.Allocated, 2 ** 24, 56, AllocFlags.Gc | AllocFlags.Tracked]);
    expect(log.strings.get(type)).toBe('list');
    expect(hi * 2 ** 32 + lo).toBe(0x7f3a00001000);
    expect(events[8]).toEqual([EventKind.RefAdded, 2, 7, makeSlot(SlotKind.Index, 1), 0, 0, 0].slice(0, 4).concat(events[8]!.slice(4)));
    expect(events[3]![0]).toBe(EventKind.ItemsShifted);
    expect(events[3]![3] | 0).toBe(-1);
    expect(events[4]!.slice(0, 3)).toEqual([EventKind.LineStarted, 0, 99]);
  });

  it('stays compact: 4 bytes for a refcount change, 12 for a reference', () => {
    const log = new EventLog();
    log.incref(5);
    expect(log.bytes).toBe(4);
    log.refAdded(5, 6, 7);
    expect(log.bytes).toBe(16);
    log.incref(2 ** 25);
    expect(log.bytes).toBe(24);
  });

  it('reads from any event, across chunk boundaries', () => {
    // 200000 events of up to 6 words fill more than one 2^20-word chunk.
    const log = sampleLog(200_000 / 6);
    const all = decodeAll(log);
    expect(all.length).toBe(log.count);
    for (const start of [0, 1, 1023, 1024, 1025, 87_654, log.count - 1, log.count]) {
      let h = 0;
      for (const e of all.slice(start)) for (const x of e) h = (Math.imul(h, 31) + x) | 0;
      expect(fingerprint(log, start)).toBe(`${log.count - start}:${h}`);
    }
    expect(log.allocatedBytes).toBeGreaterThan(4 << 20);
  });

  it('a reader sees events appended after it reached the end', () => {
    const log = new EventLog();
    const r = log.reader(0);
    expect(r.next()).toBe(false);
    log.incref(3);
    expect(r.next()).toBe(true);
    expect([r.kind, r.a]).toEqual([EventKind.Incref, 3]);
  });
});

/** A log in shared memory, as the runtime worker writes it. */
const sharedLog = () => new EventLog((bytes) => new SharedArrayBuffer(bytes));

/** sampleLog(n) written into shared memory: 6n events of 1 to 6 words. */
function sharedSampleLog(n: number): EventLog {
  const source = sharedLog();
  const sample = sampleLog(n);
  sample.forEach((r) => {
    if (r.kind === EventKind.Allocated) source.allocated(r.a, r.b, r.c, r.e * 2 ** 32 + r.d, r.f);
    else source.emitFields(r.kind, r.a, r.b, r.c, r.d, r.e);
  });
  source.strings.load(sample.strings.strings.slice(1));
  return source;
}

/** The batch of `log`'s events [from, to) (strings and slabs from the given ids on). */
function batchOf(log: EventLog, from: number, to: number, fromString: number, fromSlab: number): EventBatch {
  const whole = log.shareSince(from, fromString, fromSlab);
  const end = log.reader(to);
  return { ...whole, count: to - from, endChunk: end.chunkIndex, endPos: end.pos };
}

describe('streaming between logs (worker to main thread)', () => {
  it('a mirror reads the events in the memory it shares with the writer, batch by batch', () => {
    // Batches of every size, taken while the writer appends, across its chunks.
    const source = sharedLog();
    const mirror = EventLog.mirror(source.slabs[0] as SharedArrayBuffer);
    const exporter = new BatchExporter(source);
    const name = source.strings.intern('node');
    for (let i = 0; i < 300_000; i++) {
      source.allocated(i + 1, name, 48, 0x7f0000000000 + 48 * i, 0);
      source.refAdded(i + 1, i, makeSlot(SlotKind.Attribute, source.strings.intern(`a${i % 1000}`)));
      if (i % 997 === 0 || i % 50_000 === 1) mirror.adoptBatch(structuredClone(exporter.next()));
    }
    mirror.adoptBatch(exporter.next());
    expect(exporter.next().count).toBe(0);
    expect(mirror.count).toBe(source.count);
    expect(mirror.strings.strings).toEqual(source.strings.strings);
    expect(fingerprint(mirror)).toBe(fingerprint(source));
    // Seeking goes through the index the mirror built while walking the events.
    for (const n of [1, 1023, 1024, 1025, 4096 * 37 + 5, source.count - 1]) expect(fingerprint(mirror, n)).toBe(fingerprint(source, n));
    // Nothing was copied: the mirror's chunks are the writer's memory.
    expect(mirror.slabs).toEqual(source.slabs);
    expect(mirror.slabs[0]).toBe(source.slabs[0]);
  });

  it('walks events of every width across chunk ends, slab ends and index points', () => {
    // 1.8 million events (more than a slab), in batches of irregular sizes.
    const source = sharedSampleLog(300_000);
    expect(source.slabs.length).toBe(2);
    const mirror = EventLog.mirror(source.slabs[0] as SharedArrayBuffer);
    let from = 0;
    for (let size = 1; from < source.count; size = (size * 7 + 3) % 40_000) {
      const to = Math.min(source.count, from + size);
      mirror.adoptBatch(batchOf(source, from, to, mirror.strings.size, mirror.slabs.length));
      from = to;
    }
    expect(mirror.count).toBe(source.count);
    for (const n of [0, 1, 1023, 1024, 1025, 262_143, 262_144, 800_000, 1_000_001, source.count - 1]) expect(fingerprint(mirror, n)).toBe(fingerprint(source, n));
  });

  it('a malformed batch leaves nothing behind, even past the end of a slab', () => {
    const source = sharedSampleLog(300_000);
    const mirror = EventLog.mirror(source.slabs[0] as SharedArrayBuffer);
    const half = 700_000;
    // As if the writer took its second slab after this batch (no slab comes with it).
    mirror.adoptBatch(batchOf(source, 0, half, 1, 2));
    // The rest crosses into the second slab. Announced one event too many, it runs past the
    // writer's last event (into zeros: no such kind); with a wrong end, it ends elsewhere.
    const rest = batchOf(source, half, source.count, mirror.strings.size, 1);
    expect(rest.slabs.length).toBe(1);
    expect(() => mirror.adoptBatch({ ...rest, count: 10, endPos: 0 })).toThrow(/the writer's at word/);
    expect(() => mirror.adoptBatch({ ...rest, count: rest.count + 1 })).toThrow(/unknown event kind 0/);
    expect(() => mirror.adoptBatch({ ...rest, endPos: rest.endPos + 1 })).toThrow(/the writer's at word/);
    expect(() => mirror.adoptBatch({ ...rest, slabs: [] })).toThrow(/never sent/);
    expect(mirror.count).toBe(half);
    expect(mirror.slabs.length).toBe(1);
    expect(fingerprint(mirror)).toBe(fingerprint(source, 0, half));
    // The log goes on from where it was.
    mirror.adoptBatch(rest);
    expect(mirror.count).toBe(source.count);
    expect(mirror.bytes).toBe(source.bytes);
    expect(fingerprint(mirror)).toBe(fingerprint(source));
    expect(fingerprint(mirror, half + 4096 * 100 + 7)).toBe(fingerprint(source, half + 4096 * 100 + 7));
  });

  it('refuses batches out of order, or for a log that mirrors nothing', () => {
    const source = sharedLog();
    for (let i = 0; i < 10; i++) source.incref(i);
    const mirror = EventLog.mirror(source.slabs[0] as SharedArrayBuffer);
    expect(() => mirror.adoptBatch(batchOf(source, 5, 10, 1, 1))).toThrow(/out of order/);
    expect(() => new EventLog().adoptBatch(batchOf(source, 0, 10, 1, 1))).toThrow(/does not mirror/);
    expect(() => new EventLog().shareSince(0, 1, 0)).toThrow(/SharedArrayBuffers/);
    expect(mirror.count).toBe(0);
    mirror.adoptBatch(batchOf(source, 0, 10, 1, 1));
    expect(mirror.count).toBe(10);
  });
});
