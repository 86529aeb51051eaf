/**
 * The event log: every change of memory state, appended as 32-bit words into
 * preallocated typed-array chunks (no JavaScript object per event), with strings
 * (type names, attribute names, output text) interned once into a table.
 *
 * The runtime writes through the typed `emit*` methods; readers walk the log with
 * `forEach` / `readAt`, which decode one event at a time into a reusable record.
 */
import { EVENT_WORDS, EventKind } from './kinds.js';

const CHUNK_WORDS = 1 << 20; // 4 MiB per chunk
const MAX_EVENT_WORDS = 8;
/** Every INDEX_STRIDE-th event's position is remembered, for seeking by event number. */
const INDEX_STRIDE = 1024;

/** A decoded event; `a`..`e` are the payload words in the order kinds.ts documents. */
export type EventRecord = {
  kind: EventKind;
  arg: number;
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
};

export class StringTable {
  private readonly ids = new Map<string, number>();
  readonly strings: string[] = [''];
  intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, id);
    }
    return id;
  }
  get(id: number): string {
    return this.strings[id] ?? '';
  }
  get size(): number {
    return this.strings.length;
  }
}

export class EventLog {
  readonly strings = new StringTable();
  private chunks: Uint32Array[] = [];
  private buf: Uint32Array;
  private pos = 0;
  /** Number of events appended. */
  count = 0;
  /** Word position (chunk * CHUNK_WORDS + offset) of every INDEX_STRIDE-th event. */
  private index: number[] = [];

  constructor() {
    this.buf = new Uint32Array(CHUNK_WORDS);
    this.chunks.push(this.buf);
  }

  /** Bytes held by the event words (not counting the string table). */
  get bytes(): number {
    return (this.chunks.length - 1) * CHUNK_WORDS * 4 + this.pos * 4;
  }

  private room(): void {
    if (this.pos + MAX_EVENT_WORDS > CHUNK_WORDS) {
      // Mark the rest of the chunk as unused with a zero header.
      if (this.pos < CHUNK_WORDS) this.buf[this.pos] = 0;
      this.buf = new Uint32Array(CHUNK_WORDS);
      this.chunks.push(this.buf);
      this.pos = 0;
    }
    if (this.count % INDEX_STRIDE === 0) this.index.push((this.chunks.length - 1) * CHUNK_WORDS + this.pos);
  }

  private header(kind: EventKind, arg: number): number {
    this.room();
    const p = this.pos;
    this.buf[p] = kind | (arg << 8);
    this.count++;
    return p;
  }

  // ---------------------------------------------------------------- writers (hot path)

  emit1(kind: EventKind, a: number): void {
    this.room();
    const b = this.buf;
    const p = this.pos;
    b[p] = kind;
    b[p + 1] = a;
    this.pos = p + 2;
    this.count++;
  }

  emit(kind: EventKind, arg: number, a = 0, b = 0, c = 0, d = 0, e = 0): void {
    const p = this.header(kind, arg);
    const buf = this.buf;
    const n = EVENT_WORDS[kind];
    if (n > 0) buf[p + 1] = a;
    if (n > 1) buf[p + 2] = b;
    if (n > 2) buf[p + 3] = c;
    if (n > 3) buf[p + 4] = d;
    if (n > 4) buf[p + 5] = e;
    this.pos = p + 1 + n;
  }

  incref(serial: number): void {
    this.emit1(EventKind.Incref, serial);
  }
  decref(serial: number): void {
    this.emit1(EventKind.Decref, serial);
  }
  refAdded(from: number, to: number, slot: number): void {
    this.room();
    const b = this.buf;
    const p = this.pos;
    b[p] = EventKind.RefAdded;
    b[p + 1] = from;
    b[p + 2] = to;
    b[p + 3] = slot;
    this.pos = p + 4;
    this.count++;
  }
  refRemoved(from: number, to: number, slot: number): void {
    this.room();
    const b = this.buf;
    const p = this.pos;
    b[p] = EventKind.RefRemoved;
    b[p + 1] = from;
    b[p + 2] = to;
    b[p + 3] = slot;
    this.pos = p + 4;
    this.count++;
  }
  allocated(serial: number, typeName: number, size: number, addr: number, flags: number): void {
    this.emit(EventKind.Allocated, flags, serial, typeName, size, addr % 0x100000000, Math.floor(addr / 0x100000000));
  }
  freed(serial: number, uncounted: boolean): void {
    const p = this.header(EventKind.Freed, uncounted ? 0 : 1);
    this.buf[p + 1] = serial;
    this.pos = p + 2;
  }
  line(frame: number, line: number): void {
    this.emit(EventKind.LineStarted, 0, frame, line);
  }
  output(stream: 1 | 2, text: string): void {
    this.emit(EventKind.Output, stream, this.strings.intern(text));
  }

  // ---------------------------------------------------------------- readers

  /** Decode every event from `start` (an event number) on; stop early when fn returns false. */
  forEach(fn: (ev: EventRecord, n: number) => boolean | void, start = 0): void {
    const rec: EventRecord = { kind: 0 as EventKind, arg: 0, a: 0, b: 0, c: 0, d: 0, e: 0 };
    let n = start - (start % INDEX_STRIDE);
    const at = this.index[n / INDEX_STRIDE];
    if (at === undefined) return;
    let chunk = Math.floor(at / CHUNK_WORDS);
    let p = at % CHUNK_WORDS;
    while (n < this.count) {
      let buf = this.chunks[chunk]!;
      const lastChunk = chunk === this.chunks.length - 1;
      if ((!lastChunk && (p + MAX_EVENT_WORDS > CHUNK_WORDS || buf[p] === 0)) || (lastChunk && p >= this.pos)) {
        if (lastChunk) return;
        chunk++;
        p = 0;
        buf = this.chunks[chunk]!;
      }
      const h = buf[p]!;
      const kind = (h & 0xff) as EventKind;
      const words = EVENT_WORDS[kind];
      if (n >= start) {
        rec.kind = kind;
        rec.arg = h >>> 8;
        rec.a = words > 0 ? buf[p + 1]! : 0;
        rec.b = words > 1 ? buf[p + 2]! : 0;
        rec.c = words > 2 ? buf[p + 3]! : 0;
        rec.d = words > 3 ? buf[p + 4]! : 0;
        rec.e = words > 4 ? buf[p + 5]! : 0;
        if (fn(rec, n) === false) return;
      }
      p += 1 + words;
      n++;
    }
  }
}
