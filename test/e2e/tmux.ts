/**
 * Driving the real binary in a real terminal: a tmux server of our own (its own socket,
 * so a user's tmux is never touched), one window of a given size, keys in, screen out.
 */
import { execFileSync } from 'node:child_process';

export type TmuxOptions = { readonly columns: number; readonly rows: number; readonly cwd: string; readonly env?: Record<string, string> };

let counter = 0;

export class Tmux {
  private readonly socket: string;
  private readonly target = 'e2e';

  constructor(command: string, options: TmuxOptions) {
    this.socket = `heapscope-e2e-${process.pid}-${counter++}`;
    const env = Object.entries({ TERM: 'xterm-256color', ...options.env })
      .map(([k, v]) => `${k}=${shellQuote(v)}`)
      .join(' ');
    // The pane stays after the program ends, showing its exit code.
    const script = `cd ${shellQuote(options.cwd)} && env -u CI -u CONTINUOUS_INTEGRATION ${env} ${command}; echo "__EXIT=$?"; sleep 600`;
    this.tmux('new-session', '-d', '-s', this.target, '-x', String(options.columns), '-y', String(options.rows), script);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  /** The visible screen, one string per line. */
  capture(): string {
    return this.tmux('capture-pane', '-p', '-t', this.target);
  }

  /** A tmux format value of the pane, e.g. alternate_on, cursor_flag, pane_width. */
  display(format: string): string {
    return this.tmux('display-message', '-p', '-t', this.target, `#{${format}}`).trim();
  }

  /** Keys in tmux's names: 'g', 'Space', 'Left', 'Tab', 'BTab', 'Enter', 'C-c'. */
  send(...keys: string[]): void {
    for (const k of keys) this.tmux('send-keys', '-t', this.target, k);
  }

  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-t', this.target, '-x', String(columns), '-y', String(rows));
  }

  /** Poll the screen until `test` passes; fails with the last screen after `timeoutMs`. */
  async waitFor(test: (screen: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    let screen = '';
    for (;;) {
      screen = this.capture();
      if (test(screen)) return screen;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** The exit code once the program has ended (the pane prints it). */
  async exitCode(timeoutMs = 10_000): Promise<number> {
    const screen = await this.waitFor((s) => /__EXIT=\d+/.test(s), 'the program to exit', timeoutMs);
    return Number(/__EXIT=(\d+)/.exec(screen)![1]);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
  }
}

export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
