/**
 * Modelled process memory over time (RSS and pymalloc arenas), folded from ProcessMemory
 * events: what a memory timeline or the Allocator panel's header shows at any point of
 * the run, without asking the runtime.
 */
import { EventKind } from '../events/kinds.js';
import type { EventLog } from '../events/log.js';

export type ProcessMemoryPoint = { readonly event: number; readonly rssPages: number; readonly arenas: number };

export type ProcessMemoryState = {
  /** Latest values (RSS in 4 KiB pages), and the highest RSS so far. */
  rssPages: number;
  arenas: number;
  peakPages: number;
  /** Every change, in order (one per page-granular change of the model). */
  readonly series: ProcessMemoryPoint[];
};

export function newProcessMemoryState(): ProcessMemoryState {
  return { rssPages: 0, arenas: 0, peakPages: 0, series: [] };
}

/** Fold one event; returns true when it was a ProcessMemory event. */
export function applyProcessMemoryEvent(state: ProcessMemoryState, kind: EventKind, n: number, rssPages: number, arenas: number): boolean {
  if (kind !== EventKind.ProcessMemory) return false;
  state.rssPages = rssPages;
  state.arenas = arenas;
  if (rssPages > state.peakPages) state.peakPages = rssPages;
  state.series.push({ event: n, rssPages, arenas });
  return true;
}

/** The process memory after the first `upTo` events (all by default). */
export function foldProcessMemory(log: EventLog, upTo = log.count): ProcessMemoryState {
  const state = newProcessMemoryState();
  log.forEach((ev, n) => {
    if (n >= upTo) return false;
    applyProcessMemoryEvent(state, ev.kind, n, ev.a, ev.b);
    return true;
  });
  return state;
}

/** Pages to MiB, as memory_profiler shows memory. */
export function pagesToMiB(pages: number): number {
  return pages / 256;
}
