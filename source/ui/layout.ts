/**
 * Where the panels go for a terminal size: two columns from 80×24, three from 120
 * columns; extra rows go to the panels that list things. Pure, so every size can be
 * tested without a terminal.
 */

export type PanelId = 'source' | 'heap' | 'graph' | 'generations' | 'output' | 'profiler';

/** Tab order. */
export const PANEL_ORDER: readonly PanelId[] = ['source', 'heap', 'graph', 'generations', 'output', 'profiler'];

export const PANEL_TITLES: Record<PanelId, string> = {
  source: 'Source',
  heap: 'Heap',
  graph: 'Object graph',
  generations: 'Generations',
  output: 'Output & events',
  profiler: 'Profiler (memory_profiler format)',
};

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

/** A panel's outer size (borders included). */
export type PanelBox = { readonly id: PanelId; readonly width: number; readonly height: number };
export type LayoutRow = { readonly height: number; readonly panels: readonly PanelBox[] };

export type Layout =
  | { readonly kind: 'too-small'; readonly columns: number; readonly rows: number }
  | {
      readonly kind: 'dashboard';
      readonly width: number;
      /** Lines drawn: one less than the terminal, so the frame never scrolls it. */
      readonly height: number;
      readonly rows: readonly LayoutRow[];
    };

/** Status bar and key hints. */
const CHROME_ROWS = 2;

type RowPlan = { weight: number; min: number; panels: readonly (readonly [PanelId, number])[] };

const TWO_COLUMNS: readonly RowPlan[] = [
  { weight: 3, min: 8, panels: [['source', 1], ['heap', 1]] },
  { weight: 3, min: 8, panels: [['graph', 1], ['generations', 1]] },
  { weight: 2, min: 5, panels: [['output', 1], ['profiler', 1]] },
];

const THREE_COLUMNS: readonly RowPlan[] = [
  { weight: 3, min: 8, panels: [['source', 4], ['heap', 4], ['generations', 3]] },
  { weight: 3, min: 8, panels: [['graph', 6], ['output', 5]] },
  { weight: 2, min: 5, panels: [['profiler', 1]] },
];

export function computeLayout(columns: number, rows: number): Layout {
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) return { kind: 'too-small', columns, rows };
  const height = rows - 1;
  const plan = columns >= 120 ? THREE_COLUMNS : TWO_COLUMNS;
  const heights = split(height - CHROME_ROWS, plan.map((p) => p.weight), plan.map((p) => p.min));
  return {
    kind: 'dashboard',
    width: columns,
    height,
    rows: plan.map((p, i) => {
      const widths = split(columns, p.panels.map(([, w]) => w), p.panels.map(() => 20));
      return { height: heights[i]!, panels: p.panels.map(([id], j) => ({ id, width: widths[j]!, height: heights[i]! })) };
    }),
  };
}

/** Split `total` by weights, each part at least its minimum, the parts summing to `total`. */
export function split(total: number, weights: readonly number[], mins: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w, i) => Math.max(mins[i]!, Math.floor((total * w) / sum)));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  // Hand out (or take back) the rounding remainder, first panel first.
  for (let i = 0; rest !== 0; i = (i + 1) % parts.length) {
    if (rest > 0) {
      parts[i]!++;
      rest--;
    } else if (parts[i]! > mins[i]!) {
      parts[i]!--;
      rest++;
    } else if (parts.every((p, j) => p <= mins[j]!)) break;
  }
  return parts;
}
