/**
 * Which line starts are stops: where a step goes and the speed counts lines. They are the
 * main script's lines, except those of code that runs inside the line holding it.
 *
 * A live session learns where a line is from the runtime (a frame's code, session/
 * runtime-worker.ts). A recording has only the log, where the main script's frames are
 * those sharing its globals, the globals of the first line's frame (heapscope's library
 * modules written in Python each have their own).
 */
import type { EventLog } from '../events/log.js';
import { EventKind } from '../events/kinds.js';

/**
 * Comprehensions, generator expressions and lambdas are functions of their own in CPython
 * 3.11, with a line start for every item on the line that holds them: stepping through
 * `[n * n for n in range(200_000)]` would take 200,000 steps on one line. They run inside
 * that line instead, as a reader sees it. `name` is a code's name or qualified name.
 */
export function runsInsideItsLine(name: string): boolean {
  return INLINE_CODE.has(name.slice(name.lastIndexOf('.') + 1));
}

const INLINE_CODE = new Set(['<listcomp>', '<setcomp>', '<dictcomp>', '<genexpr>', '<lambda>']);

/**
 * Append the run [first, end) to sorted runs of line starts, joining it to the last run
 * when they touch (stops are kept, sent and received in this form).
 */
export function addRun(runs: number[], first: number, end: number): void {
  const n = runs.length;
  if (n > 0 && runs[n - 1] === first) runs[n - 1] = end;
  else runs.push(first, end);
}

/** Line starts (ordinals among the log's LineStarted events) as sorted runs [first, end). */
export function mainScriptLines(log: EventLog): number[] {
  const runs: number[] = [];
  /** Globals of the frames created before the first line (its frame among them), -1 for inline code. */
  const early = new Map<number, number>();
  /** Live frames of the main script, once its globals are known. */
  const mainFrames = new Set<number>();
  let mainGlobals = -1;
  let j = 0;
  log.forEach((ev) => {
    switch (ev.kind) {
      case EventKind.FrameCreated: {
        const globals = runsInsideItsLine(log.strings.get(ev.b)) ? -1 : ev.d;
        if (mainGlobals < 0) early.set(ev.a, globals);
        else if (globals === mainGlobals) mainFrames.add(ev.a);
        break;
      }
      case EventKind.FrameReleased:
        mainFrames.delete(ev.a);
        break;
      case EventKind.LineStarted:
        if (mainGlobals < 0) {
          mainGlobals = early.get(ev.b) ?? 0;
          for (const [frame, globals] of early) if (globals === mainGlobals) mainFrames.add(frame);
          early.clear();
        }
        if (mainFrames.has(ev.b)) addRun(runs, j, j + 1);
        j++;
        break;
    }
  });
  return runs;
}
