/**
 * How often the dashboard may redraw while the program runs: drawing costs the main
 * thread time it needs for keys and for folding events, so frames come at most every
 * FRAME_SHARE times what the last frames cost (and at least every MAX_INTERVAL_MS).
 */
const FRAME_SHARE = 4;
const MAX_INTERVAL_MS = 400;

export class FramePacer {
  /** Smoothed cost of a frame, in milliseconds. */
  private cost = 0;
  private pending = 0;

  /** Part of a frame's cost (computing what to show, Ink's drawing). */
  add(ms: number): void {
    this.pending += ms;
  }

  /** The frame is done: fold its cost into the average. */
  frameDone(): void {
    this.cost = this.cost === 0 ? this.pending : 0.7 * this.cost + 0.3 * this.pending;
    this.pending = 0;
  }

  /** Milliseconds between frames while running, at least `base`. */
  interval(base: number): number {
    return Math.min(MAX_INTERVAL_MS, Math.max(base, FRAME_SHARE * this.cost));
  }
}
