/**
 * Record files: an event log as JSON Lines, for `heapscope run --record` and
 * `heapscope replay`.
 *
 *     {"format":"heapscope-events","version":2,"heapscope":"0.1.0","python":"3.11","file":"x.py","source":"..."}
 *     ["$",1,"__class__"]                     a string of the log's table, defined before use
 *     ["Allocated",1,5,896,140737352003600,4] an event: its kind, then its fields (kinds.ts)
 *     ["Incref",1]
 *     {"end":true,"events":5378,"strings":890,"exitCode":0}
 *
 * Strings (type and attribute names, output text) are written once and referred to by
 * id, as in memory, so reading a file rebuilds the very same log. The end record makes a
 * truncated file detectable. The reader checks everything and reports the first problem
 * as a RecordingError naming the line.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { EVENT_FIELDS, EVENT_FORMAT_VERSION, EVENT_NAMES, EventKind, type FieldType } from './kinds.js';
import { EventLog } from './log.js';

export const RECORD_FORMAT = 'heapscope-events';
/** The Python whose memory management the runtime models. */
export const PYTHON_MODEL = '3.11';

export type RecordingHeader = {
  format: typeof RECORD_FORMAT;
  version: number;
  /** heapscope's version that wrote the file. */
  heapscope: string;
  python: string;
  /** The program's path as it was run, and its source text. */
  file: string;
  source: string;
};

export type Recording = {
  header: RecordingHeader;
  log: EventLog;
  /** The program's exit code. */
  exitCode: number;
};

/** A problem with a record file, at a line (1-based). */
export class RecordingError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'RecordingError';
  }
}

// ---------------------------------------------------------------- writing

/**
 * Write `log` as a record file through `write` (called with pieces of text, in order).
 * Strings are defined just before the first event that uses them.
 */
export function writeRecording(log: EventLog, header: Omit<RecordingHeader, 'format' | 'version'>, exitCode: number, write: (text: string) => void): void {
  const head: RecordingHeader = { format: RECORD_FORMAT, version: EVENT_FORMAT_VERSION, ...header };
  write(JSON.stringify(head) + '\n');
  const strings = log.strings;
  let defined = 1; // id 0 is the empty string
  let buffer = '';
  const define = (upTo: number) => {
    while (defined <= upTo && defined < strings.size) {
      buffer += `["$",${defined},${JSON.stringify(strings.get(defined))}]\n`;
      defined++;
    }
  };
  // Millions of lines: written by hand rather than through JSON.stringify.
  log.forEach((r) => {
    const kind = r.kind;
    const types = EVENT_FIELDS[kind];
    let line = LINE_PREFIX[kind]! + r.a;
    if (kind === EventKind.Allocated) {
      define(r.b);
      line += `,${r.b},${r.c},${r.address},${r.f}`;
    } else {
      if (types[0]![1] === 'str') define(r.a);
      const rest = [r.b, r.c, r.d, r.e];
      for (let i = 1; i < types.length; i++) {
        const type = types[i]![1];
        const v = rest[i - 1]!;
        if (type === 'str') define(v);
        line += ',' + (type === 'i32' ? v | 0 : v);
      }
    }
    buffer += line + ']\n';
    if (buffer.length >= 1 << 16) {
      write(buffer);
      buffer = '';
    }
  });
  const flush = () => {
    write(buffer);
    buffer = '';
  };
  // Strings no event refers to (interned but unused) complete the table.
  define(strings.size);
  buffer += JSON.stringify({ end: true, events: log.count, strings: strings.size, exitCode }) + '\n';
  flush();
}

/** `["Kind",` for each kind. */
const LINE_PREFIX: Record<number, string> = Object.fromEntries(Object.entries(EVENT_NAMES).map(([k, name]) => [k, `["${name}",`]));

// ---------------------------------------------------------------- reading

const KINDS_BY_NAME = new Map<string, EventKind>(Object.entries(EVENT_NAMES).map(([k, name]) => [name, Number(k) as EventKind]));

const LIMITS: Record<FieldType, [number, number]> = {
  serial: [0, 2 ** 32 - 1],
  str: [0, 2 ** 32 - 1],
  u32: [0, 2 ** 32 - 1],
  i32: [-(2 ** 31), 2 ** 31 - 1],
  slot: [0, 2 ** 32 - 1],
  addr: [0, 2 ** 48 - 1],
  u8: [0, 255],
};

/** Reads a record file line by line (`line`, then `finish`), building its log. */
export class RecordingReader {
  private lineNo = 0;
  private header: RecordingHeader | null = null;
  private exitCode: number | null = null;
  readonly log = new EventLog();

