/**
 * One event in words, for the dashboard's event list and for people reading a log:
 * "gc: generation 2 collected 2 of 2 unreachable", "Node #2301 .next -> #2302".
 * `name` renders an object (the dashboard passes one that knows types); by default
 * objects are their serials.
 */
import { AllocFlags, COLLECTOR_PHASE_NAMES, EventKind, OUTSIDE_COLLECTION, assertNever, formatSlot, type CollectorPhase } from './kinds.js';
import type { LogReader, StringTable } from './log.js';

/** A decoded event (a LogReader is one). */
export type DecodedEvent = Pick<LogReader, 'kind' | 'a' | 'b' | 'c' | 'd' | 'e' | 'f'>;

const GENERATION_NAMES = ['0', '1', '2', 'permanent'];

function generations(mask: number): string {
  const out: string[] = [];
  for (let g = 0; g < 4; g++) if (mask & (1 << g)) out.push(GENERATION_NAMES[g]!);
  return out.join(', ');
}

function hex(address: number): string {
  return `0x${address.toString(16).padStart(12, '0')}`;
}

function quote(text: string, max = 60): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(shown);
}

export function describeEvent(r: DecodedEvent, strings: StringTable, name: (serial: number) => string = (s) => `#${s}`): string {
  const str = (id: number) => strings.get(id);
  const kind = r.kind;
  switch (kind) {
    case EventKind.Allocated: {
      const flags = r.f;
      const notes = [flags & AllocFlags.Static ? 'at start-up' : '', flags & AllocFlags.Tracked ? 'tracked by gc' : ''].filter(Boolean);
      return `${str(r.b)} ${name(r.a)} allocated: ${r.c} bytes at ${hex(r.e * 2 ** 32 + r.d)}${notes.length ? ` (${notes.join(', ')})` : ''}`;
    }
    case EventKind.Freed:
      return `${name(r.a)} freed`;
    case EventKind.FreedToFreeList:
      return `${name(r.a)} freed (its memory kept on a free list)`;
    case EventKind.Resized:
      return `${name(r.a)} resized to ${r.b} bytes`;
    case EventKind.Incref:
      return `${name(r.a)} refcount +1`;
    case EventKind.Decref:
      return `${name(r.a)} refcount -1`;
    case EventKind.RefcountSet:
      return `${name(r.a)} refcount set to ${r.b}`;
    case EventKind.RefAdded:
      return `${name(r.a)} ${formatSlot(r.c, str)} -> ${name(r.b)}`;
    case EventKind.RefRemoved:
      return `${name(r.a)} ${formatSlot(r.c, str)} no longer -> ${name(r.b)}`;
    case EventKind.ItemsShifted:
      return `${name(r.a)} items from [${r.b}] move by ${r.c | 0}`;
    case EventKind.LineStarted:
      return `line ${r.a} starts (frame ${name(r.b)})`;
    case EventKind.FrameCreated:
      return `frame ${name(r.a)} created for ${str(r.b)}`;
    case EventKind.FrameEntered:
      return `frame ${name(r.a)} entered${r.b ? ` (called from ${name(r.b)})` : ''}`;
    case EventKind.FrameExited:
      return `frame ${name(r.a)} exited`;
    case EventKind.FrameReleased:
      return `frame ${name(r.a)} released its locals`;
    case EventKind.Output:
      return `${r.a === 2 ? 'stderr' : 'stdout'}: ${quote(str(r.b))}`;
    case EventKind.ExceptionRaised:
      return `${str(r.a)}${str(r.b) ? `: ${str(r.b)}` : ''} raised`;
    case EventKind.TypeNamed:
      return `${name(r.a)} is class ${str(r.b)}`;
    case EventKind.GcTracked:
      return `${name(r.a)} tracked by gc (generation 0)`;
    case EventKind.GcUntracked:
      return `${name(r.a)} no longer tracked by gc`;
    case EventKind.GcCounts:
      return `gc counts set to ${r.b}, ${r.c}, ${r.d}${r.a === OUTSIDE_COLLECTION ? '' : ` (collecting generation ${r.a})`}`;
    case EventKind.GcSettings:
      return `gc ${r.a ? 'enabled' : 'disabled'}, thresholds ${r.b}, ${r.c}, ${r.d}`;
    case EventKind.GenerationsMerged:
      return `gc: generation ${generations(r.b)} joins generation ${GENERATION_NAMES[r.a] ?? r.a}`;
    case EventKind.CollectionStarted:
      return `gc: collecting generation ${r.a} (counts ${r.b}, ${r.c}, ${r.d})`;
    case EventKind.Unreachable:
      return `gc: ${name(r.a)} is unreachable`;
    case EventKind.FinalizerRun:
      return `${name(r.a)}: finalizer (__del__) runs`;
    case EventKind.WeakrefCleared:
      return `weakref ${name(r.a)} to ${name(r.b)} cleared`;
    case EventKind.CallbackRun:
      return `weakref ${name(r.a)}: callback runs`;
    case EventKind.CollectionEnded:
      return `gc: generation ${r.a} done: ${r.b} collected, ${r.c} uncollectable`;
    case EventKind.GcPhase:
      return `gc: ${COLLECTOR_PHASE_NAMES[r.a as CollectorPhase] ?? `phase ${r.a}`} (${r.b} object${r.b === 1 ? '' : 's'})`;
    case EventKind.GcRefs:
      return `gc: ${name(r.a)} has ${r.b} reference${r.b === 1 ? '' : 's'} from outside the collected generations`;
    case EventKind.Resurrected:
      return `gc: ${name(r.a)} resurrected by a finalizer (survives)`;
    case EventKind.GcCleared:
      return r.b ? `gc: ${name(r.a)} saved in gc.garbage` : `gc: ${name(r.a)} cleared (tp_clear)`;
    case EventKind.GcMoved:
      return `${name(r.a)} moved to generation ${GENERATION_NAMES[r.b] ?? r.b}`;
    case EventKind.ProcessMemory:
      return `process memory: ${(r.a / 256).toFixed(1)} MiB, ${r.b} arena${r.b === 1 ? '' : 's'}`;
    case EventKind.ProfileFunction:
      return `memory_profiler: table ${r.a} for ${str(r.b)} lines ${r.c}-${r.d}`;
    case EventKind.ProfileSample:
      return `memory_profiler: table ${r.a} line ${r.b} at ${(r.d / 256).toFixed(1)} MiB`;
    case EventKind.ProfileReported:
      return `memory_profiler: table ${r.a} printed`;
    default:
      return assertNever(kind);
  }
}
