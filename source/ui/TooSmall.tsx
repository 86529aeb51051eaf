/** Shown instead of the dashboard when the terminal is smaller than the layout needs. */
import { Box, Text } from 'ink';
import { MIN_COLUMNS, MIN_ROWS } from './layout.js';

type Props = { readonly columns: number; readonly rows: number };

export function TooSmall({ columns, rows }: Props) {
  return (
    <Box flexDirection="column">
      <Text wrap="wrap">
        Terminal too small: {columns}×{rows}.
      </Text>
      <Text wrap="wrap">
        heapscope needs at least {MIN_COLUMNS}×{MIN_ROWS}.
      </Text>
      <Text wrap="wrap">Make the window larger, or press q to quit.</Text>
    </Box>
  );
}
