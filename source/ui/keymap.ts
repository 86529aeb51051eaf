/**
 * The one key map: every command the dashboard understands and the keys that give it.
 * The input handler (use-keymap.ts), the help overlay and the key hints in the status
 * bar all read this table, so they cannot disagree.
 */
import type { Key } from 'ink';

export type Command =
  | 'run-pause'
  | 'step'
  | 'step-over'
  | 'step-back'
  | 'faster'
  | 'slower'
  | 'collect'
  | 'collect-generation'
  | 'focus-next'
  | 'focus-prev'
  | 'up'
  | 'down'
  | 'page-up'
  | 'page-down'
  | 'follow'
  | 'back'
  | 'sort'
  | 'heap-mode'
  | 'restart'
  | 'help'
  | 'close-help'
  | 'quit';

/** Names of the special keys Ink reports as flags. */
type SpecialKey = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'return' | 'escape' | 'tab' | 'backspace' | 'delete';

/** One key: a typed character, or a special key, with modifiers. */
export type KeyChord = {
  readonly input?: string;
  readonly special?: SpecialKey;
  readonly ctrl?: boolean;
  readonly shift?: boolean;
  /** How the help overlay writes it. */
  readonly label: string;
};

export type Binding = {
  readonly command: Command;
  readonly keys: readonly KeyChord[];
  /** What it does, for the help overlay. */
  readonly help: string;
  /** Short form for the status bar's key hints (absent: only in the help overlay). */
  readonly hint?: string;
  /** Allowed while the help overlay is open. */
  readonly inHelp?: boolean;
  /** Changes the program, so not available when replaying a recording. */
  readonly live?: boolean;
};

const key = (input: string, label = input): KeyChord => ({ input, label });
const special = (name: SpecialKey, label: string, shift = false): KeyChord => ({ special: name, label, shift });

export const KEYMAP: readonly Binding[] = [
  { command: 'run-pause', keys: [key(' ', 'space')], help: 'run / pause', hint: 'run/pause' },
  { command: 'step', keys: [key('n'), special('rightArrow', '→')], help: 'step one line (into calls)', hint: 'step' },
  { command: 'step-over', keys: [key('o')], help: 'step over calls' },
  { command: 'step-back', keys: [special('leftArrow', '←')], help: 'step back (time travel)', hint: 'back' },
  { command: 'faster', keys: [key('+'), key('=')], help: 'run faster', hint: 'speed' },
  { command: 'slower', keys: [key('-'), key('_')], help: 'run slower' },
  { command: 'collect', keys: [key('g')], help: 'gc.collect() at this line', hint: 'gc.collect()', live: true },
  { command: 'collect-generation', keys: [key('0'), key('1'), key('2')], help: 'gc.collect(n): generation n', hint: 'collect gen', live: true },
  { command: 'focus-next', keys: [special('tab', 'tab')], help: 'focus the next panel', hint: 'focus' },
  { command: 'focus-prev', keys: [special('tab', 'shift-tab', true)], help: 'focus the previous panel' },
  { command: 'up', keys: [special('upArrow', '↑'), key('k')], help: 'up in the panel' },
  { command: 'down', keys: [special('downArrow', '↓'), key('j')], help: 'down in the panel' },
  { command: 'page-up', keys: [special('pageUp', 'PgUp')], help: 'page up' },
  { command: 'page-down', keys: [special('pageDown', 'PgDn')], help: 'page down' },
  { command: 'follow', keys: [special('return', 'enter')], help: 'graph: follow the reference' },
  { command: 'back', keys: [special('backspace', 'backspace'), special('delete', 'backspace')], help: 'graph: back to the last object' },
  { command: 'sort', keys: [key('s')], help: 'heap: sort by the next column' },
  { command: 'heap-mode', keys: [key('a')], help: 'heap: types / allocator (arenas, pools)' },
  { command: 'restart', keys: [key('r')], help: 'restart the program', live: true },
  { command: 'help', keys: [key('?')], help: 'show / hide this help', hint: 'help', inHelp: true },
  { command: 'close-help', keys: [special('escape', 'esc')], help: 'close this help', inHelp: true },
  { command: 'quit', keys: [key('q'), { input: 'c', ctrl: true, label: 'ctrl-c' }], help: 'quit', hint: 'quit', inHelp: true },
];

function matches(chord: KeyChord, input: string, k: Key): boolean {
  if (chord.special !== undefined) return k[chord.special] && Boolean(chord.shift) === k.shift;
  if (Boolean(chord.ctrl) !== k.ctrl) return false;
  return input === chord.input;
}

/** The command a key press means, or null. */
export function commandFor(input: string, k: Key): Command | null {
  for (const b of KEYMAP) if (b.keys.some((c) => matches(c, input, k))) return b.command;
  return null;
}

export function bindingOf(command: Command): Binding {
  return KEYMAP.find((b) => b.command === command)!;
}

/** "space", "n/→": the keys of a binding as the help overlay shows them. */
export function keysLabel(b: Binding): string {
  return b.keys.map((k) => k.label).filter((l, i, all) => all.indexOf(l) === i).join('/');
}
