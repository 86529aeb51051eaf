/**
 * Time travel over an event log: the projection at any event, forward or back, without
 * running Python again.
 *
 * The head projection folds the log once, as it grows (`sync`), filling the append-only
 * indexes (LogIndex) and leaving checkpoints (snapshots of itself) behind. Seeking to
 * event k restores the last checkpoint at or before k into a second projection (the
 * view) and folds forward from there; a short step forward just folds on.
 *
 * Checkpoint spacing follows what a checkpoint costs: it shares the blocks of state that
 * did not change since the previous one (saved-column.ts), and the next is taken
 * bytes / CHECKPOINT_BYTES_PER_EVENT events later (bounded by MIN and MAX_SPACING), which
 * keeps checkpoints near two bytes per event in total while folding from the nearest one
 * stays within a few tens of milliseconds.
 */
import type { EventLog, LogReader } from '../events/log.js';
import { LogIndex, type CollectionRecord } from './log-index.js';
import { Projection, type ProjectionSnapshot } from './projection.js';

/** Events between checkpoints, at least and at most. */
const MIN_SPACING = 1 << 16;
const MAX_SPACING = 1 << 18;
/** Checkpoint memory allowed per event of the log. */
const CHECKPOINT_BYTES_PER_EVENT = 2;

export type TimelineColumn = { event: number; bytes: number; maxBytes: number; objects: number };

export type TimeTravelOptions = {
  /** Fewest and most events between checkpoints (tests use small values). */
  minSpacing?: number;
  maxSpacing?: number;
};

export class TimeTravel {
  readonly index = new LogIndex();
  /** The projection at the end of what has been folded (`head.at` events). */
  readonly head = new Projection();
  private readonly headReader: LogReader;
  private view: Projection | null = null;
  private viewReader: LogReader | null = null;
  private readonly checkpoints: ProjectionSnapshot[] = [];
  private nextCheckpoint = 0;
  /** Bytes held by checkpoints. */
  checkpointBytes = 0;

  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  private readonly minSpacing: number;
  private readonly maxSpacing: number;

  constructor(
    readonly log: EventLog,
    options: TimeTravelOptions = {},
  ) {
    this.minSpacing = options.minSpacing ?? MIN_SPACING;
    this.maxSpacing = options.maxSpacing ?? MAX_SPACING;
    this.head.index = this.index;
    this.headReader = log.reader(0);
    this.sync();
  }

  /** Events folded by the head (the log may have more until the next sync). */
  get length(): number {
    return this.head.at;
  }

  /** Fold the events appended to the log since the last sync. */
  sync(): void {
    const log = this.log;
    const head = this.head;
    while (head.at < log.count) {
      if (head.at >= this.nextCheckpoint) this.checkpoint();
      head.advance(log, Math.min(log.count, this.nextCheckpoint), this.headReader);
    }
  }

  private checkpoint(): void {
    const s = this.head.snapshot(this.checkpoints[this.checkpoints.length - 1]);
    this.checkpoints.push(s);
    this.checkpointBytes += s.bytes;
    const spacing = Math.min(this.maxSpacing, Math.max(this.minSpacing, Math.ceil(s.bytes / CHECKPOINT_BYTES_PER_EVENT)));
    this.nextCheckpoint = s.at + spacing;
  }

  /**
   * The projection just before event k (k = 0: nothing happened; k = length: everything
   * folded). The object returned is shared: it is valid until the next seek or sync.
   */
  seek(k: number): Projection {
    k = Math.max(0, Math.min(Math.floor(k), this.head.at));
    if (k === this.head.at) return this.head;
    const view = (this.view ??= new Projection());
    const cp = this.checkpointBefore(k);
    // Fold on from where the view is when that is no farther than from the checkpoint.
    if (!(view.at <= k && view.at >= cp.at)) view.restore(cp);
    this.viewReader ??= this.log.reader(view.at);
    view.advance(this.log, k, this.viewReader);
    return view;
  }

