/**
 * Indexes over the log, filled the one time the log is folded from the start
 * (TimeTravel's head projection): where each line started, the program's output, the
 * collections, the notable events, and the timeline of live bytes and objects.
 *
 * They are functions of the log, not of a cursor: the view at event k uses the entries
 * before k (binary search on the event numbers), so seeking never rebuilds them.
 *
 * The timeline keeps a fixed number of buckets of events (TIMELINE_BUCKETS): when the log
 * outgrows them, neighbouring buckets merge and each covers twice the events. Memory stays
 * constant however long the program runs; a sparkline needs far fewer columns anyway.
 */

/** Entries per page of a Column (16 KiB). */
const PAGE_SHIFT = 12;
const PAGE_MASK = (1 << PAGE_SHIFT) - 1;

/**
 * A growable column of int32s, in fixed pages: growing never copies what is there, and
 * only pages in use are ever touched (fresh memory costs a page fault per 4 KiB; a column
 * that doubled would touch and copy about twice what it holds).
 */
class Column {
  length = 0;
  private readonly pages: Int32Array[] = [];
  push(v: number): void {
    const i = this.length & PAGE_MASK;
    if (i === 0) this.pages.push(new Int32Array(PAGE_MASK + 1));
    this.pages[this.pages.length - 1]![i] = v;
    this.length++;
  }
  /** Entry i (0 past the end). */
  get(i: number): number {
    const page = this.pages[i >>> PAGE_SHIFT];
    return page === undefined ? 0 : page[i & PAGE_MASK]!;
  }
  get bytes(): number {
    return this.pages.length * (PAGE_MASK + 1) * 4;
  }
}

const TIMELINE_BUCKETS = 4096;

/** Live memory over a span of events. */
export type TimelineBucket = {
  /** First event of the span and the number of events it covers. */
  event: number;
  events: number;
  /** Bytes and objects live at the last line start in the span, and the most bytes live in it. */
  bytes: number;
  objects: number;
  maxBytes: number;
};

/** One collection, as the Generations panel lists it. */
export type CollectionRecord = {
  /** Event numbers of CollectionStarted and CollectionEnded (-1 while running). */
  start: number;
  end: number;
  generation: number;
  /** gc.collect()'s answer: unreachable objects found (minus those a finalizer resurrected)
   * and those that could not be freed. */
  collected: number;
  uncollectable: number;
  steps: number;
  unreachable: number;
  finalizers: number;
  weakrefsCleared: number;
  callbacks: number;
};

export class LogIndex {
  // Lines.
  readonly lineEvent = new Column();
  readonly lineNumber = new Column();
  /** Frames on the stack when the line started (1 for the module's own lines): step over. */
  readonly lineDepth = new Column();
  // The timeline: bucket i covers events [i * span, (i + 1) * span); span is a power of
  // two, kept as a number (a division by it is much cheaper than one by 2 ** shift).
  private timelineSpan = 1024;
  private timelineUsed = 0;
  private readonly tlBytes = new Float64Array(TIMELINE_BUCKETS);
  private readonly tlMax = new Float64Array(TIMELINE_BUCKETS);
  private readonly tlObjects = new Float64Array(TIMELINE_BUCKETS);
  // Output.
  readonly outputEvent = new Column();
  readonly outputStream = new Column();
  readonly outputText = new Column();
  // Collections, in order of their start.
  readonly collections: CollectionRecord[] = [];
  // Unreachable objects, finalizers, weakref clearing, callbacks, exceptions.
  readonly notableEvent = new Column();
  // ProcessMemory and memory_profiler events (their folds can visit just these).
  readonly memoryModelEvent = new Column();

  /**
   * A line starts at event `at`, with `depth` frames on the stack; `maxBytes` is the most
   * live since the previous line.
   */
  lineStarted(at: number, line: number, depth: number, bytes: number, objects: number, maxBytes: number): void {
    this.lineEvent.push(at);
    this.lineNumber.push(line);
    this.lineDepth.push(depth);
    let b = Math.floor(at / this.timelineSpan);
    while (b >= TIMELINE_BUCKETS) {
      this.mergeBuckets();
      b = Math.floor(at / this.timelineSpan);
    }
    // Spans without a line start carry the last values on.
    for (let i = this.timelineUsed; i < b; i++) {
      const last = i > 0 ? i - 1 : 0;
      this.tlBytes[i] = this.tlMax[i] = this.tlBytes[last]!;
      this.tlObjects[i] = this.tlObjects[last]!;
    }
    if (b >= this.timelineUsed) {
      this.tlMax[b] = 0;
      this.timelineUsed = b + 1;
    }
    this.tlBytes[b] = bytes;
    this.tlObjects[b] = objects;
    this.tlMax[b] = Math.max(this.tlMax[b]!, maxBytes, bytes);
  }

  private mergeBuckets(): void {
    const n = this.timelineUsed;
    for (let i = 0; 2 * i < n; i++) {
      const a = 2 * i;
      const last = Math.min(a + 1, n - 1);
      this.tlBytes[i] = this.tlBytes[last]!;
      this.tlObjects[i] = this.tlObjects[last]!;
      this.tlMax[i] = Math.max(this.tlMax[a]!, this.tlMax[last]!);
    }
    this.timelineUsed = Math.ceil(n / 2);
    this.timelineSpan *= 2;
  }

  /**
   * The most live bytes the line starts so far have seen in the bucket that event k falls
   * in (the one timeline(k) leaves out); exact for the point the index has reached.
   */
  openBucketMax(k: number): number {
    const i = Math.floor(k / this.timelineSpan);
    return i < this.timelineUsed ? this.tlMax[i]! : 0;
  }

  /** The timeline's buckets that end at or before event k. */
  timeline(k: number): TimelineBucket[] {
    const span = this.timelineSpan;
    const out: TimelineBucket[] = [];
    for (let i = 0; i < this.timelineUsed && (i + 1) * span <= k; i++) {
      out.push({ event: i * span, events: span, bytes: this.tlBytes[i]!, objects: this.tlObjects[i]!, maxBytes: this.tlMax[i]! });
    }
    return out;
  }

  output(at: number, stream: number, text: number): void {
    this.outputEvent.push(at);
    this.outputStream.push(stream);
    this.outputText.push(text);
  }

  collectionStarted(at: number, i: number, generation: number): void {
    if (i !== this.collections.length) return;
    this.collections.push({ start: at, end: -1, generation, collected: 0, uncollectable: 0, steps: 0, unreachable: 0, finalizers: 0, weakrefsCleared: 0, callbacks: 0 });
  }

  collectionEnded(at: number, i: number, generation: number, collected: number, uncollectable: number, steps: number, unreachable: number, finalizers: number, weakrefsCleared: number, callbacks: number): void {
    const c = this.collections[i];
    if (!c || c.end >= 0) return;
    Object.assign(c, { end: at, generation, collected, uncollectable, steps, unreachable, finalizers, weakrefsCleared, callbacks });
  }

  notable(at: number): void {
    this.notableEvent.push(at);
  }

  memoryModel(at: number): void {
    this.memoryModelEvent.push(at);
  }

  /** Entries of `events` (sorted event numbers) below event k. */
  static before(events: Column, k: number): number {
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (events.get(mid) < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get bytes(): number {
    return (
      this.lineEvent.bytes + this.lineNumber.bytes + this.lineDepth.bytes + this.tlBytes.byteLength * 3 +
      this.outputEvent.bytes + this.outputStream.bytes + this.outputText.bytes + this.notableEvent.bytes + this.collections.length * 100
    );
  }
}

export type { Column };
