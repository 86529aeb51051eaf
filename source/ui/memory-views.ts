/**
 * The memory model's projections at the cursor, adapted for the Profiler panel and the
 * Allocator view: memory_profiler's tables (projections/profiler.ts) and the modelled
 * process memory (projections/process-memory.ts).
 *
 * Both folds read only their own events, which the log index lists (memoryModelEvent),
 * and carry on from the position asked for last: a running program or a step forward
 * folds just the new events; a step back folds again from the start.
 */
import { LogIndex } from '../projections/log-index.js';
import { applyProfilerEvent, profileRows, type ProfilerState } from '../projections/profiler.js';
import { applyProcessMemoryEvent, newProcessMemoryState, type ProcessMemoryState } from '../projections/process-memory.js';
import type { LogReader } from '../events/log.js';
import type { Timeline } from '../session/timeline.js';
import type { AllocatorPanelView, AllocatorView, ProfilerView } from './views.js';

const PAGE_BYTES = 4096;

export class MemoryFold {
  private profiles: ProfilerState = new Map();
  private memory: ProcessMemoryState = newProcessMemoryState();
  /** Entries of the index's memoryModelEvent folded so far. */
  private folded = 0;
  private reader: LogReader | null = null;

  constructor(private readonly timeline: Timeline) {}

  /** Fold up to (not including) event k. */
  private moveTo(k: number): void {
    const index = this.timeline.travel.index;
    const events = index.memoryModelEvent;
    const n = LogIndex.before(events, k);
    if (n < this.folded) {
      this.profiles = new Map();
      this.memory = newProcessMemoryState();
      this.folded = 0;
    }
    if (n === this.folded) return;
    const log = this.timeline.log;
    const reader = (this.reader ??= log.reader(0));
    const string = (id: number) => log.strings.get(id);
    for (let i = this.folded; i < n; i++) {
      const at = events.get(i);
      // Profile samples come in runs: most are the very next event.
      if (reader.n !== at) reader.seek(at);
      if (!reader.next()) break;
      if (!applyProfilerEvent(this.profiles, reader.kind, reader.a, reader.b, reader.c, reader.d, reader.e, string)) {
        applyProcessMemoryEvent(this.memory, reader.kind, at, reader.a, reader.b);
      }
    }
    this.folded = n;
  }

  /** memory_profiler's tables at event k, with the program's source for their rows. */
  profilerAt(k: number, sourceLines: readonly string[]): ProfilerView {
    this.moveTo(k);
    const functions = [...this.profiles.values()].map((t) => ({
      filename: t.filename,
      // Figures are copied: the fold goes on changing its own.
      rows: profileRows(t, sourceLines).map((r) => ({ ...r, figures: r.figures && { ...r.figures } })),
      running: t.running,
      reported: t.reported,
    }));
    return { functions };
  }

  /** The allocator view at event k; `detail` is the runtime's latest report of its pools. */
  allocatorAt(k: number, detail: { event: number; view: AllocatorView } | null): AllocatorPanelView {
    this.moveTo(k);
    const m = this.memory;
    return { rss: m.rssPages * PAGE_BYTES, peakRss: m.peakPages * PAGE_BYTES, arenas: m.arenas, detail };
  }
}