  private checkpointBefore(k: number): ProjectionSnapshot {
    const cps = this.checkpoints;
    let lo = 0;
    let hi = cps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (cps[mid]!.at <= k) lo = mid;
      else hi = mid - 1;
    }
    return cps[lo]!;
  }

  // ---------------------------------------------------------------- lines

  /** Lines started so far (in the folded log). */
  get lineCount(): number {
    return this.index.lineEvent.length;
  }

  /** Event number of the j-th line start (0-based). */
  lineEvent(j: number): number {
    return this.index.lineEvent.get(j);
  }

  /** The projection paused at the start of line j: its LineStarted event folded, nothing after. */
  seekLine(j: number): Projection {
    const n = this.lineCount;
    if (n === 0) return this.seek(0);
    j = Math.max(0, Math.min(j, n - 1));
    return this.seek(this.index.lineEvent.get(j) + 1);
  }

  /** Index of the last line started before event k (-1 if none). */
  lineBefore(k: number): number {
    return LogIndex.before(this.index.lineEvent, k) - 1;
  }

  /** The next (or, with direction -1, previous) start of source line `line` from event k. */
  findLine(line: number, k: number, direction: 1 | -1 = 1): number {
    const idx = this.index;
    const j = this.lineBefore(k);
    if (direction === 1) {
      for (let i = j + 1; i < idx.lineNumber.length; i++) if (idx.lineNumber.get(i) === line) return i;
    } else {
      for (let i = j - 1; i >= 0; i--) if (idx.lineNumber.get(i) === line) return i;
    }
    return -1;
  }

  // ---------------------------------------------------------------- derived views

  /**
   * Live bytes and objects over the events before k, in at most `columns` columns (for a
   * sparkline), oldest first; the last column is the state at k itself.
   */
  timeline(k: number, columns: number): TimelineColumn[] {
    k = Math.max(0, Math.min(k, this.head.at));
    const buckets = this.index.timeline(k);
    const out: TimelineColumn[] = [];
    if (columns <= 0) return out;
    const per = Math.max(1, Math.ceil((buckets.length + 1) / columns));
    for (let start = 0; start < buckets.length; start += per) {
      const end = Math.min(buckets.length, start + per);
      let max = 0;
      for (let i = start; i < end; i++) max = Math.max(max, buckets[i]!.maxBytes);
      const last = buckets[end - 1]!;
      out.push({ event: last.event + last.events, bytes: last.bytes, maxBytes: max, objects: last.objects });
    }
    const p = this.seek(k);
    if (out.length >= columns) out.shift();
    // The last column is the bucket still open at k: at the head its peak so far is known.
    const maxBytes = k === this.head.at ? Math.max(p.bytes, this.index.openBucketMax(k)) : p.bytes;
    out.push({ event: k, bytes: p.bytes, maxBytes, objects: p.objects });
    return out;
  }

  /** What the program wrote to stdout (stream 1) or stderr (2) before event k. */
  output(k: number, stream: 1 | 2 = 1): string {
    const idx = this.index;
    const n = LogIndex.before(idx.outputEvent, k);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) if (idx.outputStream.get(i) === stream) parts.push(this.log.strings.get(idx.outputText.get(i)));
    return parts.join('');
  }

  /** Collections started before event k; one still running at k has end = -1 and its counts so far. */
  collections(k: number): CollectionRecord[] {
    const p = this.seek(k);
    const all = this.index.collections.slice(0, p.collections);
    const last = all[all.length - 1];
    if (last && p.collecting >= 0) {
      all[all.length - 1] = {
        ...last,
        end: -1,
        collected: 0,
        uncollectable: 0,
        steps: 0,
        unreachable: p.unreachableSoFar,
        finalizers: p.finalizersSoFar,
        weakrefsCleared: p.weakrefsClearedSoFar,
        callbacks: p.callbacksSoFar,
      };
    }
    return all;
  }

  /** Event numbers of notable events (unreachable found, finalizers, weakrefs cleared, callbacks, exceptions) before k. */
  notableEvents(k: number, limit = Infinity): number[] {
    const col = this.index.notableEvent;
    const n = LogIndex.before(col, k);
    const out: number[] = [];
    for (let i = Math.max(0, n - limit); i < n; i++) out.push(col.get(i));
    return out;
  }
}
