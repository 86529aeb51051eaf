/**
 * The Allocator view (a mode of the Heap panel): where the bytes of the heap live in
 * pymalloc (obmalloc.c): 1 MiB arenas of 16 KiB pools, each pool serving one size class,
 * the bytes that are mapped but hold no object (free blocks, empty pools: what
 * fragmentation costs), and the arena and pool of the object selected in the graph.
 */
import { Box, Text } from 'ink';
import { useTheme } from './use-theme.js';
import { formatAddress, formatBytes, formatCount, padStart, truncate } from './format.js';
import { MAX_POOLS_IN_ARENA, POOL_SIZE, SMALL_REQUEST_THRESHOLD } from '../runtime/heap/pymalloc.js';
import type { AllocatorPanelView, AllocatorView, ObjectSummary } from './views.js';

type Props = {
  readonly allocator: AllocatorPanelView;
  /** The object selected in the graph, whose arena and pool are shown. */
  readonly selected: ObjectSummary | null;
  /** Event being shown (the pools may be from another: the runtime's latest report). */
  readonly event: number;
  /** Inner size of the panel. */
  readonly width: number;
  readonly height: number;
};

type Line = { readonly text: string; readonly tone?: 'muted' | 'accent' | 'warn'; readonly bold?: boolean };

const BAR = 12;

export function bar(used: number, total: number, width = BAR): string {
  const full = total > 0 ? Math.round((used / total) * width) : 0;
  return '█'.repeat(full) + '░'.repeat(width - full);
}

/** Where the selected object's block lives. */
export function locate(view: AllocatorView, o: ObjectSummary): string {
  for (const arena of view.arenas) {
    for (const p of arena.pools) {
      if (o.address >= p.address && o.address < p.address + POOL_SIZE) {
        return `arena ${arena.arena} · pool ${p.pool % MAX_POOLS_IN_ARENA} · ${p.blockSize} B blocks · ${p.blocksInUse}/${p.capacity} used`;
      }
    }
  }
  return o.size > SMALL_REQUEST_THRESHOLD ? `over ${SMALL_REQUEST_THRESHOLD} B: from the system allocator` : 'not in the arenas reported';
}

/** Parts joined by ' · ' on as few lines as `width` allows. */
function fit(parts: readonly string[], width: number, style: Omit<Line, 'text'> = {}): Line[] {
  const out: Line[] = [];
  let text = '';
  for (const p of parts) {
    if (text && text.length + 3 + p.length > width) {
      out.push({ ...style, text });
      text = p;
    } else text = text ? `${text} · ${p}` : p;
  }
  if (text) out.push({ ...style, text });
  return out;
}

export function allocatorLines(allocator: AllocatorPanelView, selected: ObjectSummary | null, event: number, width: number, height: number): Line[] {
  const out: Line[] = [];
  const arenasWord = allocator.arenas === 1 ? 'arena' : 'arenas';
  out.push(...fit([`RSS ${formatBytes(allocator.rss)}`, `peak ${formatBytes(allocator.peakRss)}`, `${allocator.arenas} ${arenasWord}`], width, { bold: true }));
  const detail = allocator.detail;
  if (!detail) {
    out.push({ text: 'arenas and pools: reported by a live session only', tone: 'muted' });
    return out;
  }
  const v = detail.view;
  if (detail.event !== event) out.push({ text: `pools as at event ${formatCount(detail.event)}`, tone: 'muted' });
  const states = { used: 0, full: 0, empty: 0, unused: 0 };
  for (const a of v.arenas) for (const p of a.pools) states[p.state]++;
  out.push(...fit([`pools: ${states.used} used`, `${states.full} full`, `${states.empty} empty`], width));
  const b = v.arenaBytes;
  out.push(...fit([`blocks in use ${formatBytes(b.inUseBlocks)}`, `free ${formatBytes(b.availableBlocks)}`], width));
  // Free blocks, empty and uncarved pools, headers: mapped, counted in RSS, holding no object.
  out.push({ text: `not holding objects ${formatBytes(b.notInUse)}`, tone: b.notInUse > b.inUseBlocks ? 'warn' : undefined });
  if (selected && selected.kind === 'object') {
    out.push({ text: `selected ${selected.type} @${formatAddress(selected.address)}`, tone: 'accent' });
    out.push({ text: `  ${locate(v, selected)}`, tone: 'accent' });
  }

  // The rest: arenas (fullness by pools in use), then the size classes in use.
  const room = Math.max(0, height - out.length);
  const arenaRows = Math.min(v.arenas.length, Math.max(1, Math.ceil(room / 2)));
  for (const a of v.arenas.slice(0, arenaRows)) {
    const used = a.totalPools - a.freePools;
    out.push({ text: `arena ${padStart(String(a.arena), 2)} ${bar(used, a.totalPools)} ${padStart(String(used), 2)}/${a.totalPools} pools` });
  }
  if (v.arenas.length > arenaRows) out.push({ text: `… ${v.arenas.length - arenaRows} more arenas`, tone: 'muted' });
  if (v.sizeClasses.length > 0 && out.length < height - 1) {
    out.push({ text: 'size class   blocks in use   free   pools', bold: true });
    const classes = [...v.sizeClasses].sort((x, y) => y.blocksInUse * y.blockSize - x.blocksInUse * x.blockSize);
    for (const c of classes) {
      out.push({
        text: `${padStart(`${c.blockSize} B`, 10)}   ${padStart(formatCount(c.blocksInUse), 13)}   ${padStart(formatCount(c.availableBlocks), 4)}   ${padStart(String(c.pools), 5)}`,
      });
    }
  }
  return out;
}

export function AllocatorPanel({ allocator, selected, event, width, height }: Props) {
  const theme = useTheme();
  const lines = allocatorLines(allocator, selected, event, width, height).slice(0, height);
  const color = (tone: Line['tone']) => (tone === 'muted' ? theme.muted : tone === 'accent' ? theme.accent : tone === 'warn' ? theme.warn : undefined);
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} color={color(l.tone)} bold={l.bold}>
          {truncate(l.text, width) || ' '}
        </Text>
      ))}
    </Box>
  );
}
