/**
 * Decoding of Python number and string literal tokens into values, with CPython's rules
 * (underscores in numbers, escape sequences, raw and bytes prefixes).
 */
import type { ConstantValue } from './ast.js';

/** A literal the tokenizer accepted but Python rejects; `offset` is relative to the token. */
export class LiteralError extends Error {
  constructor(message: string, readonly offset = 0) {
    super(message);
  }
}

export function decodeNumber(text: string): ConstantValue {
  const clean = text.replace(/_/g, '');
  const lower = clean.toLowerCase();
  if (lower.endsWith('j')) return { type: 'complex', imag: Number(clean.slice(0, -1)) };
  if (/^0[box]/.test(lower)) return { type: 'int', value: BigInt(lower) };
  if (/[.e]/.test(lower)) return { type: 'float', value: Number(clean) };
  if (/^0+[1-9]/.test(clean)) {
    throw new LiteralError(
      'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
    );
  }
  return { type: 'int', value: BigInt(clean) };
}

export type StringToken = {
  readonly bytes: boolean;
  readonly raw: boolean;
  readonly format: boolean;
  /** Length of prefix plus opening quote(s). */
  readonly openLength: number;
  readonly quoteLength: number;
};

export function stringTokenShape(text: string): StringToken {
  const m = /^([a-zA-Z]*)('''|"""|'|")/.exec(text);
  if (!m) throw new LiteralError('invalid string literal');
  const prefix = m[1]!.toLowerCase();
  return {
    bytes: prefix.includes('b'),
    raw: prefix.includes('r'),
    format: prefix.includes('f'),
    openLength: m[0].length,
    quoteLength: m[2]!.length,
  };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/**
 * Decode the body of a (non-f) string literal part. For bytes, returns a string whose
 * char codes are the byte values.
 */
export function decodeEscapes(body: string, bytes: boolean, raw: boolean): string {
  if (bytes) {
    for (let i = 0; i < body.length; i++) {
      if (body.charCodeAt(i) > 127) throw new LiteralError('bytes can only contain ASCII literal characters', i);
    }
  }
  if (raw || !body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[i + 1];
    if (n === undefined) {
      out += '\\';
      break;
    }
    if (n === '\n') {
      i++;
      continue;
    }
    if (n === '\r') {
      i += body[i + 2] === '\n' ? 2 : 1;
      continue;
    }
    if (SIMPLE_ESCAPES[n] !== undefined) {
      out += SIMPLE_ESCAPES[n];
      i++;
      continue;
    }
    if (n >= '0' && n <= '7') {
      let j = i + 1;
      let digits = '';
      while (j < body.length && digits.length < 3 && body[j]! >= '0' && body[j]! <= '7') digits += body[j++];
      out += String.fromCodePoint(parseInt(digits, 8) & (bytes ? 0xff : 0x1ff));
      i = j - 1;
      continue;
    }
    const hexLength = n === 'x' ? 2 : !bytes && n === 'u' ? 4 : !bytes && n === 'U' ? 8 : 0;
    if (hexLength) {
      const hex = body.slice(i + 2, i + 2 + hexLength);
      if (hex.length < hexLength || !/^[0-9a-fA-F]+$/.test(hex)) {
        const kind = n === 'x' ? `\\xXX` : n === 'u' ? '\\uXXXX' : '\\UXXXXXXXX';
        throw new LiteralError(
          `(${bytes ? 'value' : 'unicode'} error) ${bytes ? "invalid \\x escape at position " + i : `'unicodeescape' codec can't decode bytes in position ${i}-${i + 1 + hex.length}: truncated ${kind} escape`}`,
          i,
        );
      }
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw new LiteralError(`(unicode error) 'unicodeescape' codec can't decode bytes in position ${i}-${i + 9}: illegal Unicode character`, i);
      out += String.fromCodePoint(code);
      i += 1 + hexLength;
      continue;
    }
    if (!bytes && n === 'N') {
      throw new LiteralError('\\N{...} escapes are not supported by heapscope yet', i);
    }
    // Unknown escapes keep their backslash (CPython 3.11 only warns).
    out += '\\';
  }
  return out;
}
