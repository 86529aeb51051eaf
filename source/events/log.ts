/**
 * The event log: every change of memory state, appended as 32-bit words into
 * preallocated typed-array chunks (no JavaScript object per event), with strings (type
 * names, attribute names, output text) kept once in a table and referred to by id.
 *
 * Encoding of one event: a header word, `kind | field0 << 8` when the first field fits
 * in 24 bits (serials of the first 16 million objects, line numbers, generations), else
 * `kind | WIDE` followed by field0 in a word of its own; then one word per further field
 * (Allocated packs its flags into the high half of the address's upper word). So an
 * incref is 4 bytes, a reference added 12, an allocation 20; the runtime's mix averages
 * about 8 bytes per event.
 *
 * The runtime writes through the typed methods below; readers walk the log with a
 * LogReader, which decodes one event at a time into its own fields.
 */
import { EVENT_FIELDS, EVENT_KINDS, EventKind, type EventFields } from './kinds.js';

/** Words per chunk: 4 MiB. */
const CHUNK_WORDS = 1 << 20;
/**
 * Chunks are cut from slabs of this many (16 MiB). The first write to each page of fresh
 * memory costs a page fault, as much as the rest of the runtime's work on a busy VM; a
 * big block can be backed by 2 MiB transparent huge pages (when malloc asks for them: the
 * heapscope binary's #! line, build.mjs), which only fit whole inside large aligned
 * ranges: 16 MiB slabs take a seventh of the faults of 4 MiB chunks. An untouched chunk
 * costs address space, not memory.
 */
const SLAB_CHUNKS = 4;
export const SLAB_BYTES = SLAB_CHUNKS * CHUNK_WORDS * 4;
/** The longest event: header, wide field 0, four more words. */
const MAX_EVENT_WORDS = 6;
/** Every INDEX_STRIDE-th event's position is remembered, for seeking by event number. */
const INDEX_SHIFT = 10;
const INDEX_STRIDE = 1 << INDEX_SHIFT;
const WIDE = 0x80;
const KIND_MASK = 0x7f;
const INLINE_LIMIT = 1 << 24;
/** Kinds are numbered 1..LAST_KIND. */
const LAST_KIND = EVENT_KINDS.length;

/** Words after the header (and after field 0's own word when it is wide), per kind. */
export const TAIL_WORDS: Record<EventKind, number> = (() => {
  const out = {} as Record<EventKind, number>;
  for (const [k, fields] of Object.entries(EVENT_FIELDS)) {
    // Allocated: the address takes two words, which also carry the flags field.
    out[Number(k) as EventKind] = Number(k) === EventKind.Allocated ? 4 : fields.length - 1;
  }
  return out;
})();
const tailWords = new Uint8Array(64);
for (const [k, n] of Object.entries(TAIL_WORDS)) tailWords[Number(k)] = n;
/** TAIL_WORDS as a typed array indexed by kind, for bulk decoders. */
export const TAIL_WORDS_BY_KIND: Readonly<Uint8Array> = tailWords;

/** Kinds whose only field is a serial. */
export type OneFieldKind =
  | EventKind.Freed
  | EventKind.FreedToFreeList
  | EventKind.Incref
  | EventKind.Decref
  | EventKind.FrameExited
  | EventKind.FrameReleased
  | EventKind.GcTracked
  | EventKind.GcUntracked
  | EventKind.Unreachable
  | EventKind.FinalizerRun
  | EventKind.CallbackRun
  | EventKind.Resurrected;

export class StringTable {
  private readonly ids = new Map<string, number>();
  /** Id 0 is the empty string. */
  readonly strings: string[] = [''];

  /** The id of `s`, adding it the first time (names, labels, type names). */
  intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, id);
    }
    return id;
  }

  /** A new id for `s` without looking for an equal string (output text: rarely repeated). */
  append(s: string): number {
    this.strings.push(s);
    return this.strings.length - 1;
  }

  get(id: number): string {
    return this.strings[id] ?? '';
  }

  /** The id of an interned string, or -1 (without adding it: readers must not write). */
  find(s: string): number {
    return this.ids.get(s) ?? -1;
  }

  get size(): number {
    return this.strings.length;
  }

  /** Take strings written by another table, in id order (import of a batch or a file). */
  load(strings: readonly string[]): void {
    for (const s of strings) {
      const id = this.strings.length;
      this.strings.push(s);
      if (!this.ids.has(s)) this.ids.set(s, id);
    }
  }
}

