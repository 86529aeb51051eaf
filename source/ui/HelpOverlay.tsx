/** Every key and what it does, straight from the key map, and what the marks mean. */
import { Box, Text } from 'ink';
import { useTheme } from './use-theme.js';
import { KEYMAP, keysLabel, type Binding } from './keymap.js';
import { truncate } from './format.js';

type Props = {
  readonly width: number;
  readonly height: number;
  /** Replaying: the keys that change the program are shown as unavailable. */
  readonly replay: boolean;
};

const LEGEND = [
  '▶ line being run   ⟲ in a reference cycle   ✗ unreachable, not yet collected',
  '→ reference   ⇢ weak reference   ← referrer   rc reference count   id(x) after @',
];

export function HelpOverlay({ width, height, replay }: Props) {
  const theme = useTheme();
  const inner = height - 2;
  // One column if every key fits, else two.
  const columns = KEYMAP.length + 1 <= inner ? 1 : 2;
  const perColumn = Math.ceil(KEYMAP.length / columns);
  const columnWidth = Math.floor((width - 4) / columns);
  const keyWidth = Math.max(...KEYMAP.map((b) => keysLabel(b).length)) + 1;
  const legendRows = inner - 1 - perColumn >= LEGEND.length + 1 ? LEGEND : [];
  const row = (b: Binding) => {
    const off = replay && b.live;
    return (
      <Text key={b.command} wrap="truncate" color={off ? theme.muted : undefined}>
        <Text bold>{keysLabel(b).padEnd(keyWidth)}</Text>
        {truncate(b.help + (off ? ' (not in a replay)' : ''), columnWidth - keyWidth - 1)}
      </Text>
    );
  };
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="double" borderColor={theme.focus} paddingX={1} overflow="hidden">
      <Text bold color={theme.accent}>
        Keys <Text color={theme.muted}>(? or esc closes this help)</Text>
      </Text>
      <Box flexDirection="row">
        {Array.from({ length: columns }, (_, c) => (
          <Box key={c} flexDirection="column" width={columnWidth}>
            {KEYMAP.slice(c * perColumn, (c + 1) * perColumn).map(row)}
          </Box>
        ))}
      </Box>
      {legendRows.length ? <Text> </Text> : null}
      {legendRows.map((l) => (
        <Text key={l} wrap="truncate" color={theme.muted}>
          {l}
        </Text>
      ))}
    </Box>
  );
}
