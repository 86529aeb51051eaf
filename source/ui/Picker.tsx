/** The bundled scenarios to choose from when heapscope starts without a file. */
import { useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { useTheme } from './use-theme.js';
import { commandFor, keysLabel, bindingOf, type Command } from './keymap.js';
import { truncate } from './format.js';
import type { Scenario } from '../session/scenarios.js';

type Props = {
  readonly scenarios: readonly Scenario[];
  readonly width: number;
  readonly height: number;
  readonly onPick: (scenario: Scenario) => void;
  readonly onQuit: () => void;
};

/** The first key of a command, as the help overlay writes it. */
const first = (command: Command) => bindingOf(command).keys[0]!.label;

export function Picker({ scenarios, width, height, onPick, onQuit }: Props) {
  const theme = useTheme();
  const [selected, setSelected] = useState(0);
  useInput((input, key) => {
    switch (commandFor(input, key)) {
      case 'up':
        return setSelected((s) => Math.max(0, s - 1));
      case 'down':
        return setSelected((s) => Math.min(scenarios.length - 1, s + 1));
      case 'follow': {
        const s = scenarios[selected];
        if (s) onPick(s);
        return;
      }
      case 'quit':
        return onQuit();
      default:
        return;
    }
  });
  const chosen = scenarios[selected];
  const nameWidth = Math.max(0, ...scenarios.map((s) => s.name.length)) + 2;
  const listHeight = Math.max(1, Math.min(scenarios.length, height - 8));
  const top = Math.max(0, Math.min(selected - Math.floor(listHeight / 2), scenarios.length - listHeight));
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>
        {' '}
        heapscope <Text color={theme.muted}>· CPython 3.11 model · choose a scenario</Text>
      </Text>
      <Text> </Text>
      {scenarios.length === 0 ? <Text color={theme.error}> no scenarios found</Text> : null}
      {scenarios.slice(top, top + listHeight).map((s, i) => {
        const here = top + i === selected;
        return (
          <Text key={s.name} wrap="truncate" inverse={here}>
            {truncate(`${here ? ' ▸ ' : '   '}${s.name.padEnd(nameWidth)}${s.title}`, width)}
          </Text>
        );
      })}
      <Text> </Text>
      {chosen?.description
        ? chosen.description
            .split('\n')
            .slice(0, Math.max(0, height - listHeight - 7))
            .map((l, i) => (
              <Text key={i} wrap="wrap" color={theme.muted}>
                {' ' + l}
              </Text>
            ))
        : null}
      <Text> </Text>
      <Text color={theme.muted} wrap="truncate">
        {` ${first('up')}/${first('down')} choose · ${first('follow')} open · ${keysLabel(bindingOf('quit'))} quit`}
      </Text>
    </Box>
  );
}
