/**
 * Record files: every conformance program round-trips (record → read → the same log,
 * projections and output); recording is deterministic; damaged files give one-line
 * errors naming the line, never a crash (fuzzed with fast-check).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProgram } from '../../source/runtime/run.js';
import { parseRecording, RecordingError, writeRecording, PYTHON_MODEL } from '../../source/events/record-file.js';
import { EVENT_FORMAT_VERSION, EventKind } from '../../source/events/kinds.js';
import type { EventLog } from '../../source/events/log.js';
import { TimeTravel } from '../../source/projections/time-travel.js';
import { diffNodes, projectedNodes, projectionSummary } from '../projections/projected-heap.js';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', 'conformance', 'programs');
const programs = readdirSync(dir).filter((f) => f.endsWith('.py')).sort();

function record(file: string): { text: string; stdout: string; stderr: string; exitCode: number; log: EventLog } {
  const path = join(dir, file);
  const source = readFileSync(path, 'utf8');
  let stdout = '';
  let stderr = '';
  const { exitCode, runtime } = runProgram(path, source, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  const parts: string[] = [];
  writeRecording(runtime.ev, { heapscope: 'test', python: PYTHON_MODEL, file: path, source }, exitCode, (t) => parts.push(t));
  return { text: parts.join(''), stdout, stderr, exitCode, log: runtime.ev };
}

/** The decoded events' number and a checksum of them in order. */
function words(log: EventLog): string {
  let h = 0;
  log.forEach((r) => {
    h = (Math.imul(h, 31) + r.kind) | 0;
    h = (Math.imul(h, 31) + r.a) | 0;
    h = (Math.imul(h, 31) + r.b) | 0;
    h = (Math.imul(h, 31) + r.c) | 0;
    h = (Math.imul(h, 31) + r.d + r.e * 7 + r.f * 13) | 0;
  });
  return `${log.count}:${h}`;
}

/** What the log says the program wrote to a stream. */
function outputOf(log: EventLog, stream: 1 | 2): string {
  const parts: string[] = [];
  log.forEach((r) => {
    if (r.kind === EventKind.Output && r.a === stream) parts.push(log.strings.get(r.b));
  });
  return parts.join('');
}

describe('record → replay round trip', () => {
  // Projections are functions of the log: the same log gives the same projections. A few
  // programs compare those too, to be sure nothing else slips in.
  const compareProjections = new Set(['heap_mutations.py', 'seed_weakref.py', 'generators_more.py']);
  for (const file of programs) {
    it(file, () => {
      const { text, stdout, stderr, exitCode, log } = record(file);
      const replay = parseRecording(text);
      expect(replay.header).toMatchObject({ format: 'heapscope-events', version: EVENT_FORMAT_VERSION, python: PYTHON_MODEL, file: join(dir, file) });
      expect(replay.header.source).toBe(readFileSync(join(dir, file), 'utf8'));
      expect(replay.exitCode).toBe(exitCode);
      expect(replay.log.strings.strings).toEqual(log.strings.strings);
      expect(words(replay.log)).toBe(words(log));
      expect(outputOf(replay.log, 1)).toBe(stdout);
      expect(outputOf(replay.log, 2)).toBe(stderr);
      if (!compareProjections.has(file)) return;
      const a = new TimeTravel(log);
      const b = new TimeTravel(replay.log);
      expect(b.output(log.count, 1)).toBe(stdout);
      for (const k of [log.count, log.count >> 1]) {
        expect(projectionSummary(b.seek(k), replay.log.strings)).toEqual(projectionSummary(a.seek(k), log.strings));
        expect(diffNodes(projectedNodes(a.seek(k), log.strings), projectedNodes(b.seek(k), replay.log.strings))).toEqual([]);
      }
    });
  }
});

describe('recording is deterministic', () => {
  for (const file of ['seed_cycle.py', 'heap_mutations.py', 'seed_weakref.py', 'gc_threshold_callbacks.py']) {
    it(`${file} twice gives the same file`, () => {
      const first = record(file);
      const second = record(file);
      expect(first.log.count).toBeGreaterThan(1000);
      expect(second.text).toBe(first.text);
    });
  }
});

