/**
 * The dashboard's own state (what is focused and selected, how panels are scrolled) and
 * its reducer. Actions say what the user did; the reducer decides what it means for the
 * focused panel.
 */
import { PANEL_ORDER, type PanelId } from './layout.js';
import { HEAP_SORTS, type HeapSort } from './HeapPanel.js';

/** A graph object followed with enter, and the row that was selected where we came from. */
type Visit = { readonly id: number; readonly returnRow: number };

export type UiState = {
  readonly focus: PanelId;
  readonly help: boolean;
  readonly heapSort: HeapSort;
  readonly heapRow: number;
  /** The Heap panel shows the type table, or pymalloc's arenas and pools. */
  readonly heapMode: 'types' | 'allocator';
  /** Objects followed, innermost last; empty: the roots. */
  readonly graphPath: readonly Visit[];
  readonly graphRow: number;
  /** Source scrolled by `delta` lines while `line` was current (another line resets it). */
  readonly sourceScroll: { readonly line: number; readonly delta: number };
  /** Lines scrolled up from the newest output. */
  readonly outputScroll: number;
  readonly profilerScroll: number;
};

export type UiAction =
  | { readonly type: 'focus'; readonly delta: 1 | -1 }
  | { readonly type: 'help' }
  | { readonly type: 'close-help' }
  /**
   * Up/down/page keys in the focused panel: `line` is the source line being shown, `limit`
   * how many rows (or scroll positions) the focused panel has.
   */
  | { readonly type: 'move'; readonly delta: number; readonly line: number; readonly limit: number }
  | { readonly type: 'follow'; readonly target: number }
  | { readonly type: 'back' }
  | { readonly type: 'sort' }
  | { readonly type: 'heap-mode' }
  | { readonly type: 'reset' };

export const initialUiState: UiState = {
  focus: 'graph',
  help: false,
  heapSort: 'bytes',
  heapRow: 0,
  heapMode: 'types',
  graphPath: [],
  graphRow: 0,
  sourceScroll: { line: 0, delta: 0 },
  outputScroll: 0,
  profilerScroll: 0,
};

export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'focus': {
      const i = PANEL_ORDER.indexOf(state.focus);
      const n = PANEL_ORDER.length;
      return { ...state, focus: PANEL_ORDER[(i + action.delta + n) % n]! };
    }
    case 'help':
      return { ...state, help: !state.help };
    case 'close-help':
      return { ...state, help: false };
    case 'move':
      return move(state, action.delta, action.line, Math.max(0, action.limit - 1));
    case 'follow':
      return { ...state, focus: 'graph', graphPath: [...state.graphPath, { id: action.target, returnRow: state.graphRow }], graphRow: 0 };
    case 'back': {
      const last = state.graphPath[state.graphPath.length - 1];
      if (!last) return state;
      return { ...state, graphPath: state.graphPath.slice(0, -1), graphRow: last.returnRow };
    }
    case 'sort':
      return { ...state, heapSort: HEAP_SORTS[(HEAP_SORTS.indexOf(state.heapSort) + 1) % HEAP_SORTS.length]!, heapRow: 0 };
    case 'heap-mode':
      return { ...state, heapMode: state.heapMode === 'types' ? 'allocator' : 'types' };
    case 'reset':
      return { ...initialUiState, focus: state.focus, heapSort: state.heapSort, heapMode: state.heapMode };
  }
}

function move(state: UiState, delta: number, line: number, max: number): UiState {
  const clamp = (n: number) => Math.max(0, Math.min(max, n));
  switch (state.focus) {
    case 'source': {
      const base = state.sourceScroll.line === line ? state.sourceScroll.delta : 0;
      return { ...state, sourceScroll: { line, delta: base + delta } };
    }
    case 'heap':
      return { ...state, heapRow: clamp(state.heapRow + delta) };
    case 'graph':
      return { ...state, graphRow: clamp(state.graphRow + delta) };
    case 'output':
      // Down scrolls towards the newest line.
      return { ...state, outputScroll: clamp(state.outputScroll - delta) };
    case 'profiler':
      return { ...state, profilerScroll: clamp(state.profilerScroll + delta) };
    case 'generations':
      return state;
  }
}

/** The graph object in focus, or null for the roots. */
export function graphFocus(state: UiState): number | null {
  return state.graphPath[state.graphPath.length - 1]?.id ?? null;
}

/** The source panel's scroll for the line being shown. */
export function sourceScrollFor(state: UiState, line: number): number {
  return state.sourceScroll.line === line ? state.sourceScroll.delta : 0;
}
