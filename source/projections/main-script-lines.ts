/**
 * Which line starts of a recorded run belong to the main script: the lines a replay steps
 * to, as a live session does. The live session learns it from the runtime (a frame's
 * code.filename, session/runtime-worker.ts); a recording has only the log, where the main
 * script's frames are those sharing its globals, the globals of the first line's frame
 * (heapscope's library modules written in Python each have their own).
 */
import type { EventLog } from '../events/log.js';
import { EventKind } from '../events/kinds.js';

/** Line starts (ordinals among the log's LineStarted events) as sorted runs [first, end). */
export function mainScriptLines(log: EventLog): number[] {
  const runs: number[] = [];
  /** Globals of the frames created before the first line (its frame among them). */
  const early = new Map<number, number>();
  /** Live frames of the main script, once its globals are known. */
  const mainFrames = new Set<number>();
  let mainGlobals = -1;
  let j = 0;
  log.forEach((ev) => {
    switch (ev.kind) {
      case EventKind.FrameCreated:
        if (mainGlobals < 0) early.set(ev.a, ev.d);
        else if (ev.d === mainGlobals) mainFrames.add(ev.a);
        break;
      case EventKind.FrameReleased:
        mainFrames.delete(ev.a);
        break;
      case EventKind.LineStarted:
        if (mainGlobals < 0) {
          mainGlobals = early.get(ev.b) ?? 0;
          for (const [frame, globals] of early) if (globals === mainGlobals) mainFrames.add(frame);
          early.clear();
        }
        if (mainFrames.has(ev.b)) {
          const n = runs.length;
          if (n > 0 && runs[n - 1] === j) runs[n - 1] = j + 1;
          else runs.push(j, j + 1);
        }
        j++;
        break;
    }
  });
  return runs;
}
