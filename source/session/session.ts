/**
 * The session controller: owns the runtime (in a worker), the state the dashboard shows
 * and the cursor, and turns commands (from keys) into worker commands or cursor moves.
 *
 * Listeners are told about changes at most every NOTIFY_MS while the program runs; a
 * change that answers a command (pause, step, collection) is told at once.
 */
import { EventLog, SLAB_BYTES } from '../events/log.js';
import { CommandCode } from './protocol.js';
import { RuntimeHost, type HostMessage } from './runtime-host.js';
import { initialSessionState, sessionReducer, type SessionEvent, type SessionState } from './session-state.js';
import { Timeline } from './timeline.js';
import { FramePacer } from './pacer.js';
import { clampSpeed, delayFor, DEFAULT_SPEED } from './speed.js';

export type SessionOptions = {
  /** Name shown in the status bar. */
  readonly file: string;
  /** Path the program sees as __file__ (absolute, as CPython makes it). */
  readonly filename: string;
  readonly source: string;
  /** Open paused before the first line. */
  readonly startPaused?: boolean;
  /** Index into SPEEDS. */
  readonly speed?: number;
  /** The bundled worker; tests pass dist/runtime-worker.js. */
  readonly workerUrl?: URL;
};

/** What the dashboard reads: a live session or a replay. */
export interface DashboardSource extends SessionControls {
  readonly timeline: Timeline;
  /** Where the dashboard reports what its frames cost (a live session paces by it). */
  readonly pacer: FramePacer;
  subscribe(listener: () => void): () => void;
  getState(): SessionState;
}

/** The commands a session understands (the keymap maps keys to these). */
export interface SessionControls {
  toggleRun(): void;
  step(): void;
  /** Step over: to the next line of this frame, or of its caller once it returns. */
  stepOver(): void;
  stepBack(): void;
  faster(): void;
  slower(): void;
  collect(generation: number): void;
  restart(): void;
}

/**
 * Quiet period between two updates while the program runs: about 12 frames a second.
 * A frame of the whole dashboard costs the main thread several milliseconds; drawing
 * fewer while the program runs keeps it free to answer keys at once.
 */
export const NOTIFY_MS = 80;

/** Longest stretch of folding before the main thread looks at keys again. */
const FOLD_SLICE_MS = 12;

/**
 * Folding the backlog waits while a command's answer is due (at most ANSWER_WAIT_MS),
 * then for the frame that shows the answer (FRAME_WAIT_MS, two of Ink's 60 fps frames):
 * a key press is drawn before the main thread goes back to catching up.
 */
const ANSWER_WAIT_MS = 100;
const FRAME_WAIT_MS = 35;

export class Session implements DashboardSource {
  private current: SessionState;
  /** The events the worker has sent, and time travel over them; replaced by a restart. */
  timeline = this.newTimeline();
  readonly pacer = new FramePacer();
  private folding = false;
  /** No folding before this time (performance.now()): an answer or its frame comes first. */
  private foldHeldUntil = 0;
  private host: RuntimeHost | null = null;
  private readonly listeners = new Set<() => void>();
  private notifyTimer: NodeJS.Timeout | null = null;
  private lastNotify = 0;
  private disposed = false;

  constructor(private readonly options: SessionOptions) {
    this.current = initialSessionState(options.file, clampSpeed(options.speed ?? DEFAULT_SPEED));
    this.start(options.startPaused ?? false);
  }

  get state(): SessionState {
    return this.current;
  }

  /** useSyncExternalStore's subscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): SessionState => this.current;

  /** Resolves once the state satisfies `predicate` (tests, scripted runs). */
  waitFor(predicate: (s: SessionState) => boolean): Promise<SessionState> {
    if (predicate(this.current)) return Promise.resolve(this.current);
    return new Promise((resolve) => {
      const off = this.subscribe(() => {
        if (!predicate(this.current)) return;
        off();
        resolve(this.current);
      });
    });
  }

  // ---------------------------------------------------------------- commands

  /** The event count shown: the cursor, or the folded live end. */
  get shown(): number {
    return this.current.cursor ?? this.timeline.end;
  }

  toggleRun(): void {
    const s = this.current;
    if (s.status === 'running') return this.send(CommandCode.Pause);
    if (s.status === 'paused' || s.status === 'starting' || s.status === 'finished') {
      // The runtime cannot run from the past: running continues from the live end.
      if (s.cursor !== null) this.dispatch({ type: 'cursor-moved', cursor: null });
      this.send(CommandCode.Run);
    }
  }

  step(): void {
    this.stepWith(CommandCode.Step, (k) => this.timeline.forward(k));
  }

  stepOver(): void {
    this.stepWith(CommandCode.StepOver, (k) => this.timeline.forwardOver(k));
  }

