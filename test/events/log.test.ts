/** The event log's encoding, reading and streaming between logs. */
import { describe, expect, it } from 'vitest';
import { BatchExporter, EventLog, TAIL_WORDS } from '../../source/events/log.js';
import { AllocFlags, EventKind, makeSlot, SlotKind } from '../../source/events/kinds.js';

type Decoded = [EventKind, number, number, number, number, number, number];

function decodeAll(log: EventLog, start = 0): Decoded[] {
  const out: Decoded[] = [];
  log.forEach((r) => void out.push([r.kind, r.a, r.b, r.c, r.d, r.e, r.f]), start);
  return out;
}

/** A checksum of the decoded events (fast to compare for long logs) and their number. */
function fingerprint(log: EventLog, start = 0): string {
  let h = 0;
  let n = 0;
  log.forEach((r) => {
    for (const x of [r.kind, r.a, r.b, r.c, r.d, r.e, r.f]) h = (Math.imul(h, 31) + x) | 0;
    n++;
  }, start);
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

describe('streaming between logs (worker to main thread)', () => {
  it('BatchExporter + appendBatch rebuild the same log, batch by batch', () => {
    // Batches of every size: taken while the source is written, across its chunks.
    const source = new EventLog();
    const mirror = new EventLog();
    const exporter = new BatchExporter(source);
    const name = source.strings.intern('node');
    for (let i = 0; i < 300_000; i++) {
      source.allocated(i + 1, name, 48, 0x7f0000000000 + 48 * i, 0);
      source.refAdded(i + 1, i, makeSlot(SlotKind.Attribute, source.strings.intern(`a${i % 1000}`)));
      if (i % 997 === 0 || i % 50_000 === 1) mirror.appendBatch(exporter.next());
    }
    mirror.appendBatch(exporter.next());
    expect(exporter.next().count).toBe(0);
    expect(mirror.count).toBe(source.count);
    expect(mirror.strings.strings).toEqual(source.strings.strings);
    expect(fingerprint(mirror)).toBe(fingerprint(source));
    // Seeking goes through the index the mirror built while copying runs of events.
    for (const n of [1, 1023, 1024, 1025, 4096 * 37 + 5, source.count - 1]) expect(fingerprint(mirror, n)).toBe(fingerprint(source, n));
  });

  it('appendBatch copies events of every width across chunk ends and index points', () => {
    // 600k events of 1 to 6 words (about 2.6 chunks), in batches of irregular sizes.
    const source = sampleLog(100_000);
    const mirror = new EventLog();
    let from = 0;
    for (let size = 1; from < source.count; size = (size * 7 + 3) % 40_000) {
      const to = Math.min(source.count, from + size);
      const batch = source.exportSince(from, mirror.strings.size);
      const words = batch.words;
      let p = 0;
      for (let n = from; n < to; n++) p += 1 + ((words[p]! & 0x80) !== 0 ? 1 : 0) + TAIL_WORDS[(words[p]! & 0x7f) as EventKind];
      mirror.appendBatch({ ...batch, count: to - from, words: words.slice(0, p) });
      from = to;
    }
    expect(mirror.count).toBe(source.count);
    expect(mirror.allocatedBytes).toBeGreaterThan(8 * 1024 * 1024);
    for (const n of [0, 1, 1023, 1024, 1025, 262_143, 262_144, 400_000, source.count - 1]) expect(fingerprint(mirror, n)).toBe(fingerprint(source, n));
  });

  it('a malformed batch leaves nothing behind, even past the end of a chunk', () => {
    const source = sampleLog(100_000);
    const mirror = new EventLog();
    mirror.appendBatch(source.exportSince(0, 1));
    // Appended as one batch: sampleLog(100_000) fills most of a chunk, so this one crosses.
    const more = sampleLog(100_000).exportSince(0, 1);
    const bad = { ...more, firstEvent: mirror.count, firstString: mirror.strings.size, strings: [], words: more.words.slice() };
    let last = 0;
    for (let p = 0; p < bad.words.length; p += 1 + ((bad.words[p]! & 0x80) !== 0 ? 1 : 0) + TAIL_WORDS[(bad.words[p]! & 0x7f) as EventKind]) last = p;
    bad.words[last] = 0x7f; // the last event's header: an unknown kind
    expect(() => mirror.appendBatch(bad)).toThrow(/unknown event kind/);
    const cut = { ...bad, words: more.words.subarray(0, more.words.length - 1) };
    expect(() => mirror.appendBatch(cut)).toThrow(/whole events/);
    expect(mirror.count).toBe(source.count);
    expect(fingerprint(mirror)).toBe(fingerprint(source));
    // The log goes on from where it was.
    mirror.appendBatch({ ...bad, words: more.words });
    expect(mirror.count).toBe(2 * source.count);
    expect(fingerprint(mirror, source.count)).toBe(fingerprint(source));
    expect(fingerprint(mirror, source.count + 4096 * 100 + 7)).toBe(fingerprint(source, 4096 * 100 + 7));
  });

  it('batches taken while the source grows', () => {
    const source = new EventLog();
    const mirror = new EventLog();
    const exporter = new BatchExporter(source);
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 3000; i++) source.output(1, `line ${round} ${i}\n`);
      const batch = exporter.next();
      // Transferable: a fresh buffer of exactly the batch's words.
      expect(batch.words.buffer.byteLength).toBe(batch.words.byteLength);
      mirror.appendBatch(structuredClone(batch, { transfer: [batch.words.buffer] }));
    }
    expect(decodeAll(mirror)).toEqual(decodeAll(source));
    expect(mirror.strings.get(mirror.strings.size - 1)).toBe('line 4 2999\n');
  });

  it('refuses batches out of order or malformed', () => {
    const source = sampleLog(10);
    const mirror = new EventLog();
    const later = source.exportSince(5, 1);
    expect(() => mirror.appendBatch(later)).toThrow(/out of order/);
    const batch = source.exportSince(0, 1);
    const cut = { ...batch, words: batch.words.subarray(0, batch.words.length - 1) };
    expect(() => mirror.appendBatch(cut)).toThrow(/whole events/);
    const bad = { ...batch, words: Uint32Array.from([0x7f, 1]), count: 1 };
    expect(() => mirror.appendBatch(bad)).toThrow(/unknown event kind/);
    expect(mirror.count).toBe(0);
    mirror.appendBatch(batch);
    expect(mirror.count).toBe(source.count);
  });
});