/**
 * The events and strings appended since some point, as transferable typed arrays: what a
 * worker thread running the program posts to the main thread.
 */
export type EventBatch = {
  /** Number of the first event in `words` (the receiving log must hold exactly that many). */
  firstEvent: number;
  /** Number of events in `words`. */
  count: number;
  /** The encoded events, back to back (transfer its buffer). */
  words: Uint32Array;
  /** Id of the first string in `strings` (the receiving table must hold exactly that many). */
  firstString: number;
  strings: string[];
};

export class EventLog {
  readonly strings = new StringTable();
  /** Number of events appended. */
  count = 0;
  private chunks: Uint32Array[] = [];
  /** Words used in each chunk but the last (the last one's is `pos`). */
  private used: number[] = [];
  private buf: Uint32Array;
  private pos = 0;
  /** Word position (chunk * CHUNK_WORDS + offset) of every INDEX_STRIDE-th event. */
  private index = new Float64Array(1024);

  /** Chunks cut from the current slab and not used yet. */
  private spare: Uint32Array[] = [];

  /**
   * @param newSlab where fresh memory comes from (default: a new ArrayBuffer); a runtime
   * on its own thread passes PrefaultedSlabs' (session/prefault.ts).
   */
  constructor(private readonly newSlab: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes)) {
    this.buf = this.newChunk();
    this.chunks.push(this.buf);
  }

  private newChunk(): Uint32Array {
    if (this.spare.length === 0) {
      const slab = this.newSlab(SLAB_BYTES);
      for (let i = SLAB_CHUNKS - 1; i >= 0; i--) this.spare.push(new Uint32Array(slab, i * CHUNK_WORDS * 4, CHUNK_WORDS));
    }
    return this.spare.pop()!;
  }

  /** Bytes of event words written (the string table not included). */
  get bytes(): number {
    let words = this.pos;
    for (const u of this.used) words += u;
    return words * 4;
  }

  /** Bytes of the chunks allocated to hold them. */
  get allocatedBytes(): number {
    return (this.chunks.length + this.spare.length) * CHUNK_WORDS * 4 + this.index.byteLength;
  }

  // ---------------------------------------------------------------- writers (hot path)

  /** Start an event: room for the longest event, the seek index. Returns its position. */
  private begin(): number {
    if (this.pos > CHUNK_WORDS - MAX_EVENT_WORDS) this.nextChunk();
    const n = this.count;
    if ((n & (INDEX_STRIDE - 1)) === 0) this.indexEvent(n);
    this.count = n + 1;
    return this.pos;
  }

  private nextChunk(): void {
    this.used.push(this.pos);
    this.buf = this.newChunk();
    this.chunks.push(this.buf);
    this.pos = 0;
  }

  private indexEvent(n: number): void {
    const slot = n >>> INDEX_SHIFT;
    if (slot >= this.index.length) {
      const bigger = new Float64Array(this.index.length * 2);
      bigger.set(this.index);
      this.index = bigger;
    }
    this.index[slot] = (this.chunks.length - 1) * CHUNK_WORDS + this.pos;
  }

  /** Header and field 0; returns the position of the next word. */
  private head(p: number, kind: EventKind, a: number): number {
    const buf = this.buf;
    if (a < INLINE_LIMIT) {
      buf[p] = kind | (a << 8);
      return p + 1;
    }
    buf[p] = kind | WIDE;
    buf[p + 1] = a;
    return p + 2;
  }

  /** An event with only field 0 (a serial). */
  emit1(kind: OneFieldKind, a: number): void {
    const p = this.begin();
    if (a < INLINE_LIMIT) {
      this.buf[p] = kind | (a << 8);
      this.pos = p + 1;
    } else {
      this.buf[p] = kind | WIDE;
      this.buf[p + 1] = a;
      this.pos = p + 2;
    }
  }

  /**
   * Any event but Allocated, by its fields in EVENT_FIELDS order (the arity is checked
   * at compile time; the body is `emitFields`, without a rest array at run time).
   */
  declare emit: <K extends Exclude<EventKind, EventKind.Allocated>>(kind: K, ...fields: EventFields<K>) => void;

  /**
   * emit() without the compile-time arity: for code that decoded the fields from
   * elsewhere (record files). Not for Allocated.
   */
  emitFields(kind: EventKind, a: number, b = 0, c = 0, d = 0, e = 0): void {
    let q = this.head(this.begin(), kind, a);
    const n = tailWords[kind]!;
    const buf = this.buf;
    if (n > 0) buf[q++] = b;
    if (n > 1) buf[q++] = c;
    if (n > 2) buf[q++] = d;
    if (n > 3) buf[q++] = e;
    this.pos = q;
  }

  incref(serial: number): void {
    this.emit1(EventKind.Incref, serial);
  }

  decref(serial: number): void {
    this.emit1(EventKind.Decref, serial);
  }

  refAdded(from: number, to: number, slot: number): void {
    const q = this.head(this.begin(), EventKind.RefAdded, from);
    const buf = this.buf;
    buf[q] = to;
    buf[q + 1] = slot;
    this.pos = q + 2;
  }

  refRemoved(from: number, to: number, slot: number): void {
    const q = this.head(this.begin(), EventKind.RefRemoved, from);
    const buf = this.buf;
    buf[q] = to;
    buf[q + 1] = slot;
    this.pos = q + 2;
  }

  allocated(serial: number, typeName: number, size: number, addr: number, flags: number): void {
    const q = this.head(this.begin(), EventKind.Allocated, serial);
    const buf = this.buf;
    const high = Math.floor(addr / 0x100000000);
    buf[q] = typeName;
    buf[q + 1] = size;
    buf[q + 2] = addr - high * 0x100000000;
    buf[q + 3] = (high & 0xffff) | ((flags & 0xff) << 16);
    this.pos = q + 4;
  }

  /** The object's memory is released: to its type's free list, or to the allocator. */
  freed(serial: number, toFreeList: boolean): void {
    this.emit1(toFreeList ? EventKind.FreedToFreeList : EventKind.Freed, serial);
  }

  line(frame: number, line: number): void {
    this.emit(EventKind.LineStarted, line, frame);
  }

  output(stream: 1 | 2, text: string): void {
    this.emit(EventKind.Output, stream, this.strings.append(text));
  }

  // ---------------------------------------------------------------- readers

  /** A reader positioned at event `start`. */
  reader(start = 0): LogReader {
    const r = new LogReader(this);
    r.seek(start);
    return r;
  }

  /** Decode every event from `start` on; stop early when fn returns false. */
  forEach(fn: (ev: LogReader, n: number) => boolean | void, start = 0, end = this.count): void {
    const r = this.reader(start);
    while (r.n < end && r.next()) if (fn(r, r.n - 1) === false) return;
  }

  /** @internal chunk storage for LogReader */
  chunk(i: number): Uint32Array | undefined {
    return this.chunks[i];
  }
  /** @internal words used in chunk i */
  chunkEnd(i: number): number {
    return i === this.chunks.length - 1 ? this.pos : this.used[i]!;
  }
  /** @internal position of event n, a multiple of INDEX_STRIDE */
  indexed(n: number): number {
    return this.index[n >>> INDEX_SHIFT]!;
  }

  // ---------------------------------------------------------------- streaming between threads

  /**
   * The events appended since event `fromEvent` and the strings since id `fromString`,
   * copied into one fresh typed array so that it can be transferred to another thread
   * without copying again. BatchExporter keeps the two positions for you:
   *
   *     // worker thread, after each slice of the program:
   *     const batch = exporter.next();                      // exporter = new BatchExporter(rt.ev)
   *     parentPort.postMessage(batch, [batch.words.buffer]);
   *     // main thread:
   *     mirror.appendBatch(batch);                          // mirror = new EventLog()
   *     timeTravel.sync();                                  // timeTravel = new TimeTravel(mirror)
   *
   * Batches must be appended in the order they were taken.
   */
  exportSince(fromEvent: number, fromString: number): EventBatch {
    const count = Math.max(0, this.count - fromEvent);
    const strings = this.strings.strings.slice(fromString);
    if (count === 0) return { firstEvent: this.count, count: 0, words: new Uint32Array(0), firstString: fromString, strings };
    const r = this.reader(fromEvent);
    const startChunk = r.chunkIndex;
    const startPos = r.pos;
    const last = this.chunks.length - 1;
    let total = 0;
    for (let c = startChunk; c <= last; c++) total += this.chunkEnd(c) - (c === startChunk ? startPos : 0);
    const words = new Uint32Array(total);
    let w = 0;
    for (let c = startChunk; c <= last; c++) {
      const from = c === startChunk ? startPos : 0;
      const end = this.chunkEnd(c);
      words.set(this.chunks[c]!.subarray(from, end), w);
      w += end - from;
    }
    return { firstEvent: fromEvent, count, words, firstString: fromString, strings };
  }

  /**
   * Append a batch exported by another log (in order: its firstEvent and firstString
   * must equal this log's counts). The words are checked while copied; a malformed batch
   * throws before anything is appended.
   */
  appendBatch(batch: EventBatch): void {
    if (batch.firstEvent !== this.count || batch.firstString !== this.strings.size) {
      throw new Error(`event batch out of order: it starts at event ${batch.firstEvent} (string ${batch.firstString}), the log has ${this.count} (${this.strings.size})`);
    }
    const words = batch.words;
    const before = { count: this.count, pos: this.pos, chunks: this.chunks.length };
    // One pass: each event's header is checked and gives its length; runs of whole events
    // are copied at once. A run ends where begin() has work to do for the next event: at
    // an indexed event, or where the chunk has no room left.
    const room = CHUNK_WORDS - MAX_EVENT_WORDS;
    let p = 0;
    let error: string | null = null;
    copy: while (p < words.length) {
      const start = p;
      const q0 = this.begin(); // takes the run's first event
      let q = q0;
      let next = this.count; // the number the next event gets
      for (;;) {
        const h = words[p]!;
        const kind = h & KIND_MASK;
        if (kind === 0 || kind > LAST_KIND) {
          error = `event batch: unknown event kind ${kind} at word ${p}`;
          break copy;
        }
        const len = 1 + ((h & WIDE) !== 0 ? 1 : 0) + tailWords[kind]!;
        p += len;
        q += len;
        if (p >= words.length || q > room || (next & (INDEX_STRIDE - 1)) === 0) break;
        next++;
      }
      if (p > words.length) break;
      this.buf.set(words.subarray(start, p), q0);
      this.pos = q;
      this.count = next;
    }
    if (error === null && (p !== words.length || this.count - before.count !== batch.count)) {
      error =
        p > words.length
          ? `event batch: its ${words.length} words end inside an event, not after whole events (${batch.count} announced)`
          : `event batch: ${this.count - before.count} whole events in ${words.length} words, ${batch.count} announced`;
    }
    if (error !== null) {
      // Nothing of a malformed batch stays.
      while (this.chunks.length > before.chunks) this.spare.push(this.chunks.pop()!);
      this.used.length = before.chunks - 1;
      this.buf = this.chunks[this.chunks.length - 1]!;
      this.pos = before.pos;
      this.count = before.count;
      throw new Error(error);
    }
    this.strings.load(batch.strings);
  }
}