describe('damaged files', () => {
  const good = record('seed_refcount.py').text;
  const lines = good.split('\n');
  const errorOf = (text: string): string => {
    try {
      parseRecording(text);
    } catch (e) {
      expect(e).toBeInstanceOf(RecordingError);
      return (e as Error).message;
    }
    throw new Error('parsed without error');
  };

  it('a newer format is refused on line 1', () => {
    const header = JSON.parse(lines[0]!);
    const text = [JSON.stringify({ ...header, version: EVENT_FORMAT_VERSION + 1 }), ...lines.slice(1)].join('\n');
    expect(errorOf(text)).toBe(`line 1: recorded by a newer heapscope (event format ${EVENT_FORMAT_VERSION + 1}; this one reads format ${EVENT_FORMAT_VERSION})`);
  });

  it('a file cut between lines is truncated', () => {
    const text = lines.slice(0, 100).join('\n') + '\n';
    expect(errorOf(text)).toBe('line 101: the file ends before its end record (truncated)');
  });

  it('a file cut inside a line', () => {
    const cut = good.indexOf('\n', 5000) - 3;
    const line = good.slice(0, cut).split('\n').length;
    expect(errorOf(good.slice(0, cut))).toBe(`line ${line}: not valid JSON (the file is corrupted or truncated)`);
  });

  it('names what is wrong with a line', () => {
    const at = lines.findIndex((l) => l.startsWith('["Incref"'));
    const swap = (replacement: string) => [...lines.slice(0, at), replacement, ...lines.slice(at + 1)].join('\n');
    expect(errorOf(swap('["Increef",1]'))).toBe(`line ${at + 1}: unknown event kind "Increef"`);
    expect(errorOf(swap('["Incref",1,2]'))).toBe(`line ${at + 1}: Incref takes 1 fields, not 2`);
    expect(errorOf(swap('["Incref",-1]'))).toBe(`line ${at + 1}: Incref: serial must be an integer from 0 to 4294967295`);
    expect(errorOf(swap('["Output",1,999999]'))).toBe(`line ${at + 1}: Output: text refers to string 999999, which is not defined`);
    expect(errorOf(swap('{"what":1}'))).toBe(`line ${at + 1}: expected an event, a string or the end record`);
    expect(errorOf(good + '["Incref",1]\n')).toBe(`line ${lines.length}: unexpected data after the end record`);
    expect(errorOf('')).toBe('line 1: the file is empty (no header)');
    expect(errorOf('{"format":"something else"}\n')).toBe('line 1: not a heapscope recording (no "heapscope-events" header)');
  });

  it('fuzz: corrupted input gives a one-line error with a line number, or a log the projections fold', () => {
    // Mutations pick lines by a number taken modulo the current line count (earlier
    // mutations may have cut the file short).
    const onLines = (f: (ls: string[], n: number) => void) => (n: number) => (t: string) => {
      const ls = t.split('\n');
      f(ls, n % ls.length);
      return ls.join('\n');
    };
    const mutation = fc.oneof(
      // cut anywhere
      fc.nat({ max: good.length }).map((n) => (t: string) => t.slice(0, n)),
      // change one character
      fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 1 })).map(([n, c]) => (t: string) => {
        const at = n % Math.max(1, t.length);
        return t.slice(0, at) + c + t.slice(at + 1);
      }),
      // drop, repeat or swap lines
      fc.nat().map(onLines((ls, n) => ls.splice(n, 1))),
      fc.nat().map(onLines((ls, n) => ls.splice(n, 0, ls[n]!))),
      fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => onLines((ls, n) => {
        const m = b % ls.length;
        [ls[n], ls[m]] = [ls[m]!, ls[n]!];
      })(a)),
      // insert a line of anything
      fc.tuple(fc.nat(), fc.oneof(fc.string(), fc.json())).map(([n, junk]) => onLines((ls, i) => ls.splice(i, 0, junk))(n)),
      // a different number somewhere (well-formed, maybe nonsense: the projections must cope)
      fc.tuple(fc.nat(), fc.integer({ min: -5, max: 2 ** 32 + 5 })).map(([n, x]) => onLines((ls, i) => {
        ls[i] = ls[i]!.replace(/\d+/, String(x));
      })(n)),
    );
    let folded = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const text = mutations.reduce((t, m) => m(t), good);
        let log: EventLog;
        try {
          log = parseRecording(text).log;
        } catch (e) {
          if (!(e instanceof RecordingError)) throw e;
          expect(e.message).toMatch(/^line \d+: [^\n]+$/);
          refused++;
          return;
        }
        const tt = new TimeTravel(log, { minSpacing: 500, maxSpacing: 500 });
        for (const k of [0, log.count >> 1, log.count]) tt.seek(k);
        tt.timeline(log.count, 20);
        tt.collections(log.count);
        folded++;
      }),
      { numRuns: 150, seed: 20251125 },
    );
    // Both outcomes were exercised.
    expect(folded).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });
});
