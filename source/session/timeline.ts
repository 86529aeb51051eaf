/**
 * The session's copy of the event log and the time travel over it (source/projections):
 * where the cursor can step to, and what the program had written by any event.
 *
 * Positions are event counts k: "the projection just before event k". A pause at the
 * start of a line is k = (that LineStarted's event number) + 1, so stepping moves between
 * line starts, and a key's gc.collect() at a line makes the events between that line
 * start and the live end one more step.
 *
 * Steps go only to the lines the session reports as stops (the main script's lines:
 * heapscope's library modules written in Python are not the user's program, and
 * comprehensions run inside their line); a replay finds them in the log
 * (projections/main-script-lines.ts).
 */
import { EventLog, type EventBatch } from '../events/log.js';
import { TimeTravel } from '../projections/time-travel.js';
import { LogIndex } from '../projections/log-index.js';
import { addRun } from '../projections/main-script-lines.js';

export class Timeline {
  readonly travel: TimeTravel;
  /** Batches received and not folded yet (folding runs in slices: see Session). */
  private readonly pending: EventBatch[] = [];

  /** Line starts (ordinals) that are stops, as sorted runs [first, end); null: every line. */
  private stops: number[] | null;

  constructor(readonly log: EventLog = new EventLog(), options: { reportsStops?: boolean } = {}) {
    this.travel = new TimeTravel(log);
    this.stops = options.reportsStops ? [] : null;
  }

  /** More stops, as runs [first, end) after those known. */
  addStops(runs: readonly number[]): void {
    const s = this.stops;
    if (s === null) return;
    for (let i = 0; i + 1 < runs.length; i += 2) addRun(s, runs[i]!, runs[i + 1]!);
  }

  /** The last stop at or before line start j, or -1. */
  private stopAtOrBefore(j: number): number {
    const s = this.stops;
    if (s === null || j < 0) return j;
    // The last run whose first line start is <= j.
    let lo = 0;
    let hi = s.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[2 * mid]! <= j) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return -1;
    return Math.min(j, s[2 * (lo - 1) + 1]! - 1);
  }

  /** The first stop after line start j, or -1. */
  private stopAfter(j: number): number {
    const s = this.stops;
    if (s === null) return j + 1;
    let lo = 0;
    let hi = s.length / 2;
    // The first run that ends after j + 1.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[2 * mid + 1]! <= j + 1) lo = mid + 1;
      else hi = mid;
    }
    if (lo === s.length / 2) return -1;
    return Math.max(j + 1, s[2 * lo]!);
  }

  /** The source line shown at k: the line of the last stop before k (0 before the first). */
  lineAt(k: number): number {
    const j = this.stopAtOrBefore(this.travel.lineBefore(k));
    return j < 0 ? 0 : this.travel.index.lineNumber.get(j);
  }

  /** Events folded: the live end of what can be shown. */
  get end(): number {
    return this.travel.length;
  }

  /** Events received, folded or not. */
  get received(): number {
    const last = this.pending[this.pending.length - 1];
    return last ? last.firstEvent + last.count : this.log.count;
  }

  receive(batch: EventBatch): void {
    if (batch.count > 0 || batch.strings.length > 0 || batch.slabs.length > 0) this.pending.push(batch);
  }

  /** Batches waiting to be folded. */
  get backlog(): number {
    return this.pending.length;
  }

  /** Take in and fold the oldest waiting batch; false when none was waiting. */
  foldOne(): boolean {
    const batch = this.pending.shift();
    if (!batch) return false;
    this.log.adoptBatch(batch);
    this.travel.sync();
    return true;
  }

  /** Fold everything received (tests, a replay). */
  foldAll(): void {
    while (this.foldOne());
  }

  /** The position of the start of line j (0-based line start). */
  private atLine(j: number): number {
    return this.travel.lineEvent(j) + 1;
  }

  /** One step back from k: the start of the line being run at k, or of the one before. */
  back(k: number): number | null {
    const j = this.stopAtOrBefore(this.travel.lineBefore(k));
    if (j < 0) return null;
    const here = this.atLine(j);
    if (here < k) return here;
    const before = this.stopAtOrBefore(j - 1);
    return before >= 0 ? this.atLine(before) : null;
  }

  /** One step forward from k: the next line start, or null at (or past) the live end. */
  forward(k: number): number | null {
    return this.atStop(this.stopAfter(this.travel.lineBefore(k)));
  }

  /** The position of stop n (a line start, or -1 for none), or null if not before the live end. */
  private atStop(n: number): number | null {
    if (n < 0 || n >= this.travel.lineCount) return null;
    const next = this.atLine(n);
    return next < this.end ? next : null;
  }

  /**
   * One step over from k (pdb's `next`): the next stop whose frame is the one of the line
   * at k or below it on the stack; the lines of the calls in between are passed over.
   * null when there is none before the live end.
   */
  forwardOver(k: number): number | null {
    let j = this.stopAtOrBefore(this.travel.lineBefore(k));
    if (j < 0) return this.forward(k);
    const depth = this.travel.index.lineDepth;
    const limit = depth.get(j);
    do j = this.stopAfter(j);
    while (j >= 0 && j < this.travel.lineCount && depth.get(j) > limit);
    return this.atStop(j);
  }

  /** The output chunks written before event k, oldest first, at most the last `limit`. */
  output(k: number, limit: number): { event: number; stream: 1 | 2; text: string }[] {
    const idx = this.travel.index;
    const n = LogIndex.before(idx.outputEvent, k);
    const out: { event: number; stream: 1 | 2; text: string }[] = [];
    for (let i = Math.max(0, n - limit); i < n; i++) {
      out.push({ event: idx.outputEvent.get(i), stream: idx.outputStream.get(i) as 1 | 2, text: this.log.strings.get(idx.outputText.get(i)) });
    }
    return out;
  }
}