(EventLog.prototype as unknown as { emit: unknown }).emit = EventLog.prototype.emitFields;

/**
 * Takes successive batches of a growing log: each `next()` holds what was appended
 * since the previous one (see EventLog.exportSince for the whole protocol).
 */
export class BatchExporter {
  private events = 0;
  /** Every table starts with the empty string (id 0), which a mirror has too. */
  private strings = 1;

  constructor(private readonly log: EventLog) {}

  /** Everything appended since the last batch (possibly nothing: count 0). */
  next(): EventBatch {
    const batch = this.log.exportSince(this.events, this.strings);
    this.events += batch.count;
    this.strings += batch.strings.length;
    return batch;
  }
}

/**
 * A cursor over the log, decoding one event at a time into its fields (a.. in
 * EVENT_FIELDS order; Allocated's address is split into d (low 32 bits) and e (high),
 * flags in f). Reusable: no allocation per event.
 */
export class LogReader {
  kind: EventKind = 0 as EventKind;
  a = 0;
  b = 0;
  c = 0;
  d = 0;
  e = 0;
  f = 0;
  /** Number of the next event to decode (so the current one is n - 1). */
  n = 0;
  /** @internal */
  chunkIndex = 0;
  /** @internal */
  pos = 0;
  /** @internal the current chunk and the end of its words */
  buf: Uint32Array | undefined;
  /** @internal */
  end = 0;

