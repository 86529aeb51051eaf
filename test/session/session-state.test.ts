/** The session reducer: run state, key collections, notices. */
import { describe, expect, it } from 'vitest';
import { initialSessionState, sessionReducer, type SessionState } from '../../source/session/session-state.js';
import type { Flush } from '../../source/session/protocol.js';

const flush = (events: number, line: number): Flush => ({ events, line, scope: '<module>', lines: line, output: [], batch: null, stops: [] });

function run(...events: Parameters<typeof sessionReducer>[1][]): SessionState {
  return events.reduce(sessionReducer, initialSessionState('t.py'));
}

describe('session state', () => {
  it('follows the worker: starting, paused, running, finished, exited', () => {
    expect(run().status).toBe('starting');
    expect(run({ type: 'paused', reason: 'start', ...flush(10, 1) })).toMatchObject({ status: 'paused', live: { event: 10, line: 1 } });
    expect(run({ type: 'paused', reason: 'start', ...flush(10, 1) }, { type: 'resumed', ...flush(10, 1) }).status).toBe('running');
    const done = run({ type: 'finished', exitCode: 1, ...flush(50, 9) });
    expect(done).toMatchObject({ status: 'finished', exitCode: 1 });
    expect(done.notices.at(-1)).toMatchObject({ kind: 'finished', event: 50 });
    expect(sessionReducer(done, { type: 'exited', exitCode: 1, ...flush(70, 9) }).status).toBe('exited');
  });

  it('remembers the events of a key collection and returns to the live end', () => {
    const s = run(
      { type: 'paused', reason: 'step', ...flush(30, 27) },
      { type: 'cursor-moved', cursor: 10 },
      { type: 'collected', generation: 2, found: 2, before: 30, ...flush(60, 27) },
    );
    expect(s.cursor).toBeNull();
    expect(s.keyCollections).toEqual([{ generation: 2, before: 30, after: 60 }]);
    expect(s.status).toBe('paused');
  });

  it('keeps what it knew when a crash reports nothing', () => {
    const s = run({ type: 'paused', reason: 'step', ...flush(30, 3) }, { type: 'crashed', message: 'boom', ...flush(-1, -1) });
    expect(s.status).toBe('crashed');
    expect(s.live.event).toBe(30);
    expect(s.error).toBe('boom');
    expect(s.notices.at(-1)).toMatchObject({ kind: 'error', text: 'boom' });
  });

  it('restarts with a clean state, keeping the speed', () => {
    const s = run({ type: 'speed-changed', speed: 7 }, { type: 'paused', reason: 'start', ...flush(30, 3) }, { type: 'restarted' });
    expect(s).toMatchObject({ status: 'starting', speed: 7, run: 1, live: { event: 0 } });
  });
});
