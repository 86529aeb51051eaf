/**
 * memory_profiler's line table, as a pure fold over the events its LineProfiler emits
 * (ProfileFunction, ProfileSample, ProfileReported). The runtime's memory_profiler module
 * keeps its tables with these same functions, so the table it prints and the one the
 * Profiler panel shows cannot disagree.
 *
 * The arithmetic is memory_profiler 0.61's CodeMap.trace: at every 'line' and 'return'
 * trace event the current memory is charged to the line that just finished: its increment
 * grows by (memory now − the largest memory seen at the line executed before it), its
 * "Mem usage" is the largest memory seen at its end, and its occurrences count up.
 */
import { EventKind } from '../events/kinds.js';
import type { EventLog } from '../events/log.js';
import { formatFixed } from '../runtime/objects/decimal-digits.js';

/** One line's figures, in MiB. */
export type LineFigures = { increment: number; memory: number; occurrences: number };

export type ProfileTable = {
  /** Number of the table in this run (ProfileFunction's `table`). */
  readonly id: number;
  readonly filename: string;
  /** The lines the table prints: the function's source block, decorators included. */
  readonly firstLine: number;
  readonly lastLine: number;
  /** Figures of each line that has run (several code objects may share a table: nested functions, comprehensions). */
  readonly lines: Map<number, LineFigures>;
  /** The line charged by the latest sample (the line that just finished), 0 before any. */
  lastSampled: number;
  /** The line the profiled code is running (highlight it), 0 when it is not running. */
  running: number;
  /** Printed by show_results: final. */
  reported: boolean;
};

const PAGES_PER_MIB = 256;

export function newProfileTable(id: number, filename: string, firstLine: number, lastLine: number): ProfileTable {
  return { id, filename, firstLine, lastLine, lines: new Map(), lastSampled: 0, running: 0, reported: false };
}

/**
 * CodeMap.trace(code, line, prevLine): charge `memory` (MiB) to `line`; `prevLine` is the
 * line traced before it (0 for none).
 */
export function traceLine(table: ProfileTable, line: number, prevLine: number, memory: number): void {
  const prevLineFigures = prevLine ? table.lines.get(prevLine) : undefined;
  const base = prevLineFigures ? prevLineFigures.memory : 0;
  const own = table.lines.get(line);
  if (own === undefined) {
    table.lines.set(line, { increment: memory - base, memory, occurrences: 1 });
  } else {
    own.increment += memory - base;
    if (memory > own.memory) own.memory = memory;
    own.occurrences++;
  }
  table.lastSampled = line;
}

/** A row of the printed table; `figures` is null for lines that never ran. */
export type ProfileRow = { readonly line: number; readonly text: string; readonly figures: LineFigures | null };

export function profileRows(table: ProfileTable, sourceLines: readonly string[]): ProfileRow[] {
  const rows: ProfileRow[] = [];
  for (let line = table.firstLine; line <= table.lastLine; line++) {
    rows.push({ line, text: sourceLines[line - 1] ?? '', figures: table.lines.get(line) ?? null });
  }
  return rows;
}

/** A figure as show_results prints it: '{0:<precision+4>.<precision>f} MiB'. */
export function formatMiB(value: number, precision = 1): string {
  return `${formatFixed(value, precision + 4, precision)} MiB`;
}

/** The header line: '{0:>6} {1:>12} {2:>12}  {3:>10}   {4:<}' of the column names. */
export const PROFILE_HEADER = `${'Line #'.padStart(6)} ${'Mem usage'.padStart(12)} ${'Increment'.padStart(12)}  ${'Occurrences'.padStart(10)}   Line Contents`;

/** show_results(prof) for one table: exactly memory_profiler 0.61's text. */
export function formatProfile(table: ProfileTable, sourceLines: readonly string[], precision = 1): string {
  let out = `Filename: ${table.filename}\n\n${PROFILE_HEADER}\n${'='.repeat(PROFILE_HEADER.length)}\n`;
  for (const row of profileRows(table, sourceLines)) {
    const f = row.figures;
    const mem = f ? formatMiB(f.memory, precision) : '';
    const inc = f ? formatMiB(f.increment, precision) : '';
    const occ = f ? String(f.occurrences) : '';
    out += `${String(row.line).padStart(6)} ${mem.padStart(12)} ${inc.padStart(12)}  ${occ.padStart(10)}   ${row.text}\n`;
  }
  return out + '\n\n';
}

/** The Profiler projection: every table of the run, by id. */
export type ProfilerState = Map<number, ProfileTable>;

/**
 * Fold one event into the state; returns true when the event concerned the profiler.
 * `string` resolves string ids (the log's string table).
 */
export function applyProfilerEvent(
  state: ProfilerState,
  kind: EventKind,
  a: number,
  b: number,
  c: number,
  d: number,
  e: number,
  string: (id: number) => string,
): boolean {
  switch (kind) {
    case EventKind.ProfileFunction:
      state.set(a, newProfileTable(a, string(b), c, d));
      return true;
    case EventKind.ProfileSample: {
      const table = state.get(a);
      if (table === undefined) return true;
      traceLine(table, b, c, d / PAGES_PER_MIB);
      table.running = e;
      return true;
    }
    case EventKind.ProfileReported: {
      const table = state.get(a);
      if (table !== undefined) {
        table.reported = true;
        table.running = 0;
      }
      return true;
    }
    default:
      return false;
  }
}

/** The profiler tables after the first `upTo` events of the log (all by default). */
export function foldProfiles(log: EventLog, upTo = log.count): ProfilerState {
  const state: ProfilerState = new Map();
  const string = (id: number) => log.strings.get(id);
  log.forEach((ev, n) => {
    if (n >= upTo) return false;
    applyProfilerEvent(state, ev.kind, ev.a, ev.b, ev.c, ev.d, ev.e, string);
    return true;
  });
  return state;
}
