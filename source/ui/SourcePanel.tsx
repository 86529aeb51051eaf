/** The scenario's source with line numbers; the line being executed is marked ▶. */
import { Box, Text } from 'ink';
import { useTheme } from './use-theme.js';
import { printable, truncate } from './format.js';

type Props = {
  /** The scenario's lines. */
  readonly lines: readonly string[];
  /** Line being executed (1-based; 0 before the first line). */
  readonly current: number;
  /** Inner size of the panel. */
  readonly width: number;
  readonly height: number;
  /** Lines scrolled away from following the current line (negative: up). */
  readonly scroll: number;
};

/** First line shown (0-based): the current line a third down the panel, plus the scroll. */
export function sourceTop(total: number, current: number, height: number, scroll: number): number {
  const follow = Math.max(0, current - 1 - Math.floor(height / 3));
  return Math.max(0, Math.min(Math.max(0, total - height), follow + scroll));
}

export function SourcePanel({ lines, current, width, height, scroll }: Props) {
  const theme = useTheme();
  const top = sourceTop(lines.length, current, height, scroll);
  const digits = String(lines.length).length;
  const shown = lines.slice(top, top + height);
  return (
    <Box flexDirection="column">
      {shown.map((text, i) => {
        const n = top + i + 1;
        const here = n === current;
        const body = truncate(printable(text), Math.max(0, width - digits - 2));
        return (
          <Text key={n} wrap="truncate">
            <Text color={here ? theme.accent : theme.muted} bold={here}>
              {(here ? '▶' : ' ') + String(n).padStart(digits)}
            </Text>
            <Text inverse={here} bold={here}>{' ' + body}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
