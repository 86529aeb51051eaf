/**
 * The session's state as the dashboard sees it, and the reducer that folds what happened
 * (worker reports, key commands) into it. Pure: the same events give the same state.
 */
import type { HostMessage } from './runtime-host.js';
import type { OutputChunk } from './protocol.js';
import { DEFAULT_SPEED } from './speed.js';

/** What the program is doing. */
export type RunState = 'starting' | 'running' | 'paused' | 'finished' | 'exited' | 'crashed';

/** A point of the program: an event number and the line being executed there. */
export type Position = {
  /** Events in the log up to this point. */
  readonly event: number;
  /** Line number in the scenario (0 before the first line). */
  readonly line: number;
  /** Qualified name of the running code ('<module>' at top level). */
  readonly scope: string;
};

export type NoticeKind = 'collection' | 'finished' | 'exited' | 'error' | 'info';

/** A notable thing the session itself did or saw, for the events log. */
export type Notice = { readonly event: number; readonly kind: NoticeKind; readonly text: string };

/** One line of program output (the last one may still be open). */
export type OutputLine = {
  readonly stream: 1 | 2;
  readonly text: string;
  /** Event number when the line began. */
  readonly event: number;
  /** False while the program has not written the line's newline yet. */
  readonly complete: boolean;
};

export type SessionState = {
  /** The scenario's name as shown in the status bar. */
  readonly file: string;
  readonly status: RunState;
  /** Index into SPEEDS. */
  readonly speed: number;
  /** Where the runtime is. */
  readonly live: Position;
  /** Line starts executed. */
  readonly lines: number;
  /** Event number being viewed, or null to follow the live end. */
  readonly cursor: number | null;
  /** Points the cursor can step back to, by increasing event number. */
  readonly stops: readonly Position[];
  readonly output: readonly OutputLine[];
  readonly notices: readonly Notice[];
  /** The program's exit code, once its main module has finished. */
  readonly exitCode: number | null;
  /** Why the runtime crashed (a heapscope bug), if it did. */
  readonly error: string | null;
  /** Incremented by each restart. */
  readonly run: number;
};

export type SessionEvent =
  | HostMessage
  | { readonly type: 'speed-changed'; readonly speed: number }
  | { readonly type: 'cursor-moved'; readonly cursor: number | null }
  | { readonly type: 'restarted' };

/** Output lines and notices kept (older ones scroll away). */
export const MAX_OUTPUT_LINES = 2000;
export const MAX_NOTICES = 500;
export const MAX_STOPS = 100_000;

const START: Position = { event: 0, line: 0, scope: '<module>' };

export function initialSessionState(file: string, speed = DEFAULT_SPEED): SessionState {
  return {
    file,
    status: 'starting',
    speed,
    live: START,
    lines: 0,
    cursor: null,
    stops: [],
    output: [],
    notices: [],
    exitCode: null,
    error: null,
    run: 0,
  };
}

export function sessionReducer(state: SessionState, ev: SessionEvent): SessionState {
  switch (ev.type) {
    case 'speed-changed':
      return { ...state, speed: ev.speed };
    case 'cursor-moved':
      return { ...state, cursor: ev.cursor };
    case 'restarted':
      return { ...initialSessionState(state.file, state.speed), run: state.run + 1 };
    case 'stray':
      return notice(state, 'info', `runtime: ${ev.text.trimEnd()}`);
    case 'progress':
      return advance(state, ev, state.status === 'starting' ? 'running' : state.status);
    case 'resumed':
      return advance(state, ev, 'running');
    case 'paused':
      return advance(state, ev, 'paused');
    case 'collected': {
      // The position before the collection is a stop too: stepping back shows the heap
      // as it was just before the key was pressed.
      const before = withStop(state, { ...state.live, event: ev.before });
      const next = advance(before, ev, state.status);
      return notice({ ...next, cursor: null }, 'collection', `gc.collect(${ev.generation}) by key → ${ev.found} unreachable`);
    }
    case 'finished':
      return notice(
        { ...advance(state, ev, 'finished'), exitCode: ev.exitCode },
        'finished',
        `program finished (exit code ${ev.exitCode}); n or space shuts the interpreter down`,
      );
    case 'exited':
      return notice({ ...advance(state, ev, 'exited'), exitCode: ev.exitCode }, 'exited', `interpreter shut down (exit code ${ev.exitCode})`);
    case 'crashed':
      return notice({ ...advance(state, ev, 'crashed'), error: ev.message }, 'error', ev.message);
  }
}

/** Fold a worker report: position, output, run state, a new stop. */
function advance(state: SessionState, f: Extract<HostMessage, { events: number }>, status: RunState): SessionState {
  const known = f.events >= 0;
  const live: Position = known ? { event: f.events, line: f.line, scope: f.scope } : state.live;
  const next: SessionState = {
    ...state,
    status,
    live,
    lines: known ? f.lines : state.lines,
    output: f.output.length ? appendOutput(state.output, f.output, live.event) : state.output,
  };
  return known && live.line > 0 ? withStop(next, live) : next;
}

function withStop(state: SessionState, p: Position): SessionState {
  const stops = state.stops;
  const last = stops[stops.length - 1];
  if (last && last.event >= p.event) return state;
  const kept = stops.length >= MAX_STOPS ? stops.slice(stops.length - MAX_STOPS + 1) : stops;
  return { ...state, stops: [...kept, p] };
}

function notice(state: SessionState, kind: NoticeKind, text: string): SessionState {
  const notices = [...state.notices, { event: state.live.event, kind, text }];
  return { ...state, notices: notices.length > MAX_NOTICES ? notices.slice(-MAX_NOTICES) : notices };
}

/** Append output chunks, splitting them into lines. */
export function appendOutput(lines: readonly OutputLine[], chunks: readonly OutputChunk[], event: number): readonly OutputLine[] {
  const out = lines.slice();
  for (const { stream, text } of chunks) {
    const parts = text.split('\n');
    parts.forEach((part, i) => {
      const complete = i < parts.length - 1;
      if (i === parts.length - 1 && part === '') return;
      const last = out[out.length - 1];
      if (i === 0 && last && !last.complete && last.stream === stream) {
        out[out.length - 1] = { stream, text: last.text + part, event: last.event, complete };
      } else out.push({ stream, text: part, event, complete });
    });
  }
  return out.length > MAX_OUTPUT_LINES ? out.slice(out.length - MAX_OUTPUT_LINES) : out;
}

/** The position shown: the live end, or the stop at the cursor. */
export function viewedPosition(state: SessionState): Position {
  if (state.cursor === null) return state.live;
  return stopAtOrBefore(state.stops, state.cursor) ?? START;
}

/** The last stop at or before `event` (binary search). */
export function stopAtOrBefore(stops: readonly Position[], event: number): Position | null {
  let lo = 0;
  let hi = stops.length - 1;
  let found: Position | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = stops[mid]!;
    if (s.event <= event) {
      found = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The cursor one stop earlier than the one shown (null: nothing earlier). */
export function cursorBack(state: SessionState): number | null {
  const at = state.cursor ?? state.live.event;
  const prev = stopAtOrBefore(state.stops, at - 1);
  return prev ? prev.event : null;
}

/** The cursor one stop later (null: back at the live end). */
export function cursorForward(state: SessionState): number | null {
  if (state.cursor === null) return null;
  const at = state.cursor;
  const next = state.stops.find((s) => s.event > at);
  return next && next.event < state.live.event ? next.event : null;
}
