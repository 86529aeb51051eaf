/** The top line: file, model, run state, speed, event number. */
import { Text } from 'ink';
import { useTheme } from './use-theme.js';
import { formatCount, truncate } from './format.js';
import { speedLabel } from '../session/speed.js';
import type { RunState } from '../session/session-state.js';

type Props = {
  readonly file: string;
  readonly status: RunState;
  /** Index into SPEEDS. */
  readonly speed: number;
  /** Event number shown (the cursor, or the live end). */
  readonly event: number;
  /** Events recorded so far. */
  readonly events: number;
  /** Looking at the past (the cursor is before the live end). */
  readonly history: boolean;
  /** Replaying a recording: nothing runs. */
  readonly replay: boolean;
  readonly width: number;
};

const STATE: Record<RunState, string> = {
  starting: '… starting',
  running: '▶ running',
  paused: '‖ paused',
  finished: '■ finished',
  exited: '■ exited',
  crashed: '✗ crashed',
};

export function StatusBar({ file, status, speed, event, events, history, replay, width }: Props) {
  const theme = useTheme();
  const state = replay ? '◆ replay' : history ? '◀ history' : STATE[status];
  const stateColor = status === 'crashed' ? theme.error : history ? theme.warn : status === 'running' ? theme.good : theme.accent;
  const where = history ? `event ${formatCount(event)} of ${formatCount(events)}` : `event ${formatCount(event)}`;
  const speedText = replay || status === 'exited' || status === 'crashed' ? '' : ` ${speedLabel(speed)}`;
  const right = `${state}${speedText} · ${where}`;
  // The program's name first; heapscope's own name only when there is room.
  const full = ` heapscope · ${file} · CPython 3.11 model · `;
  const left = full.length + right.length <= width ? full : ` ${file} · CPython 3.11 · `;
  return (
    <Text wrap="truncate" bold>
      {truncate(left, Math.max(0, width - right.length))}
      <Text color={stateColor}>{state}</Text>
      {speedText} · {where}
    </Text>
  );
}
