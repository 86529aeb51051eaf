/** The bottom line: the main keys, from the key map. */
import { Text } from 'ink';
import { useTheme } from './use-theme.js';
import { KEYMAP } from './keymap.js';
import { truncate } from './format.js';

type Props = {
  readonly width: number;
  /** Replaying: leave out the keys that change the program. */
  readonly replay: boolean;
};

/** "space run/pause · n step · …" for the bindings that have a hint. */
export function keyHints(replay: boolean): string {
  return KEYMAP.filter((b) => b.hint && !(replay && b.live))
    .map((b) => `${b.keys[0]!.label} ${b.hint}`)
    .join(' · ');
}

export function KeyHints({ width, replay }: Props) {
  const theme = useTheme();
  return (
    <Text wrap="truncate" color={theme.muted}>
      {truncate(' ' + keyHints(replay), width)}
    </Text>
  );
}
