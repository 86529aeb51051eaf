/** The bottom line: the main keys, from the key map; help and quit are always shown. */
import { Text } from 'ink';
import { useTheme } from './use-theme.js';
import { KEYMAP, type Binding } from './keymap.js';
import { truncate } from './format.js';

type Props = {
  readonly width: number;
  /** Replaying: leave out the keys that change the program. */
  readonly replay: boolean;
};

const hint = (b: Binding) => `${b.keys[0]!.label} ${b.hint}`;
const ALWAYS = new Set(['help', 'quit']);

/** "space run/pause · n step · …" and "? help · q quit" for the bindings that have a hint. */
export function keyHints(replay: boolean): { main: string; always: string } {
  const shown = KEYMAP.filter((b) => b.hint && !(replay && b.live));
  return {
    main: shown.filter((b) => !ALWAYS.has(b.command)).map(hint).join(' · '),
    always: shown.filter((b) => ALWAYS.has(b.command)).map(hint).join(' · '),
  };
}

export function KeyHints({ width, replay }: Props) {
  const theme = useTheme();
  const { main, always } = keyHints(replay);
  const room = Math.max(0, width - always.length - 4);
  const left = main.length <= room ? main : truncate(main.slice(0, main.lastIndexOf(' · ', room)), room);
  return (
    <Text wrap="truncate" color={theme.muted}>
      {' ' + left + ' · ' + always}
    </Text>
  );
}
