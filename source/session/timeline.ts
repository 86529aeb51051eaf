/**
 * The session's copy of the event log and the time travel over it (source/projections):
 * where the cursor can step to, and what the program had written by any event.
 *
 * Positions are event counts k: "the projection just before event k". A pause at the
 * start of a line is k = (that LineStarted's event number) + 1, so stepping moves between
 * line starts, and a key's gc.collect() at a line makes the events between that line
 * start and the live end one more step.
 */
import { EventLog, type EventBatch } from '../events/log.js';
import { TimeTravel } from '../projections/time-travel.js';
import { LogIndex } from '../projections/log-index.js';

export class Timeline {
  readonly travel: TimeTravel;
  /** Batches received and not folded yet (folding runs in slices: see Session). */
  private readonly pending: EventBatch[] = [];

  constructor(readonly log: EventLog = new EventLog()) {
    this.travel = new TimeTravel(log);
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
    if (batch.count > 0 || batch.strings.length > 0) this.pending.push(batch);
  }

  /** Batches waiting to be folded. */
  get backlog(): number {
    return this.pending.length;
  }

  /** Append and fold the oldest waiting batch; false when none was waiting. */
  foldOne(): boolean {
    const batch = this.pending.shift();
    if (!batch) return false;
    this.log.appendBatch(batch);
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
    const j = this.travel.lineBefore(k);
    if (j < 0) return null;
    const here = this.atLine(j);
    if (here < k) return here;
    return j > 0 ? this.atLine(j - 1) : null;
  }

  /** One step forward from k: the next line start, or null at (or past) the live end. */
  forward(k: number): number | null {
    const j = this.travel.lineBefore(k);
    if (j + 1 >= this.travel.lineCount) return null;
    const next = this.atLine(j + 1);
    return next < this.end ? next : null;
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
