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
 * The events and strings appended since some point, as a worker thread running the
 * program reports them to the main thread. The events themselves are not in it: the two
 * logs share their memory (SharedArrayBuffer slabs), and the batch says where the events
 * end and which slabs the writer has started since the previous batch.
 */
export type EventBatch = {
  /** Number of the first event (the receiving log must hold exactly that many). */
  firstEvent: number;
  /** Number of events. */
  count: number;
  /** Slabs the writer took since the previous batch, in order. */
  slabs: SharedArrayBuffer[];
  /** Where the writer's last event ends: chunk number and word offset. */
  endChunk: number;
  endPos: number;
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
  /** Every slab the log has taken, in order. */
  readonly slabs: ArrayBufferLike[] = [];
  /** A mirror's slabs received from the writer and not taken yet (null: not a mirror). */
  private incoming: SharedArrayBuffer[] | null = null;

  /**
   * @param newSlab where fresh memory comes from (default: a new ArrayBuffer); a runtime
   * on its own thread passes PrefaultedSlabs' (session/prefault.ts).
   */
  constructor(private readonly newSlab: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes)) {
    this.buf = this.newChunk();
    this.chunks.push(this.buf);
  }

  /**
   * A log that reads the events another thread writes (adoptBatch), in memory shared with
   * it: `first` is the writer's first slab, which the writer must get from here too (the
   * runtime worker's `firstSlab`); its later slabs come with the batches.
   */
  static mirror(first: SharedArrayBuffer): EventLog {
    const incoming = [first];
    const log = new EventLog(() => {
      const slab = incoming.shift();
      if (slab === undefined) throw new Error('event batch: its events run into a slab the writer never sent');
      return slab;
    });
    log.incoming = incoming;
    return log;
  }

  private newChunk(): Uint32Array {
    if (this.spare.length === 0) {
      const slab = this.newSlab(SLAB_BYTES);
      if (slab.byteLength !== SLAB_BYTES) throw new Error(`event log: a slab of ${slab.byteLength} bytes, not ${SLAB_BYTES}`);
      this.slabs.push(slab);
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
   * What was appended since event `fromEvent`, string `fromString` and slab `fromSlab`,
   * for a mirror of this log on another thread (its slabs must be SharedArrayBuffers):
   *
   *     // worker thread (its log's first slab came from the main thread):
   *     const batch = log.shareSince(sentEvents, sentStrings, sentSlabs);
   *     parentPort.postMessage(batch);   // the slabs are shared, not copied
   *     // main thread:
   *     mirror.adoptBatch(batch);        // mirror = EventLog.mirror(firstSlab)
   *     timeTravel.sync();               // timeTravel = new TimeTravel(mirror)
   *
   * The writer goes on appending after the batch's end while the mirror reads up to it:
   * postMessage orders the batch's events before anything the mirror reads.
   */
  shareSince(fromEvent: number, fromString: number, fromSlab: number): EventBatch {
    const slabs = this.slabs.slice(fromSlab);
    for (const slab of slabs) if (!(slab instanceof SharedArrayBuffer)) throw new Error('event log: only a log in SharedArrayBuffers can be shared');
    return {
      firstEvent: fromEvent,
      count: this.count - fromEvent,
      slabs: slabs as SharedArrayBuffer[],
      endChunk: this.chunks.length - 1,
      endPos: this.pos,
      firstString: fromString,
      strings: this.strings.strings.slice(fromString),
    };
  }

  /**
   * Take in a batch of a log this one mirrors (see shareSince; in order). The events are
   * already in the shared memory: this walks their headers, checking each, to find where
   * they end and to index them. A malformed batch throws and leaves nothing behind.
   */
  adoptBatch(batch: EventBatch): void {
    const incoming = this.incoming;
    if (incoming === null) throw new Error('event batch: this log does not mirror another one (EventLog.mirror)');
    if (batch.firstEvent !== this.count || batch.firstString !== this.strings.size) {
      throw new Error(`event batch out of order: it starts at event ${batch.firstEvent} (string ${batch.firstString}), the log has ${this.count} (${this.strings.size})`);
    }
    const before = { count: this.count, pos: this.pos, chunks: this.chunks.length, spare: this.spare.slice(), slabs: this.slabs.length, incoming: incoming.slice() };
    incoming.push(...batch.slabs);
    const end = this.count + batch.count;
    let error: string | null = null;
    try {
      while (this.count < end) {
        const q = this.begin();
        const h = this.buf[q]!;
        const kind = h & KIND_MASK;
        if (kind === 0 || kind > LAST_KIND) {
          error = `event batch: unknown event kind ${kind} at event ${this.count - 1}`;
          break;
        }
        this.pos = q + 1 + ((h & WIDE) !== 0 ? 1 : 0) + tailWords[kind]!;
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (error === null && (this.chunks.length - 1 !== batch.endChunk || this.pos !== batch.endPos)) {
      error = `event batch: ${batch.count} events end at word ${this.pos} of chunk ${this.chunks.length - 1}, the writer's at word ${batch.endPos} of chunk ${batch.endChunk}`;
    }
    if (error !== null) {
      // Nothing of a malformed batch stays (its chunks, the slabs it brought).
      this.chunks.length = before.chunks;
      this.used.length = before.chunks - 1;
      this.buf = this.chunks[before.chunks - 1]!;
      this.pos = before.pos;
      this.count = before.count;
      this.spare = before.spare;
      this.slabs.length = before.slabs;
      incoming.splice(0, incoming.length, ...before.incoming);
      throw new Error(error);
    }
    this.strings.load(batch.strings);
  }
}

(EventLog.prototype as unknown as { emit: unknown }).emit = EventLog.prototype.emitFields;

/**
 * Takes successive batches of a growing log: each `next()` holds what was appended
 * since the previous one (see EventLog.shareSince for the whole protocol).
 */
export class BatchExporter {
  /** Events sent so far. */
  events = 0;
  /** Every table starts with the empty string (id 0), which a mirror has too. */
  private strings = 1;
  /** The mirror was made with the first slab. */
  private slabs = 1;

  constructor(private readonly log: EventLog) {}

  /** Everything appended since the last batch (possibly nothing: count 0). */
  next(): EventBatch {
    const batch = this.log.shareSince(this.events, this.strings, this.slabs);
    this.events += batch.count;
    this.strings += batch.strings.length;
    this.slabs += batch.slabs.length;
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
