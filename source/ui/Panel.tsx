/**
 * A bordered panel with its title in the top border. The focused panel has a double
 * border (visible without colour) and the accent colour.
 */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { useTheme } from './use-theme.js';
import { truncate } from './format.js';

type Props = {
  /** Shown in the top border. */
  readonly title: string;
  /** Shown after the title, e.g. a count or the sort order. */
  readonly info?: string;
  /** Outer width and height, borders included. */
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
  readonly children?: ReactNode;
};

const SINGLE = { tl: '┌', h: '─', tr: '┐' };
const DOUBLE = { tl: '╔', h: '═', tr: '╗' };

export function Panel({ title, info, width, height, focused, children }: Props) {
  const theme = useTheme();
  const c = focused ? DOUBLE : SINGLE;
  const color = focused ? theme.focus : theme.border;
  const label = truncate(` ${title} `, Math.max(0, width - 4));
  const extra = info ? truncate(` ${info} `, Math.max(0, width - 4 - label.length)) : '';
  const fill = Math.max(0, width - 3 - label.length - extra.length);
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <Text wrap="truncate">
        <Text color={color}>{c.tl + c.h}</Text>
        <Text bold={focused} color={focused ? theme.focus : undefined}>
          {label}
        </Text>
        <Text color={theme.muted}>{extra}</Text>
        <Text color={color}>{c.h.repeat(fill) + c.tr}</Text>
      </Text>
      <Box
        borderStyle={focused ? 'double' : 'single'}
        borderTop={false}
        borderColor={color}
        width={width}
        height={height - 1}
        flexDirection="column"
        overflow="hidden"
      >
        {children}
      </Box>
    </Box>
  );
}

/** Inner size of a panel of the given outer size. */
export function innerSize(width: number, height: number): { width: number; height: number } {
  return { width: Math.max(0, width - 2), height: Math.max(0, height - 2) };
}