  /** A step: in the history, the cursor moves; live, the worker runs it (`code`, 1 step). */
  private stepWith(code: CommandCode.Step | CommandCode.StepOver, inHistory: (k: number) => number | null): void {
    const s = this.current;
    if (s.cursor !== null) return this.dispatch({ type: 'cursor-moved', cursor: inHistory(s.cursor) });
    if (s.status === 'running') return this.send(CommandCode.Pause);
    if (s.status === 'paused' || s.status === 'starting') this.send(code, 1);
    else if (s.status === 'finished') this.send(CommandCode.Run);
  }

  stepBack(): void {
    const s = this.current;
    if (s.status === 'running') this.send(CommandCode.Pause);
    const cursor = this.timeline.back(this.shown);
    if (cursor !== null) this.dispatch({ type: 'cursor-moved', cursor });
  }

  faster(): void {
    this.setSpeed(this.current.speed + 1);
  }

  slower(): void {
    this.setSpeed(this.current.speed - 1);
  }

  collect(generation: number): void {
    const s = this.current;
    if (s.status === 'exited' || s.status === 'crashed') return;
    this.send(CommandCode.Collect, generation);
  }

  restart(): void {
    void this.host?.dispose();
    this.host = null;
    this.timeline = this.newTimeline();
    this.dispatch({ type: 'restarted' });
    this.start(this.options.startPaused ?? false);
  }

  private newTimeline(): Timeline {
    // The worker writes the log; the session reads the same memory (EventLog.mirror).
    return new Timeline(EventLog.mirror(new SharedArrayBuffer(SLAB_BYTES)), { reportsStops: true });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    const host = this.host;
    this.host = null;
    await host?.dispose();
  }

  // ---------------------------------------------------------------- internals

  private start(paused: boolean): void {
    if (this.disposed) return;
    const host = new RuntimeHost(
      {
        filename: this.options.filename,
        source: this.options.source,
        startPaused: paused,
        delayMs: delayFor(this.current.speed),
        firstSlab: this.timeline.log.slabs[0] as SharedArrayBuffer,
        workerUrl: this.options.workerUrl,
      },
      (m) => {
        if (this.host === host) this.receive(m);
      },
    );
    this.host = host;
  }

  private setSpeed(i: number): void {
    const speed = clampSpeed(i);
    if (speed === this.current.speed) return;
    this.dispatch({ type: 'speed-changed', speed });
    this.send(CommandCode.Delay, delayFor(speed));
  }

  private send(code: CommandCode, arg = 0): void {
    // Every command but a new delay is answered (paused, resumed, collected...).
    if (code !== CommandCode.Delay) this.holdFolding(ANSWER_WAIT_MS);
    this.host?.send(code, arg);
  }

  private holdFolding(ms: number): void {
    this.foldHeldUntil = performance.now() + ms;
  }

  private receive(m: HostMessage): void {
    if (m.type !== 'stray') {
      if (m.batch) this.timeline.receive(m.batch);
      this.timeline.addStops(m.stops);
    }
    this.current = sessionReducer(this.current, m);
    if (m.type === 'progress') {
      // Reports while running: fold in slices, draw at the session's frame rate.
      this.foldSoon();
      this.notifySoon();
    } else {
      // An answer to a command (or the end): show it at once, with what came before it
      // as far as one slice of folding goes (all of it, unless a long run is still being
      // folded: folding waited for this answer).
      this.foldSlice(this.timeline);
      this.holdFolding(FRAME_WAIT_MS);
      this.foldSoon();
      this.notifyNow();
    }
  }

  /** Fold waiting batches a slice at a time, so keys are answered between slices. */
  private foldSoon(): void {
    if (this.folding || this.timeline.backlog === 0) return;
    this.folding = true;
    const slice = () => {
      const held = this.foldHeldUntil - performance.now();
      if (held > 0 && !this.disposed) return void setTimeout(slice, held);
      const timeline = this.timeline;
      this.foldSlice(timeline);
      this.notifySoon();
      if (timeline.backlog > 0 && !this.disposed) setImmediate(slice);
      else this.folding = false;
    };
    setImmediate(slice);
  }

  /**
   * Fold waiting batches for one slice (at least one batch), then report how far folding
   * got, unless a restart replaced the timeline meanwhile.
   */
  private foldSlice(timeline: Timeline): void {
    const t0 = performance.now();
    while (performance.now() - t0 < FOLD_SLICE_MS && timeline.foldOne());
    if (timeline !== this.timeline) return;
    this.current = sessionReducer(this.current, { type: 'folded', end: timeline.end });
    this.host?.folded(timeline.end);
  }

  private dispatch(ev: SessionEvent): void {
    this.current = sessionReducer(this.current, ev);
    this.notifyNow();
  }

  private notifyNow(): void {
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.notifyTimer = null;
    this.lastNotify = performance.now();
    for (const l of [...this.listeners]) l();
  }

  private notifySoon(): void {
    if (this.notifyTimer) return;
    const wait = Math.max(0, this.pacer.interval(NOTIFY_MS) - (performance.now() - this.lastNotify));
    if (wait === 0) return this.notifyNow();
    this.notifyTimer = setTimeout(() => this.notifyNow(), wait);
  }
}
