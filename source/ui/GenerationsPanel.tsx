/**
 * The collector's generations: gen0/1/2 counts against their thresholds as bars, the
 * collections of each generation, the last collection's result.
 */
import { Box, Text } from 'ink';
import { useTheme } from './use-theme.js';
import { bar } from './sparkline.js';
import { formatCount } from './format.js';
import type { GenerationsView } from './views.js';

type Props = {
  readonly generations: GenerationsView;
  /** Inner width of the panel. */
  readonly width: number;
};

export function GenerationsPanel({ generations: g, width }: Props) {
  const theme = useTheme();
  const counts = g.generations.map((x) => `${formatCount(x.count)}/${formatCount(x.threshold)}`);
  const runs = g.generations.map((x) => `×${formatCount(x.collections)}`);
  const countWidth = Math.max(...counts.map((c) => c.length));
  const runWidth = Math.max(...runs.map((r) => r.length));
  const barWidth = Math.max(4, width - 5 - 1 - countWidth - 1 - runWidth);
  const last = g.last;
  return (
    <Box flexDirection="column">
      {g.generations.map((x, i) => {
        const b = bar(x.count, x.threshold, barWidth);
        const full = x.count >= x.threshold;
        return (
          <Text key={i} wrap="truncate">
            {`gen${i} `}
            <Text color={full ? theme.warn : theme.accent}>{b.filled}</Text>
            <Text color={theme.muted}>{b.empty}</Text>
            {' ' + counts[i]!.padStart(countWidth) + ' '}
            <Text color={theme.muted}>{runs[i]!.padStart(runWidth)}</Text>
          </Text>
        );
      })}
      {last ? (
        <>
          <Text wrap="truncate">
            last: <Text bold>generation {last.generation}</Text>
            <Text color={theme.muted}> · {formatCount(last.unreachable)} unreachable</Text>
          </Text>
          <Text wrap="truncate">
            <Text color={last.collected > 0 ? theme.good : undefined}>{formatCount(last.collected)} collected</Text>
            {' · '}
            <Text color={last.uncollectable > 0 ? theme.error : undefined}>{formatCount(last.uncollectable)} uncollectable</Text>
          </Text>
        </>
      ) : (
        <Text color={theme.muted}>no collection yet</Text>
      )}
      {g.enabled ? null : <Text color={theme.warn}>automatic collection off (gc.disable())</Text>}
    </Box>
  );
}
