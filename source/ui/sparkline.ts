/** A sparkline of the last `width` samples, scaled between their minimum and maximum. */
const BARS = '▁▂▃▄▅▆▇█';

export function sparkline(samples: readonly number[], width: number): string {
  if (width <= 0 || samples.length === 0) return '';
  const shown = samples.slice(-width);
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of shown) {
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  const span = hi - lo;
  let out = '';
  for (const s of shown) out += BARS[span === 0 ? 0 : Math.round(((s - lo) / span) * (BARS.length - 1))];
  return out;
}

/** A bar of `width` cells filled in proportion to value / max (over max: full). */
export function bar(value: number, max: number, width: number): { filled: string; empty: string } {
  const n = max <= 0 ? 0 : Math.max(0, Math.min(width, Math.round((value / max) * width)));
  return { filled: '█'.repeat(n), empty: '░'.repeat(width - n) };
}
