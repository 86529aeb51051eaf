/**
 * The Output & events panel's lines up to event k: the program's output split into lines,
 * the collections, finalizers, weak reference callbacks and exceptions (the log's index of
 * notable events), and what the session itself reported, in event order.
 */
import { EventKind } from '../events/kinds.js';
import type { CollectionRecord } from '../projections/log-index.js';
import type { Timeline } from '../session/timeline.js';
import type { KeyCollection, NoticeKind, SessionState } from '../session/session-state.js';
import type { LogEntry, LogEntryKind } from './views.js';

/** Entries kept: more than any panel shows, few enough to build every frame. */
const KEEP = 400;
/** Notable events looked at, newest first. */
const NOTABLE_LOOKBACK = 300;

const NOTICE_KIND: Record<NoticeKind, LogEntryKind> = {
  collection: 'collection',
  finished: 'session',
  exited: 'session',
  error: 'error',
  info: 'session',
};

/** "Node @0x7f…": the object `serial` just before event `event` (where it is still alive). */
export type Describe = (event: number, serial: number) => string;

export function logEntries(timeline: Timeline, state: SessionState, k: number, describe: Describe): LogEntry[] {
  const out: LogEntry[] = [...outputLines(timeline, k), ...notable(timeline, k, describe)];
  for (const c of timeline.travel.collections(k).slice(-KEEP)) out.push(collection(c, state.keyCollections));
  for (const n of state.notices) if (n.event <= k) out.push({ kind: NOTICE_KIND[n.kind], text: n.text, event: n.event });
  // Stable: output before the events reported at the same point.
  out.sort((a, b) => a.event - b.event);
  return out.slice(-KEEP);
}

/** Output chunks as lines; a line written in pieces is one entry, stamped where it began. */
function outputLines(timeline: Timeline, k: number): LogEntry[] {
  const out: LogEntry[] = [];
  const open: Record<1 | 2, LogEntry | null> = { 1: null, 2: null };
  for (const chunk of timeline.output(k, KEEP)) {
    const parts = chunk.text.split('\n');
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const current = open[chunk.stream];
      if (current) {
        const joined = { ...current, text: current.text + part };
        out[out.indexOf(current)] = joined;
        open[chunk.stream] = last ? joined : null;
        return;
      }
      if (last && part === '') return;
      const entry: LogEntry = { kind: chunk.stream === 1 ? 'stdout' : 'stderr', text: part, event: chunk.event };
      out.push(entry);
      if (last) open[chunk.stream] = entry;
    });
  }
  return out;
}

function collection(c: CollectionRecord, keys: readonly KeyCollection[]): LogEntry {
  const byKey = keys.some((key) => c.start >= key.before && c.start < key.after);
  const who = byKey ? `gc.collect(${c.generation}) by key` : `gen${c.generation} collection`;
  const uncollectable = c.uncollectable > 0 ? `, ${c.uncollectable} uncollectable` : '';
  const text = c.end < 0 ? `${who}: ${c.unreachable} unreachable so far` : `${who}: ${c.collected} collected${uncollectable}`;
  return { kind: 'collection', text, event: c.end < 0 ? c.start : c.end };
}

/** Finalizers, weak reference callbacks and exceptions (unreachable objects are counted by their collection). */
function notable(timeline: Timeline, k: number, describe: Describe): LogEntry[] {
  const out: LogEntry[] = [];
  const reader = timeline.log.reader(0);
  const strings = timeline.log.strings;
  // Each is decoded from the log: only the latest (unreachable objects, the most frequent
  // notable events, are skipped: their collection sums them up).
  for (const n of timeline.travel.notableEvents(k, NOTABLE_LOOKBACK)) {
    reader.seek(n);
    if (!reader.next()) continue;
    switch (reader.kind) {
      case EventKind.FinalizerRun:
        out.push({ kind: 'finalizer', text: `finalizer runs: ${describe(n, reader.a)}`, event: n });
        break;
      case EventKind.WeakrefCleared:
        out.push({ kind: 'weakref', text: `weak reference cleared: ${describe(n, reader.b)} is dying`, event: n });
        break;
      case EventKind.CallbackRun:
        out.push({ kind: 'weakref', text: `weakref callback runs: ${describe(n, reader.a)}`, event: n });
        break;
      case EventKind.ExceptionRaised: {
        const type = strings.get(reader.a);
        const message = strings.get(reader.b);
        out.push({ kind: 'exception', text: message ? `${type}: ${message}` : type, event: n });
        break;
      }
      default:
        break;
    }
  }
  return out;
}
