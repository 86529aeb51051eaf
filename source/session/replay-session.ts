/**
 * A recorded session, read-only: the same dashboard over a record file's log. Nothing
 * runs; space plays the recording forward line by line at the chosen speed, n and ←
 * step, and the keys that would change the program are not offered.
 */
import type { Recording } from '../events/record-file.js';
import type { DashboardSource } from './session.js';
import { initialSessionState, sessionReducer, type SessionEvent, type SessionState } from './session-state.js';
import { Timeline } from './timeline.js';
import { mainScriptLines } from '../projections/main-script-lines.js';
import { FramePacer } from './pacer.js';
import { clampSpeed, delayFor, DEFAULT_SPEED } from './speed.js';

export class ReplaySession implements DashboardSource {
  readonly timeline: Timeline;
  readonly pacer = new FramePacer();
  private current: SessionState;
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(recording: Recording, file: string, speed = DEFAULT_SPEED) {
    // Steps go to the main script's lines only, as in a live session.
    this.timeline = new Timeline(recording.log, { reportsStops: true });
    this.timeline.addStops(mainScriptLines(recording.log));
    const end = this.timeline.end;
    const first = this.timeline.forward(0);
    this.current = {
      ...initialSessionState(file, clampSpeed(speed)),
      status: 'paused',
      live: { event: end, line: 0, scope: '<module>' },
      exitCode: recording.exitCode,
      folded: end,
      cursor: first,
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): SessionState => this.current;

  toggleRun(): void {
    if (this.timer) return this.stop();
    if (this.current.cursor === null) this.moveTo(this.timeline.forward(0));
    this.dispatchStatus('running');
    this.tick();
  }

  step(): void {
    this.stop();
    if (this.current.cursor !== null) this.moveTo(this.timeline.forward(this.current.cursor));
  }

  stepOver(): void {
    this.stop();
    if (this.current.cursor !== null) this.moveTo(this.timeline.forwardOver(this.current.cursor));
  }

  stepBack(): void {
    this.stop();
    const back = this.timeline.back(this.current.cursor ?? this.timeline.end);
    if (back !== null) this.moveTo(back);
  }

  faster(): void {
    this.dispatch({ type: 'speed-changed', speed: clampSpeed(this.current.speed + 1) });
  }

  slower(): void {
    this.dispatch({ type: 'speed-changed', speed: clampSpeed(this.current.speed - 1) });
  }

  /** Nothing runs in a replay. */
  collect(): void {}

  /** Back to the first line. */
  restart(): void {
    this.stop();
    this.moveTo(this.timeline.forward(0));
  }

  dispose(): Promise<void> {
    this.stop();
    return Promise.resolve();
  }

  private tick(): void {
    const delay = delayFor(this.current.speed);
    // At full speed, go straight to the end.
    const next = delay === 0 || this.current.cursor === null ? null : this.timeline.forward(this.current.cursor);
    this.moveTo(next);
    if (next === null) return this.stop();
    this.timer = setTimeout(() => this.tick(), delay);
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.current.status === 'running') this.dispatchStatus('paused');
  }

  private moveTo(cursor: number | null): void {
    this.dispatch({ type: 'cursor-moved', cursor });
  }

  private dispatchStatus(status: SessionState['status']): void {
    this.current = { ...this.current, status };
    this.notify();
  }

  private dispatch(ev: SessionEvent): void {
    this.current = sessionReducer(this.current, ev);
    this.notify();
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}