  /** Take the next line (without its line break). */
  line(text: string): void {
    const n = ++this.lineNo;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (this.exitCode !== null) {
      if (text.trim() === '') return;
      throw new RecordingError(n, 'unexpected data after the end record');
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new RecordingError(n, text.trim() === '' ? 'empty line' : 'not valid JSON (the file is corrupted or truncated)');
    }
    if (this.header === null) {
      this.header = checkHeader(value, n);
      return;
    }
    if (Array.isArray(value)) {
      if (value[0] === '$') this.string(value, n);
      else this.event(value, n);
      return;
    }
    if (isObject(value) && value.end === true) {
      this.end(value, n);
      return;
    }
    throw new RecordingError(n, 'expected an event, a string or the end record');
  }

  private string(value: unknown[], n: number): void {
    const strings = this.log.strings;
    if (value.length !== 3 || value[1] !== strings.size || typeof value[2] !== 'string') {
      throw new RecordingError(n, `malformed string definition (expected ["$", ${strings.size}, "text"])`);
    }
    strings.load([value[2]]);
  }

  private event(value: unknown[], n: number): void {
    const name = value[0];
    const kind = typeof name === 'string' ? KINDS_BY_NAME.get(name) : undefined;
    if (kind === undefined) throw new RecordingError(n, `unknown event kind ${JSON.stringify(name)?.slice(0, 40) ?? String(name)}`);
    const types = EVENT_FIELDS[kind];
    if (value.length !== types.length + 1) throw new RecordingError(n, `${name} takes ${types.length} fields, not ${value.length - 1}`);
    const f: number[] = [];
    for (let i = 0; i < types.length; i++) {
      const [field, type] = types[i]!;
      const v = value[i + 1];
      const [lo, hi] = LIMITS[type];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new RecordingError(n, `${name}: ${field} must be an integer from ${lo} to ${hi}`);
      if (type === 'str' && v >= this.log.strings.size) throw new RecordingError(n, `${name}: ${field} refers to string ${v}, which is not defined`);
      f.push(v);
    }
    const log = this.log;
    if (kind === EventKind.Allocated) log.allocated(f[0]!, f[1]!, f[2]!, f[3]!, f[4]!);
    else log.emitFields(kind, f[0]!, (f[1] ?? 0) >>> 0, (f[2] ?? 0) >>> 0, (f[3] ?? 0) >>> 0, (f[4] ?? 0) >>> 0);
  }

  private end(value: Record<string, unknown>, n: number): void {
    if (value.events !== this.log.count) throw new RecordingError(n, `the end record counts ${String(value.events)} events, the file has ${this.log.count}`);
    if (value.strings !== this.log.strings.size) throw new RecordingError(n, `the end record counts ${String(value.strings)} strings, the file has ${this.log.strings.size}`);
    const code = value.exitCode;
    if (typeof code !== 'number' || !Number.isInteger(code)) throw new RecordingError(n, 'the end record has no exit code');
    this.exitCode = code;
  }

  /** The recording, once every line was given; a file cut short is an error. */
  finish(): Recording {
    if (this.header === null) throw new RecordingError(Math.max(1, this.lineNo), 'the file is empty (no header)');
    if (this.exitCode === null) throw new RecordingError(this.lineNo + 1, 'the file ends before its end record (truncated)');
    return { header: this.header, log: this.log, exitCode: this.exitCode };
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkHeader(value: unknown, n: number): RecordingHeader {
  if (!isObject(value) || value.format !== RECORD_FORMAT) throw new RecordingError(n, `not a heapscope recording (no "${RECORD_FORMAT}" header)`);
  const v = value.version;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new RecordingError(n, 'the header has no format version');
  if (v > EVENT_FORMAT_VERSION) throw new RecordingError(n, `recorded by a newer heapscope (event format ${v}; this one reads format ${EVENT_FORMAT_VERSION})`);
  if (v < EVENT_FORMAT_VERSION) throw new RecordingError(n, `event format ${v} is no longer supported (this heapscope reads format ${EVENT_FORMAT_VERSION})`);
  for (const key of ['heapscope', 'python', 'file', 'source'] as const) {
    if (typeof value[key] !== 'string') throw new RecordingError(n, `the header has no "${key}"`);
  }
  return value as unknown as RecordingHeader;
}

/** Read a record file from text (tests, small files). */
export function parseRecording(text: string): Recording {
  const reader = new RecordingReader();
  const lines = text.split('\n');
  // A final line break does not start another line.
  if (lines[lines.length - 1] === '') lines.pop();
  for (const l of lines) reader.line(l);
  return reader.finish();
}

/** Read a record file from disk, streaming (files of millions of events). */
export async function readRecording(path: string): Promise<Recording> {
  const reader = new RecordingReader();
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const l of lines) reader.line(l);
  return reader.finish();
}
