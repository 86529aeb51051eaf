/**
 * The object graph around one object: its type, id, size and refcount, the references it
 * holds (with their slots) and the references to it (objects and frames' variables).
 * Without a focused object: the running code's variables and the garbage waiting for the
 * collector. ⟲ marks objects in a reference cycle, ✗ unreachable ones, ⇢ weak references.
 */
import { Box, Text } from 'ink';
import { useTheme } from './use-theme.js';
import type { Theme } from './theme.js';
import { formatAddress, formatBytes, truncate } from './format.js';
import type { GraphRow, GraphScreen } from './graph-rows.js';
import type { ObjectSummary } from './views.js';

type Props = {
  readonly screen: GraphScreen;
  /** Inner width of the panel. */
  readonly width: number;
};

/** id(x) in full when there is room, else its first and last digits. */
function shortId(address: number, narrow: boolean): string {
  const hex = formatAddress(address);
  return narrow && hex.length > 9 ? `${hex.slice(0, 4)}…${hex.slice(-4)}` : hex;
}

/** "Node @0x7f…4e10 rc=1 ⟲" */
export function describe(o: ObjectSummary, narrow: boolean): string {
  if (o.kind === 'frame') return `frame of ${o.type}()`;
  const value = o.value ? ` ${o.value}` : '';
  const flags = (o.inCycle ? ' ⟲' : '') + (o.unreachable ? ' ✗' : '');
  return `${o.type}${value} @${shortId(o.address, narrow)} rc=${o.refcount}${flags}`;
}

function objectColor(o: ObjectSummary, theme: Theme): string | undefined {
  if (o.unreachable) return theme.garbage;
  if (o.inCycle) return theme.cycle;
  return undefined;
}

function Row({ row, selected, width }: { row: GraphRow; selected: boolean; width: number }) {
  const theme = useTheme();
  const narrow = width < 60;
  if (row.kind === 'section') {
    return (
      <Text wrap="truncate" color={theme.muted} bold>
        {truncate(`${row.title} (${row.total})`, width)}
      </Text>
    );
  }
  const arrow = row.direction === 'referrer' ? (row.weak ? '⇠' : '←') : row.weak ? '⇢' : '→';
  const slot = row.direction === 'referrer' && row.object.kind === 'frame' ? `local ${row.slot}` : row.slot;
  const lead = row.direction === 'garbage' ? '✗' : row.direction === 'referrer' ? `${arrow}` : `${slot} ${arrow}`;
  const tail = row.direction === 'referrer' && slot ? ` ${slot}` : '';
  const text = truncate(`${selected ? '▸' : ' '} ${lead} ${describe(row.object, narrow)}${tail}${row.weak ? ' (weak)' : ''}`, width);
  return (
    <Text wrap="truncate" inverse={selected} color={row.weak ? theme.weak : objectColor(row.object, theme)} dimColor={row.weak && theme.dim}>
      {text}
    </Text>
  );
}

export function GraphPanel({ screen, width }: Props) {
  const theme = useTheme();
  const f = screen.focus;
  return (
    <Box flexDirection="column">
      {f ? (
        <Text wrap="truncate" bold color={objectColor(f, theme)}>
          {truncate(
            `${describe(f, width < 60)} · ${formatBytes(f.size)}${f.unreachable ? ' · garbage' : ''}`,
            width,
          )}
        </Text>
      ) : null}
      {screen.rows.map((r, i) => (
        <Row key={i} row={r} selected={r.kind === 'reference' && r.index === screen.selected} width={width} />
      ))}
      {screen.total === 0 && !f ? <Text color={theme.muted}>(no variables yet)</Text> : null}
    </Box>
  );
}
