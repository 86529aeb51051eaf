/**
 * The loader `heapscope replay` and the dashboard use: a record file becomes its log and
 * the time travel over it (projections at any event), read-only.
 *
 *     const replay = await openRecording('session.jsonl');   // throws RecordingError
 *     const p = replay.timeTravel.seekLine(10);               // the heap at line 10
 *     replay.header.source;                                   // the program's text
 */
import { readRecording, type Recording } from '../events/record-file.js';
import { TimeTravel } from './time-travel.js';

export type Replay = Recording & { timeTravel: TimeTravel };

export async function openRecording(path: string): Promise<Replay> {
  const recording = await readRecording(path);
  return { ...recording, timeTravel: new TimeTravel(recording.log) };
}
