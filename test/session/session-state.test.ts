/** The session reducer: output lines, stops, the cursor. */
import { describe, expect, it } from 'vitest';
import { appendOutput, cursorBack, cursorForward, initialSessionState, sessionReducer, viewedPosition, type SessionState } from '../../source/session/session-state.js';
import type { Flush } from '../../source/session/protocol.js';

const flush = (events: number, line: number, output: Flush['output'] = []): Flush => ({ events, line, scope: '<module>', lines: line, output });

function run(...events: Parameters<typeof sessionReducer>[1][]): SessionState {
  return events.reduce(sessionReducer, initialSessionState('t.py'));
}

describe('session state', () => {
  it('splits output into lines, joining a line written in pieces', () => {
    const a = appendOutput([], [{ stream: 1, text: 'one\ntw' }], 5);
    const b = appendOutput(a, [{ stream: 1, text: 'o\nthree' }, { stream: 2, text: 'err\n' }], 9);
    expect(b.map((l) => [l.text, l.complete, l.event, l.stream])).toEqual([
      ['one', true, 5, 1],
      ['two', true, 5, 1],
      ['three', false, 9, 1],
      ['err', true, 9, 2],
    ]);
  });

  it('records a stop at every report and steps the cursor through them', () => {
    const s = run(
      { type: 'paused', reason: 'start', ...flush(10, 1) },
      { type: 'paused', reason: 'step', ...flush(20, 2) },
      { type: 'paused', reason: 'step', ...flush(30, 3) },
    );
    expect(s.stops.map((p) => p.line)).toEqual([1, 2, 3]);
    const back1 = sessionReducer(s, { type: 'cursor-moved', cursor: cursorBack(s) });
    expect(viewedPosition(back1).line).toBe(2);
    const back2 = sessionReducer(back1, { type: 'cursor-moved', cursor: cursorBack(back1) });
    expect(viewedPosition(back2).line).toBe(1);
    expect(cursorBack(back2)).toBeNull();
    const fwd = sessionReducer(back2, { type: 'cursor-moved', cursor: cursorForward(back2) });
    expect(viewedPosition(fwd).line).toBe(2);
    expect(cursorForward(sessionReducer(fwd, { type: 'cursor-moved', cursor: cursorForward(fwd) }))).toBeNull();
  });

  it('keeps the point before a key collection as a stop, and returns to the live end', () => {
    const s = run(
      { type: 'paused', reason: 'step', ...flush(30, 27) },
      { type: 'cursor-moved', cursor: 10 },
      { type: 'collected', generation: 2, found: 2, before: 30, ...flush(60, 27) },
    );
    expect(s.cursor).toBeNull();
    expect(s.notices.at(-1)!.text).toBe('gc.collect(2) by key → 2 unreachable');
    expect(cursorBack(s)).toBe(30);
  });

  it('keeps what it knew when a crash reports nothing', () => {
    const s = run({ type: 'paused', reason: 'step', ...flush(30, 3) }, { type: 'crashed', message: 'boom', ...flush(-1, -1) });
    expect(s.status).toBe('crashed');
    expect(s.live.event).toBe(30);
    expect(s.error).toBe('boom');
  });
});
