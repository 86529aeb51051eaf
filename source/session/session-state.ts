/**
 * The session's state as the dashboard sees it, and the reducer that folds what happened
 * (worker reports, key commands) into it. Pure: the same events give the same state.
 */
import type { HostMessage } from './runtime-host.js';
import { DEFAULT_SPEED } from './speed.js';
import type { AllocatorView } from '../runtime/heap/allocator-view.js';

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

/** Events [before, after) of a gc.collect() asked for by a key. */
export type KeyCollection = { readonly generation: number; readonly before: number; readonly after: number };

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
  /** Event count being viewed (the projection before that event), or null: the live end. */
  readonly cursor: number | null;
  readonly notices: readonly Notice[];
  /** Collections run by keys, in order. */
  readonly keyCollections: readonly KeyCollection[];
  /** The program's exit code, once its main module has finished. */
  readonly exitCode: number | null;
  /** Why the runtime crashed (a heapscope bug), if it did. */
  readonly error: string | null;
  /** Incremented by each restart. */
  readonly run: number;
  /** Events folded into the session's timeline (what can be shown). */
  readonly folded: number;
  /** The allocator's arenas and pools as last reported, and the event count then. */
  readonly allocator: { readonly event: number; readonly view: AllocatorView } | null;
};

export type SessionEvent =
  | HostMessage
  | { readonly type: 'speed-changed'; readonly speed: number }
  | { readonly type: 'cursor-moved'; readonly cursor: number | null }
  | { readonly type: 'restarted' }
  | { readonly type: 'folded'; readonly end: number };

/** Notices kept (older ones scroll away). */
export const MAX_NOTICES = 500;

const START: Position = { event: 0, line: 0, scope: '<module>' };

export function initialSessionState(file: string, speed = DEFAULT_SPEED): SessionState {
  return {
    file,
    status: 'starting',
    speed,
    live: START,
    lines: 0,
    cursor: null,
    notices: [],
    keyCollections: [],
    exitCode: null,
    error: null,
    run: 0,
    folded: 0,
    allocator: null,
  };
}

export function sessionReducer(state: SessionState, ev: SessionEvent): SessionState {
  switch (ev.type) {
    case 'speed-changed':
      return { ...state, speed: ev.speed };
    case 'cursor-moved':
      return { ...state, cursor: ev.cursor };
    case 'folded':
      return ev.end === state.folded ? state : { ...state, folded: ev.end };
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
      const next = advance(state, ev, state.status);
      const k: KeyCollection = { generation: ev.generation, before: ev.before, after: ev.events };
      return { ...next, cursor: null, keyCollections: [...state.keyCollections, k] };
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

/** Fold a worker report: position and run state. */
function advance(state: SessionState, f: Extract<HostMessage, { events: number }>, status: RunState): SessionState {
  const known = f.events >= 0;
  return {
    ...state,
    status,
    live: known ? { event: f.events, line: f.line, scope: f.scope } : state.live,
    lines: known ? f.lines : state.lines,
    allocator: known && f.allocator ? { event: f.events, view: f.allocator } : state.allocator,
  };
}

function notice(state: SessionState, kind: NoticeKind, text: string): SessionState {
  const notices = [...state.notices, { event: state.live.event, kind, text }];
  return { ...state, notices: notices.length > MAX_NOTICES ? notices.slice(-MAX_NOTICES) : notices };
}
