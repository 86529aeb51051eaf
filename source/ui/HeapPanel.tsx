/**
 * Heap usage: live objects and bytes, the peak, a sparkline of bytes over time, and the
 * table of types (count, bytes, change since the last step), sortable with `s`.
 */
import { Box, Text } from 'ink';
import { Table, type CellProps } from '@alcalzone/ink-table';
import type { PropsWithChildren } from 'react';
import { useTheme } from './use-theme.js';
import { formatBytes, formatChange, formatCount, truncate } from './format.js';
import { sparkline } from './sparkline.js';
import type { HeapView, TypeRow } from './views.js';

export type HeapSort = 'bytes' | 'count' | 'change' | 'type';
export const HEAP_SORTS: readonly HeapSort[] = ['bytes', 'count', 'change', 'type'];

type Props = {
  readonly heap: HeapView;
  readonly sort: HeapSort;
  /** Index of the selected row in the sorted table. */
  readonly selected: number;
  /** Inner size of the panel. */
  readonly width: number;
  readonly height: number;
};

const COMPARE: Record<HeapSort, (a: TypeRow, b: TypeRow) => number> = {
  bytes: (a, b) => b.bytes - a.bytes || b.count - a.count || cmp(a.type, b.type),
  count: (a, b) => b.count - a.count || b.bytes - a.bytes || cmp(a.type, b.type),
  change: (a, b) => Math.abs(b.countChange) - Math.abs(a.countChange) || Math.abs(b.bytesChange) - Math.abs(a.bytesChange) || cmp(a.type, b.type),
  type: (a, b) => cmp(a.type, b.type),
};

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortTypes(rows: readonly TypeRow[], sort: HeapSort): TypeRow[] {
  return [...rows].sort(COMPARE[sort]);
}

/** First row shown so that `selected` is visible in `visible` rows. */
export function pageStart(total: number, selected: number, visible: number): number {
  if (visible <= 0) return 0;
  const s = Math.max(0, Math.min(total - 1, selected));
  return Math.max(0, Math.min(s - visible + 1 + Math.floor(visible / 2), total - visible, s));
}

export function HeapPanel({ heap, sort, selected, width, height }: Props) {
  const theme = useTheme();
  const summary = `${formatCount(heap.objects)} objects · ${formatBytes(heap.bytes)} · peak ${formatBytes(heap.peakBytes)}`;
  const sparkWidth = width - summary.length - 2;
  const rows = sortTypes(heap.types, sort);
  const visible = Math.max(0, height - 2);
  const start = pageStart(rows.length, selected, visible);
  const wide = width >= 56;
  const cells = rows.slice(start, start + visible).map((r, i) => ({
    mark: start + i === selected ? '▸' : ' ',
    row: r,
  }));
  const fmt = (r: TypeRow) => ({
    count: formatCount(r.count),
    bytes: formatBytes(r.bytes),
    'Δ': formatChange(r.countChange),
    ...(wide ? { 'Δbytes': formatChange(r.bytesChange, formatBytes) } : {}),
  });
  const numbers = cells.map((c) => fmt(c.row));
  // The type column gets what the numeric columns leave (each column is padded by 1 + 1).
  const numberWidth = Object.keys(numbers[0] ?? fmt({ type: '', count: 0, bytes: 0, countChange: 0, bytesChange: 0 }))
    .map((k) => Math.max(k.length, ...numbers.map((n) => (n as Record<string, string>)[k]!.length)) + 2)
    .reduce((a, b) => a + b, 0);
  const typeWidth = Math.max(6, width - numberWidth - 2);
  const data = cells.map((c, i) => ({ type: truncate(`${c.mark}${c.row.type}`, typeWidth), ...numbers[i]! }));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        {summary}
        {sparkWidth >= 4 ? <Text color={theme.accent}>{'  ' + sparkline(heap.history, sparkWidth)}</Text> : null}
      </Text>
      {data.length === 0 ? (
        <Text color={theme.muted}>(no live objects)</Text>
      ) : (
        <Table
          data={data}
          columns={[
            'type',
            { key: 'count', align: 'right' },
            { key: 'bytes', align: 'right' },
            { key: 'Δ', align: 'right' },
            ...(wide ? [{ key: 'Δbytes' as const, align: 'right' as const }] : []),
          ]}
          skeleton={Borderless}
          header={Header}
          cell={Cell}
        />
      )}
    </Box>
  );
}

/** No table borders: in a small panel every line is a row of data. */
function Borderless(_props: PropsWithChildren<object>) {
  return <></>;
}

function Header({ children }: PropsWithChildren<object>) {
  const theme = useTheme();
  return (
    <Text bold color={theme.muted}>
      {children}
    </Text>
  );
}

function Cell({ children }: CellProps) {
  return <Text wrap="truncate">{children}</Text>;
}
