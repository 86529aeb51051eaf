/** Text formatting shared by the panels: sizes, counts, signed changes, truncation. */

/** 96 B, 1.9 KiB, 38.2 MiB (binary units, as tracemalloc and memory_profiler print). */
export function formatBytes(n: number): string {
  const abs = Math.abs(n);
  if (abs < 1024) return `${n} B`;
  if (abs < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (abs < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/**
 * 1,234,567. Integers are grouped here: the first toLocaleString of a process loads ICU's
 * number formatting, about 10 ms of the dashboard's first frame.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

/** +2, −3, or an empty string for no change. */
export function formatChange(n: number, format: (n: number) => string = formatCount): string {
  if (n === 0) return '';
  return n > 0 ? `+${format(n)}` : `-${format(-n)}`;
}

/** 0x7f3a2c1b4e10 */
export function formatAddress(address: number): string {
  return `0x${address.toString(16)}`;
}

/** Cut `text` to `width` columns, marking the cut with …. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

export function padEnd(text: string, width: number): string {
  const t = truncate(text, width);
  return t + ' '.repeat(width - t.length);
}

export function padStart(text: string, width: number): string {
  const t = truncate(text, width);
  return ' '.repeat(width - t.length) + t;
}

/**
 * Text as it may be drawn inside a panel: a carriage return keeps what follows it (as a
 * terminal shows a rewritten line), tabs become spaces, other control characters (an
 * escape sequence from the program) become visible ^X, so they never act on the terminal.
 */
export function printable(text: string): string {
  const cr = text.lastIndexOf('\r');
  const line = cr >= 0 ? text.slice(cr + 1) : text;
  // eslint-disable-next-line no-control-regex
  return line.replace(/\t/g, '    ').replace(/[\x00-\x1f\x7f]/g, (c) => (c === '\x7f' ? '^?' : `^${String.fromCharCode(c.charCodeAt(0) + 64)}`));
}
