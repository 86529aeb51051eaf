/**
 * The program's output interleaved with notable events (collections, finalizers, weakref
 * callbacks, exceptions, what the session did), newest at the bottom.
 */
import { Box, Text } from 'ink';
import { useTheme } from './use-theme.js';
import type { Theme } from './theme.js';
import { printable, truncate } from './format.js';
import type { LogEntry, LogEntryKind } from './views.js';

type Props = {
  readonly entries: readonly LogEntry[];
  /** Inner size of the panel. */
  readonly width: number;
  readonly height: number;
  /** Lines scrolled up from the newest. */
  readonly scroll: number;
};

const MARK: Record<LogEntryKind, string> = {
  stdout: '',
  stderr: '',
  collection: '♻ ',
  finalizer: '✝ ',
  weakref: '⇢ ',
  exception: '! ',
  session: '• ',
  error: '✗ ',
};

function colorOf(kind: LogEntryKind, theme: Theme): string | undefined {
  switch (kind) {
    case 'stdout':
      return undefined;
    case 'stderr':
    case 'error':
    case 'exception':
      return theme.error;
    case 'collection':
      return theme.good;
    case 'finalizer':
    case 'weakref':
      return theme.cycle;
    case 'session':
      return theme.accent;
  }
}

/** The first entry shown, for `scroll` lines up from the bottom. */
export function outputTop(total: number, height: number, scroll: number): number {
  const bottom = Math.max(0, total - height);
  return Math.max(0, bottom - Math.max(0, scroll));
}

export function OutputPanel({ entries, width, height, scroll }: Props) {
  const theme = useTheme();
  if (entries.length === 0) return <Text color={theme.muted}>(no output yet)</Text>;
  const top = outputTop(entries.length, height, scroll);
  return (
    <Box flexDirection="column">
      {entries.slice(top, top + height).map((e, i) => (
        <Text key={top + i} wrap="truncate" color={colorOf(e.kind, theme)}>
          {truncate(MARK[e.kind] + printable(e.text), width)}
        </Text>
      ))}
    </Box>
  );
}
