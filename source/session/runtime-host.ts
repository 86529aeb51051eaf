/**
 * The main thread's side of the runtime worker: starts it, writes commands into the
 * shared ring, asks for a progress report every FLUSH_MS while the program runs, and
 * hands every message to one listener.
 */
import { Worker } from 'node:worker_threads';
import { CommandCode, createControl, Ctrl, RING_SIZE, type WorkerInput, type WorkerMessage } from './protocol.js';

/** How often a running program reports (output, position): the dashboard's refresh. */
export const FLUSH_MS = 40;

export type HostOptions = {
  readonly filename: string;
  readonly source: string;
  readonly startPaused: boolean;
  readonly delayMs: number;
  /** The first slab of the runtime's event log: the session's mirror of the log starts with it. */
  readonly firstSlab: SharedArrayBuffer;
  /** The bundled worker (dist/runtime-worker.js); tests pass it explicitly. */
  readonly workerUrl?: URL;
};

/** A worker message, or text the worker wrote outside the program (a Node warning, a bug). */
export type HostMessage = WorkerMessage | { readonly type: 'stray'; readonly text: string };

export type HostListener = (message: HostMessage) => void;

/** Where the built worker lives: next to the bundle that imports this module. */
export function defaultWorkerUrl(): URL {
  return new URL('./runtime-worker.js', import.meta.url);
}

export class RuntimeHost {
  private readonly control = createControl();
  private readonly worker: Worker;
  /** Commands that did not fit in the ring yet (the worker is busy inside one line). */
  private readonly backlog: [CommandCode, number][] = [];
  private timer: NodeJS.Timeout | null = null;
  private ended = false;

  constructor(
    options: HostOptions,
    private readonly listener: HostListener,
  ) {
    const input: WorkerInput = {
      filename: options.filename,
      source: options.source,
      control: this.control,
      startPaused: options.startPaused,
      delayMs: options.delayMs,
      firstSlab: options.firstSlab,
    };
    this.worker = new Worker(options.workerUrl ?? defaultWorkerUrl(), {
      workerData: input,
      resourceLimits: { stackSizeMb: 256 },
      // The worker's own stdout/stderr never reach the terminal the dashboard draws on.
      stdout: true,
      stderr: true,
    });
    const stray = (d: Buffer) => this.listener({ type: 'stray', text: d.toString() });
    this.worker.stdout.on('data', stray);
    this.worker.stderr.on('data', stray);
    this.worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'exited' || m.type === 'crashed') this.end();
      this.flushBacklog();
      this.listener(m);
    });
    this.worker.on('error', (e) => this.crashed(`internal error: ${e.message}`));
    this.worker.on('exit', (code) => this.crashed(`the runtime stopped unexpectedly (exit code ${code})`));
    this.timer = setInterval(() => Atomics.add(this.control, Ctrl.FlushTick, 1), FLUSH_MS);
    this.timer.unref();
  }

  /** Tell the worker how far the main thread has folded (it waits when too far ahead). */
  folded(events: number): void {
    Atomics.store(this.control, Ctrl.Folded, events);
    Atomics.notify(this.control, Ctrl.Head);
  }

  send(code: CommandCode, arg = 0): void {
    if (this.ended) return;
    this.backlog.push([code, arg]);
    this.flushBacklog();
  }

  /** Stop the worker (restart, quit). */
  async dispose(): Promise<void> {
    this.end();
    await this.worker.terminate();
  }

  private flushBacklog(): void {
    const c = this.control;
    while (this.backlog.length && Atomics.load(c, Ctrl.Head) - Atomics.load(c, Ctrl.Tail) < RING_SIZE) {
      const [code, arg] = this.backlog.shift()!;
      const head = Atomics.load(c, Ctrl.Head);
      const at = Ctrl.Ring + (head % RING_SIZE) * 2;
      Atomics.store(c, at, code);
      Atomics.store(c, at + 1, arg);
      Atomics.store(c, Ctrl.Head, head + 1);
      Atomics.notify(c, Ctrl.Head);
    }
  }

  /** The worker died without reporting (an uncaught error, out of memory). */
  private crashed(message: string): void {
    if (this.ended) return;
    this.end();
    this.listener({ type: 'crashed', message, events: -1, line: -1, scope: '', lines: -1, output: [], batch: null, stops: [] });
  }

  private end(): void {
    this.ended = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
