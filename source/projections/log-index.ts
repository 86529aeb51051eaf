/**
 * Append-only indexes over the log, filled the one time the log is folded from the
 * start (TimeTravel's head projection): where each line started and how much memory was
 * live then (the timeline), the program's output, the collections, the notable events.
 *
 * They are functions of the log, not of a cursor: the view at event k uses the entries
 * before k (binary search on the event numbers), so seeking never rebuilds them.
 */

/** A growable column of numbers. */
class Column<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(public data: T) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  get(i: number): number {
    return this.data[i]!;
  }
  get bytes(): number {
    return this.data.byteLength;
  }
}

const i32 = (n = 1024) => new Column(new Int32Array(n));
const f64 = (n = 1024) => new Column(new Float64Array(n));

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
  // Lines (and the timeline sampled at them).
  readonly lineEvent = i32();
  readonly lineNumber = i32();
  readonly lineFrame = i32();
  readonly lineBytes = f64();
  readonly lineObjects = i32();
  // Output.
  readonly outputEvent = i32(256);
  readonly outputStream = i32(256);
  readonly outputText = i32(256);
  // Collections, in order of their start.
  readonly collections: CollectionRecord[] = [];
  // Unreachable objects, finalizers, weakref clearing, callbacks, exceptions.
  readonly notableEvent = i32(256);

  lineStarted(at: number, line: number, frame: number, bytes: number, objects: number): void {
    this.lineEvent.push(at);
    this.lineNumber.push(line);
    this.lineFrame.push(frame);
    this.lineBytes.push(bytes);
    this.lineObjects.push(objects);
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

  /** Entries of `events` (sorted event numbers) below event k. */
  static before(events: Column<Int32Array>, k: number): number {
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
      this.lineEvent.bytes + this.lineNumber.bytes + this.lineFrame.bytes + this.lineBytes.bytes + this.lineObjects.bytes +
      this.outputEvent.bytes + this.outputStream.bytes + this.outputText.bytes + this.notableEvent.bytes + this.collections.length * 100
    );
  }
}

export type { Column };
