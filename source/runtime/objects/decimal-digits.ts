/**
 * Decimal digits of doubles, exactly as CPython rounds them (round-half-even on the exact
 * binary value): the arithmetic behind float formatting, without the object model, so
 * that the dashboard's bundle can format figures (projections/profiler.ts) without the
 * runtime.
 */

/** The exact decimal value of a finite non-negative double. */
export function exactDecimal(x: number): string {
  if (x === 0) return '0';
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (exp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = exp - 1075;
  }
  if (e >= 0) return (mant << BigInt(e)).toString();
  // mant / 2**-e = mant * 5**-e / 10**-e
  const scaled = (mant * 5n ** BigInt(-e)).toString().padStart(-e + 1, '0');
  const intPart = scaled.slice(0, scaled.length + e);
  const frac = scaled.slice(scaled.length + e).replace(/0+$/, '');
  return frac ? `${intPart}.${frac}` : intPart;
}

/** Decimal digits of |x| rounded half-even: significant digits (`sig`) or places (`fixed`). */
export function roundedDigits(x: number, mode: 'sig' | 'fixed', n: number): { digits: string; exp: number } {
  // exp: position of the decimal point relative to the digit string (value = 0.digits × 10^exp)
  const s = exactDecimal(Math.abs(x));
  const point = s.indexOf('.');
  let intPart = point < 0 ? s : s.slice(0, point);
  const frac = point < 0 ? '' : s.slice(point + 1);
  let all = intPart + frac;
  let exp = intPart.length;
  // strip leading zeros
  const lead = all.length - all.replace(/^0+/, '').length;
  if (lead === all.length) return { digits: '0', exp: 1 };
  all = all.slice(lead);
  exp -= lead;
  const keep = mode === 'sig' ? n : exp + n;
  if (keep < 0) return { digits: '0', exp: mode === 'fixed' ? 1 : exp };
  if (keep >= all.length) return { digits: all.padEnd(keep, '0') || '0', exp };
  let kept = all.slice(0, keep);
  const rest = all.slice(keep);
  const up = rest[0]! > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || Number(kept[kept.length - 1] ?? '0') % 2 === 1));
  if (up) {
    const bumped = (BigInt(kept || '0') + 1n).toString();
    if (bumped.length > kept.length && kept.length > 0) {
      exp += 1;
      kept = mode === 'sig' ? bumped.slice(0, -1) : bumped;
    } else if (kept.length === 0) {
      kept = '1';
      exp += 1;
    } else kept = bumped.padStart(kept.length, '0');
  }
  return { digits: kept || '0', exp };
}

/** |x| with `places` digits after the point ('f' formatting without sign or padding). */
export function fixed(x: number, places: number): string {
  const { digits, exp } = roundedDigits(x, 'fixed', places);
  let intPart: string;
  let frac: string;
  if (exp <= 0) {
    intPart = '0';
    frac = ('0'.repeat(-exp) + digits).padEnd(places, '0').slice(0, places);
  } else {
    const all = digits.padEnd(exp + places, '0');
    intPart = all.slice(0, exp);
    frac = all.slice(exp, exp + places);
  }
  return places > 0 ? `${intPart}.${frac}` : intPart;
}

/**
 * format(x, '{width}.{places}f'): the sign, the digits and spaces before them up to
 * `width` (float.__format__ for this spec, as format.ts gives it).
 */
export function formatFixed(x: number, width: number, places: number): string {
  if (Number.isNaN(x)) return 'nan'.padStart(width);
  const negative = x < 0 || Object.is(x, -0);
  const body = Number.isFinite(x) ? fixed(Math.abs(x), places) : 'inf';
  return `${negative ? '-' : ''}${body}`.padStart(width);
}