  constructor(private readonly log: EventLog) {}

  /** Position before event `n` (clamped to the log). */
  seek(n: number): void {
    const log = this.log;
    n = Math.max(0, Math.min(n, log.count));
    const base = n - (n % INDEX_STRIDE);
    if (base >= log.count) {
      // Only at the very end, when the count is a multiple of the stride.
      this.chunkIndex = Number.MAX_SAFE_INTEGER;
      this.n = log.count;
      this.buf = undefined;
      return;
    }
    const at = log.indexed(base);
    this.chunkIndex = Math.floor(at / CHUNK_WORDS);
    this.pos = at % CHUNK_WORDS;
    this.buf = log.chunk(this.chunkIndex);
    this.end = log.chunkEnd(this.chunkIndex);
    this.n = base;
    while (this.n < n) this.skip();
  }

  private skip(): void {
    if (this.pos >= this.end) this.nextChunk();
    const h = this.buf![this.pos]!;
    this.pos += 1 + ((h & WIDE) !== 0 ? 1 : 0) + tailWords[h & KIND_MASK]!;
    this.n++;
  }

  private nextChunk(): void {
    this.chunkIndex++;
    this.buf = this.log.chunk(this.chunkIndex);
    this.end = this.log.chunkEnd(this.chunkIndex);
    this.pos = 0;
  }

