/**
 * The bytes of a script file → its text, as CPython's tokenizer reads a file
 * (Parser/tokenizer.c, 3.11): a UTF-8 BOM, a PEP 263 coding cookie on line 1 or 2,
 * UTF-8 by default, and the errors it reports before any parsing — these win over every
 * parser error, because pegen tokenizes the rest of the file when a parse fails:
 *
 *   SyntaxError: encoding problem: NAME                  (unknown codec, undecodable text)
 *   SyntaxError: encoding problem: NAME with BOM         (BOM with a non-UTF-8 cookie)
 *   SyntaxError: Non-UTF-8 code starting with '\xNN' in file F on line N, but no ...
 *     File "F", line N / the text before the NUL / SyntaxError: source code cannot contain null bytes
 */
import { PythonSyntaxError } from './syntax-error.js';

export type DecodedSource =
  | { readonly ok: true; readonly text: string }
  /** `stderr` is the complete text python3 prints; it exits with status 1. */
  | { readonly ok: false; readonly stderr: string };

const PEP263 = 'see https://peps.python.org/pep-0263/ for details';

/** Decode a script file's bytes; `filename` is the path tracebacks show. */
export function decodeSourceFile(bytes: Uint8Array, filename: string): DecodedSource {
  let start = 0;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom) start = 3;
  const lines = splitLines(bytes, start);
  const cookie = codingCookie(bytes, lines);
  let text: string;
  if (cookie === null || cookie === 'utf-8') {
    // Line by line, as the tokenizer reads: a line's UTF-8 check, then its NUL check.
    for (let n = 0; n < lines.length; n++) {
      const { from, to } = lines[n]!;
      const bad = firstNonUtf8(bytes, from, to);
      if (bad >= 0) {
        const hex = bytes[bad]!.toString(16).padStart(2, '0');
        if (cookie === null) {
          return fail(`SyntaxError: Non-UTF-8 code starting with '\\x${hex}' in file ${filename} on line ${n + 1}, but no encoding declared; ${PEP263}\n`);
        }
        return fail(`SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0x${hex} in file ${filename} on line ${n + 1}\n`);
      }
      const nul = bytes.subarray(from, to).indexOf(0);
      if (nul >= 0) return nullBytes(filename, n + 1, decode('utf-8', bytes.subarray(from, from + nul)) ?? '');
    }
    // valid_utf8() lets overlong forms and surrogates through; the later decode does not.
    const decoded = decode('utf-8', bytes.subarray(start));
    if (decoded === null) return fail(`SyntaxError: (unicode error) 'utf-8' codec can't decode the text of ${filename}\n`);
    text = decoded;
  } else {
    if (bom) return fail(`SyntaxError: encoding problem: ${cookie} with BOM\n`);
    const decoded = decode(cookie, bytes.subarray(start));
    if (decoded === null) return fail(`SyntaxError: encoding problem: ${cookie}\n`);
    text = decoded;
    const nul = text.indexOf('\0');
    if (nul >= 0) {
      const lineStart = Math.max(text.lastIndexOf('\n', nul), text.lastIndexOf('\r', nul)) + 1;
      return nullBytes(filename, countLines(text, lineStart) + 1, text.slice(lineStart, nul));
    }
  }
  return { ok: true, text };
}

/** The text before the NUL is shown; offset 0 prints no caret (as in CPython). */
function nullBytes(filename: string, lineno: number, before: string): DecodedSource {
  return fail(new PythonSyntaxError('source code cannot contain null bytes', filename, lineno, 0, before).format());
}

function fail(stderr: string): DecodedSource {
  return { ok: false, stderr };
}

type Line = { from: number; to: number };

/** Lines as the tokenizer reads them: universal newlines (\n, \r\n, lone \r). */
function splitLines(bytes: Uint8Array, start: number): Line[] {
  const lines: Line[] = [];
  let from = start;
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a || b === 0x0d) {
      lines.push({ from, to: i });
      if (b === 0x0d && bytes[i + 1] === 0x0a) i++;
      from = i + 1;
    }
  }
  if (from < bytes.length) lines.push({ from, to: bytes.length });
  return lines;
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/**
 * The PEP 263 declaration (check_coding_spec): only on line 1, or on line 2 when line 1
 * holds nothing but a comment; the line must be a comment, with `coding[:=]NAME`.
 */
