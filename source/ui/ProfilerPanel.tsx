/**
 * Line-by-line memory of the functions decorated with @profile, in memory_profiler's
 * format (its show_results template, precision 1).
 */
import { Box, Text } from 'ink';
import { useTheme } from './use-theme.js';
import type { ProfiledLine, ProfilerView } from './views.js';

type Props = {
  readonly profiler: ProfilerView;
  /** Inner size of the panel. */
  readonly width: number;
  readonly height: number;
  /** Lines scrolled down from the top. */
  readonly scroll: number;
};

const MIB = (n: number) => `${n.toFixed(1).padStart(5)} MiB`;

/** memory_profiler's row: '{0:>6} {1:>12} {2:>12}  {3:>10}   {4:<}'. */
export function profilerRow(line: string | number, mem: string, inc: string, occurrences: string | number, contents: string): string {
  return `${String(line).padStart(6)} ${mem.padStart(12)} ${inc.padStart(12)}  ${String(occurrences).padStart(10)}   ${contents}`;
}

export const PROFILER_HEADER = profilerRow('Line #', 'Mem usage', 'Increment', 'Occurrences', 'Line Contents');

function row(l: ProfiledLine): string {
  if (l.memUsage === null) return profilerRow(l.line, '', '', '', l.contents);
  return profilerRow(l.line, MIB(l.memUsage), MIB(l.increment ?? 0), l.occurrences ?? '', l.contents);
}

/** The report as memory_profiler prints it, one string per line. */
export function profilerLines(view: ProfilerView): string[] {
  const out: string[] = [];
  for (const f of view.functions) {
    out.push(`Filename: ${f.filename}`, '', PROFILER_HEADER, '='.repeat(PROFILER_HEADER.length));
    for (const l of f.lines) out.push(row(l));
    out.push('');
  }
  return out;
}

export function ProfilerPanel({ profiler, height, scroll }: Props) {
  const theme = useTheme();
  if (profiler.functions.length === 0) {
    return <Text color={theme.muted}>no @profile functions in this program</Text>;
  }
  const lines = profilerLines(profiler);
  const top = Math.max(0, Math.min(scroll, lines.length - height));
  return (
    <Box flexDirection="column">
      {lines.slice(top, top + height).map((l, i) => (
        <Text key={top + i} wrap="truncate" bold={l === PROFILER_HEADER}>
          {l || ' '}
        </Text>
      ))}
    </Box>
  );
}
