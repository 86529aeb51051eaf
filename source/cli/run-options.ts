/**
 * Options of `heapscope run`: --max-steps N, --timeout SECONDS, --memory-limit SIZE,
 * --check. Parsed from meow's flags into the limits the worker applies.
 */
export type RunOptions = {
  /** Lines the program may start before it is stopped. */
  readonly maxSteps?: number;
  readonly timeoutSeconds?: number;
  /** Bytes of modelled heap; MemoryError beyond. */
  readonly memoryLimit?: number;
  /** Check heap invariants at the end of the run (source/runtime/check). */
  readonly check?: boolean;
};

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** "512M", "2G", "1.5g", "64KiB", "1000000" → bytes; null when not a size. */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  if (!m) return null;
  const bytes = Math.floor(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!);
  return bytes > 0 && Number.isFinite(bytes) ? bytes : null;
}

/** The options, or a one-line message saying which flag is wrong. */
export function parseRunOptions(flags: Record<string, unknown>): RunOptions | string {
  const out: { -readonly [K in keyof RunOptions]: RunOptions[K] } = {};
  const given = (name: string) => flags[name] !== undefined && flags[name] !== null;
  if (given('maxSteps')) {
    const n = Number(flags.maxSteps);
    if (!Number.isSafeInteger(n) || n < 1) return `--max-steps wants a whole number of steps (lines started) of at least 1, not '${String(flags.maxSteps)}'`;
    out.maxSteps = n;
  }
  if (given('timeout')) {
    const s = Number(flags.timeout);
    if (!(s > 0) || !Number.isFinite(s) || s > 2 ** 31 / 1000) return `--timeout wants a number of seconds greater than 0, not '${String(flags.timeout)}'`;
    out.timeoutSeconds = s;
  }
  if (given('memoryLimit')) {
    const bytes = parseSize(String(flags.memoryLimit));
    if (bytes === null) return `--memory-limit wants a size such as 512M or 2G, not '${String(flags.memoryLimit)}'`;
    out.memoryLimit = bytes;
  }
  if (flags.check === true) out.check = true;
  return out;
}
