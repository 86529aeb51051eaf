/**
 * What the Object graph panel shows for a focused object (or, with none, the roots):
 * sections of references, of which only the rows that fit are fetched from the view.
 */
import type { GraphView, ObjectSummary, Page, Reference } from './views.js';

export type RowDirection = 'root' | 'garbage' | 'referent' | 'referrer';

export type GraphRow =
  | { readonly kind: 'section'; readonly title: string; readonly total: number }
  | {
      readonly kind: 'reference';
      readonly direction: RowDirection;
      readonly slot: string;
      readonly object: ObjectSummary;
      readonly weak: boolean;
      /** Index among the selectable rows. */
      readonly index: number;
    };

export type GraphScreen = {
  /** The focused object, or null for the roots. */
  readonly focus: ObjectSummary | null;
  /** Rows that fit, in order. */
  readonly rows: readonly GraphRow[];
  /** Selectable rows in all sections. */
  readonly total: number;
  /** The selection, clamped to the rows that exist. */
  readonly selected: number;
};

type Section = {
  readonly title: string;
  readonly direction: RowDirection;
  readonly total: number;
  readonly fetch: (offset: number, limit: number) => readonly Reference[];
};

const asReference = (o: ObjectSummary): Reference => ({ slot: '', object: o, weak: false });
const count = (p: Page<unknown>) => p.total;

function sectionsFor(view: GraphView, focus: ObjectSummary | null): Section[] {
  if (focus === null) {
    return [
      { title: 'variables', direction: 'root', total: count(view.roots(0, 0)), fetch: (o, n) => view.roots(o, n).items },
      {
        title: 'garbage: unreachable, not yet collected',
        direction: 'garbage',
        total: count(view.garbage(0, 0)),
        fetch: (o, n) => view.garbage(o, n).items.map(asReference),
      },
    ];
  }
  const id = focus.id;
  return [
    { title: 'referents', direction: 'referent', total: count(view.referents(id, 0, 0)), fetch: (o, n) => view.referents(id, o, n).items },
    { title: 'referrers', direction: 'referrer', total: count(view.referrers(id, 0, 0)), fetch: (o, n) => view.referrers(id, o, n).items },
  ];
}

/**
 * The rows for `height` lines (the focused object's own line excluded) with row
 * `selected` in view.
 */
export function graphScreen(view: GraphView, focusId: number | null, selected: number, height: number): GraphScreen {
  const focus = focusId === null ? null : view.object(focusId);
  const sections = sectionsFor(view, focus);
  const total = sections.reduce((a, s) => a + s.total, 0);
  const sel = total === 0 ? 0 : Math.max(0, Math.min(total - 1, selected));
  // Display lines: one title line per section, then its rows.
  const lineCount = sections.reduce((a, s) => a + 1 + s.total, 0);
  let selLine = 0;
  {
    let before = 0;
    let line = 0;
    for (const s of sections) {
      if (sel < before + s.total) {
        selLine = line + 1 + (sel - before);
        break;
      }
      before += s.total;
      line += 1 + s.total;
    }
  }
  const top = Math.max(0, Math.min(selLine - Math.floor(height / 2), lineCount - height));
  const rows: GraphRow[] = [];
  let line = 0;
  let index = 0;
  for (const s of sections) {
    if (line >= top && line < top + height) rows.push({ kind: 'section', title: s.title, total: s.total });
    line++;
    const first = Math.max(0, top - line);
    const last = Math.min(s.total, top + height - line);
    if (last > first) {
      s.fetch(first, last - first).forEach((r, i) => {
        rows.push({ kind: 'reference', direction: s.direction, slot: r.slot, object: r.object, weak: r.weak, index: index + first + i });
      });
    }
    line += s.total;
    index += s.total;
  }
  return { focus, rows, total, selected: sel };
}

/** The object the selected row leads to, else the one in focus. */
export function selectedObject(screen: GraphScreen): ObjectSummary | null {
  for (const r of screen.rows) if (r.kind === 'reference' && r.index === screen.selected) return r.object;
  return screen.focus;
}

/** The object the selected row leads to (enter follows it), or null. */
export function selectedTarget(screen: GraphScreen): number | null {
  for (const r of screen.rows) if (r.kind === 'reference' && r.index === screen.selected) return r.object.id;
  return null;
}