function codingCookie(bytes: Uint8Array, lines: Line[]): string | null {
  for (let n = 0; n < Math.min(2, lines.length); n++) {
    const line = latin1(bytes.subarray(lines[n]!.from, lines[n]!.to));
    const spec = codingSpec(line);
    if (spec !== null) return normalName(spec);
    if (!/^[ \t\f]*(#|$)/.test(line)) return null;
  }
  return null;
}

/** get_coding_spec: the name after `coding:` or `coding=` in a comment line. */
function codingSpec(line: string): string | null {
  const hash = /^[ \t\f]*#/.exec(line);
  if (!hash || hash[0].length > line.length - 6) return null;
  const re = /coding[:=][ \t]*([A-Za-z0-9_.-]+)/g;
  return re.exec(line)?.[1] ?? null;
}

/** get_normal_name: utf-8 and latin-1 spellings collapse to "utf-8" and "iso-8859-1". */
function normalName(s: string): string {
  const buf = s.slice(0, 12).replace(/_/g, '-').toLowerCase();
  if (buf === 'utf-8' || buf.startsWith('utf-8-')) return 'utf-8';
  if (['latin-1', 'iso-8859-1', 'iso-latin-1'].includes(buf) || /^(latin-1-|iso-8859-1-|iso-latin-1-)/.test(buf)) return 'iso-8859-1';
  return s;
}

/** ensure_utf8 on one line, up to a NUL (the C string check stops there): the first bad byte or -1. */
function firstNonUtf8(bytes: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; ) {
    if (bytes[i] === 0) return -1;
    const len = validUtf8(bytes, i, to);
    if (len === 0) return i;
    i += len;
  }
  return -1;
}

/** tokenizer.c valid_utf8(): the length of the sequence at `i`, 0 when invalid. */
function validUtf8(bytes: Uint8Array, i: number, end: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  if (b < 0xc0) return 0;
  const expected = b < 0xe0 ? 1 : b < 0xf0 ? 2 : b < 0xf8 ? 3 : -1;
  if (expected < 0) return 0;
  for (let k = 1; k <= expected; k++) {
    const c = i + k < end ? bytes[i + k]! : 0x0a;
    if (c < 0x80 || c >= 0xc0) return 0;
  }
  return expected + 1;
}

/** Bytes as latin-1 text, in chunks (spreading a large array into one call overflows the stack). */
export function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/** Python codec names → a decoder; null for text the codec rejects or an unknown codec. */
function decode(codec: string, bytes: Uint8Array): string | null {
  const name = codec.toLowerCase().replace(/[^a-z0-9.]+/g, '_');
  if (/^(ascii|us_ascii|646|us)$/.test(name)) return bytes.every((b) => b < 0x80) ? latin1(bytes) : null;
  if (/^(latin_?1|iso_?8859_1|iso_8859_1_1987|l1|cp819|8859|latin|iso_ir_100|csisolatin1)$/.test(name) || codec === 'iso-8859-1') return latin1(bytes);
  // The tokenizer reads the file line by line as bytes: UTF-16/32 cannot be read.
  if (/^(utf_?16|utf_?32|u16|u32)/.test(name)) return null;
  let label = name.replace(/_/g, '-');
  if (/^(utf8|u8|utf|cp65001)$/.test(name) || /^utf-8/.test(label)) label = 'utf-8';
  const iso = /^iso-?8859-?(\d+)$/.exec(label);
  if (iso) label = `iso-8859-${iso[1]}`;
  const cp = /^(?:cp|windows-?)(125\d)$/.exec(label);
  if (cp) label = `windows-${cp[1]}`;
  if (label === 'windows-1252') return cp1252(bytes);
  // WHATWG treats these labels as windows-1252; Python does not.
  if (label === 'latin1' || label === 'ascii' || label === 'us-ascii') return null;
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Python's cp1252 (Node's TextDecoder decodes windows-1252 as latin-1): 0x80-0x9f from
 * this table, five of them undefined.
 */
const CP1252_HIGH = '\u20ac\0\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\0\u017d\0\0\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\0\u017e\u0178';

function cp1252(bytes: Uint8Array): string | null {
  let s = '';
  for (const b of bytes) {
    if (b < 0x80 || b >= 0xa0) s += String.fromCharCode(b);
    else {
      const c = CP1252_HIGH[b - 0x80]!;
      if (c === '\0') return null;
      s += c;
    }
  }
  return s;
}
