/**
 * Playback speeds, in lines per second (Infinity: as fast as the runtime goes). `+` and
 * `-` move along this table.
 */
export const SPEEDS: readonly number[] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 1000, Infinity];

/** The speed a dashboard opens with: slow enough to watch a scenario line by line. */
export const DEFAULT_SPEED = SPEEDS.indexOf(4);

/** Milliseconds the runtime waits at each line start at speed index `i` (0: no wait). */
export function delayFor(i: number): number {
  const s = SPEEDS[clampSpeed(i)]!;
  return s === Infinity ? 0 : Math.round(1000 / s);
}

export function clampSpeed(i: number): number {
  return Math.max(0, Math.min(SPEEDS.length - 1, i));
}

/** "4 lines/s", "max". */
export function speedLabel(i: number): string {
  const s = SPEEDS[clampSpeed(i)]!;
  return s === Infinity ? 'max speed' : `${s} line${s === 1 ? '' : 's'}/s`;
}

/** The speed index for a --speed option: a number of lines per second or "max". */
export function parseSpeed(text: string): number | null {
  if (text === 'max') return SPEEDS.length - 1;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) return null;
  // The nearest speed in the table.
  let best = 0;
  for (let i = 0; i < SPEEDS.length; i++) if (Math.abs(SPEEDS[i]! - n) < Math.abs(SPEEDS[best]! - n)) best = i;
  return best;
}