  /**
   * @internal For bulk decoders (Projection.advance): make sure the current chunk holds
   * the next event (moving to the next chunk when this one is used up) and return it;
   * the caller decodes from `pos` up to `end` and stores `pos` and `n` back.
   */
  window(): Uint32Array | undefined {
    const log = this.log;
    if (this.n >= log.count) return undefined;
    if (this.buf === undefined) this.seek(this.n);
    if (this.pos >= this.end) {
      this.end = log.chunkEnd(this.chunkIndex);
      if (this.pos >= this.end) this.nextChunk();
    }
    return this.buf;
  }

  /** Decode the next event; false at the end of the log. */
  next(): boolean {
    const log = this.log;
    if (this.n >= log.count) return false;
    if (this.buf === undefined) this.seek(this.n);
    // The last chunk grows while we read: refresh its end.
    if (this.pos >= this.end) {
      this.end = log.chunkEnd(this.chunkIndex);
      if (this.pos >= this.end) this.nextChunk();
    }
    const buf = this.buf!;
    let p = this.pos;
    const h = buf[p++]!;
    const kind = (h & KIND_MASK) as EventKind;
    this.kind = kind;
    this.a = (h & WIDE) !== 0 ? buf[p++]! : h >>> 8;
    const n = tailWords[kind]!;
    // Fields the kind does not have read as 0.
    this.b = n > 0 ? buf[p++]! : 0;
    this.c = n > 1 ? buf[p++]! : 0;
    this.d = n > 2 ? buf[p++]! : 0;
    const w = n > 3 ? buf[p++]! : 0;
    if (kind === EventKind.Allocated) {
      // The address's high half and the flags share a word.
      this.e = w & 0xffff;
      this.f = w >>> 16;
    } else {
      this.e = w;
      this.f = 0;
    }
    this.pos = p;
    this.n++;
    return true;
  }

  /** Allocated's address as one number. */
  get address(): number {
    return this.e * 0x100000000 + this.d;
  }
}
