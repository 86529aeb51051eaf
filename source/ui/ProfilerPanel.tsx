/**
 * Line-by-line memory of the functions decorated with @profile, in memory_profiler's
 * format (show_results, precision 1), filling in while the function runs: the line it is
 * running is marked ▶. A panel narrower than the table gets the same columns, narrower.
 */
import { Box, Text } from 'ink';
import { formatMiB, PROFILE_HEADER, type ProfileRow } from '../projections/profiler.js';
import { useTheme } from './use-theme.js';
import { printable } from './format.js';
import type { ProfilerView } from './views.js';

type Props = {
  readonly profiler: ProfilerView;
  /** Inner size of the panel. */
  readonly width: number;
  readonly height: number;
  /** Lines scrolled down from the top (0: follow the running line). */
  readonly scroll: number;
};

export type ProfilerLine = { readonly text: string; readonly running: boolean; readonly header: boolean };

/** Column widths: memory_profiler's '{0:>6} {1:>12} {2:>12}  {3:>10}   {4:<}', or narrower. */
type Columns = { readonly line: number; readonly mib: number; readonly occurrences: number; readonly gap: string };
const FULL: Columns = { line: 6, mib: 12, occurrences: 10, gap: '   ' };
const NARROW: Columns = { line: 4, mib: 10, occurrences: 4, gap: '  ' };
/** Room the narrow table leaves for the line contents at least. */
const CONTENTS_MIN = 24;

function columns(width: number): Columns {
  return width >= PROFILE_HEADER.length + CONTENTS_MIN ? FULL : NARROW;
}

function cells(c: Columns, line: string, mem: string, inc: string, occ: string, contents: string): string {
  return `${line.padStart(c.line)} ${mem.padStart(c.mib)} ${inc.padStart(c.mib)}  ${occ.padStart(c.occurrences)}${c.gap}${contents}`;
}

/** A row; ▶ in the line number's margin while running. */
function row(c: Columns, r: ProfileRow, running: boolean): string {
  const f = r.figures;
  const mem = f ? formatMiB(f.memory) : '';
  const inc = f ? formatMiB(f.increment) : '';
  const occ = f ? String(f.occurrences) : '';
  const line = String(r.line).padStart(c.line);
  return cells(c, running ? `▶${line.slice(1)}` : line, mem, inc, occ, printable(r.text));
}

/** The tables as memory_profiler prints them (narrower for a narrow panel), one entry per line. */
export function profilerLines(view: ProfilerView, width = Infinity): ProfilerLine[] {
  const out: ProfilerLine[] = [];
  const plain = (text: string, header = false) => out.push({ text, running: false, header });
  const c = columns(width);
  const header = c === FULL ? PROFILE_HEADER : cells(c, 'Line', 'Mem usage', 'Increment', 'Occ', 'Line Contents');
  for (const f of view.functions) {
    plain(`Filename: ${f.filename}${f.reported ? '' : '   (running)'}`);
    plain('');
    plain(header, true);
    plain('='.repeat(header.length), true);
    for (const r of f.rows) {
      const running = !f.reported && r.line === f.running;
      out.push({ text: row(c, r, running), running, header: false });
    }
    plain('');
  }
  return out;
}

export function ProfilerPanel({ profiler, width, height, scroll }: Props) {
  const theme = useTheme();
  if (profiler.functions.length === 0) {
    return <Text color={theme.muted}>no @profile functions have run yet</Text>;
  }
  const lines = profilerLines(profiler, width);
  const running = lines.findIndex((l) => l.running);
  // Unscrolled, the view follows the running line.
  const wanted = scroll === 0 && running >= height ? running - Math.floor(height / 2) : scroll;
  const top = Math.max(0, Math.min(wanted, lines.length - height));
  return (
    <Box flexDirection="column">
      {lines.slice(top, top + height).map((l, i) => (
        <Text key={top + i} wrap="truncate" bold={l.header || l.running} inverse={l.running && theme.dim} color={l.running ? theme.accent : undefined}>
          {l.text || ' '}
        </Text>
      ))}
    </Box>
  );
}
