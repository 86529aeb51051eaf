/**
 * Key presses → commands (through the one key map) → session controls or ui actions.
 * The only input handler of the dashboard.
 */
import { useEffect, useRef } from 'react';
import { useInput } from 'ink';
import { bindingOf, commandFor, type Command } from './keymap.js';
import type { SessionControls } from '../session/session.js';
import type { UiAction, UiState } from './ui-state.js';
import type { PanelData } from './App.js';
import type { Projections } from './views.js';
import { graphScreen, selectedTarget } from './graph-rows.js';
import { graphFocus } from './ui-state.js';

type Options = {
  /** The ui state as of the last key (not of the last render). */
  readonly ui: () => UiState;
  readonly dispatch: (action: UiAction) => void;
  readonly controls: SessionControls;
  readonly data: PanelData;
  readonly projections: Projections;
  /** Rows of the graph panel's list. */
  readonly graphHeight: number;
  readonly replay: boolean;
  readonly onQuit: () => void;
  /** Restart count of the session: the ui state resets with it. */
  readonly run: number;
};

const PAGE = 10;

export function useDashboardKeys(options: Options): void {
  const { dispatch, run } = options;
  useEffect(() => {
    if (run > 0) dispatch({ type: 'reset' });
  }, [run, dispatch]);

  // Keys may arrive before React has re-subscribed a new handler: the handler is
  // registered once and reads the latest render's values through a ref.
  const latest = useRef(options);
  latest.current = options;
  const handler = useRef((input: string, key: import('ink').Key) => {
    const o = latest.current;
    const command = commandFor(input, key);
    if (command === null) return;
    const binding = bindingOf(command);
    if (o.ui().help && !binding.inHelp) return;
    if (o.replay && binding.live) return;
    perform(o, command, input);
  });
  useInput(handler.current);
}

/** How many rows the focused panel can move through. */
function limit(o: Options): number {
  const { projections, data } = o;
  switch (o.ui().focus) {
    case 'heap':
      return o.ui().heapMode === 'types' ? (projections.heap?.types.length ?? 0) : 0;
    case 'graph':
      return currentGraph(o)?.total ?? 0;
    case 'output':
      return data.entries.length;
    case 'source':
    case 'profiler':
      return Number.MAX_SAFE_INTEGER;
    case 'generations':
      return 0;
  }
}

/** The graph panel's rows for the ui state as of now (the last render may be older). */
function currentGraph(o: Options) {
  const ui = o.ui();
  return o.projections.graph ? graphScreen(o.projections.graph, graphFocus(ui), ui.graphRow, o.graphHeight) : null;
}

function perform(o: Options, command: Command, input: string): void {
  const { dispatch, controls, data } = o;
  const ui = o.ui();
  const move = (delta: number) => dispatch({ type: 'move', delta, line: data.line, limit: limit(o) });
  switch (command) {
    case 'run-pause':
      return controls.toggleRun();
    case 'step':
      return controls.step();
    case 'step-over':
      return controls.stepOver();
    case 'step-back':
      return controls.stepBack();
    case 'faster':
      return controls.faster();
    case 'slower':
      return controls.slower();
    case 'collect':
      return controls.collect(2);
    case 'collect-generation':
      return controls.collect(Number(input));
    case 'restart':
      return controls.restart();
    case 'focus-next':
      return dispatch({ type: 'focus', delta: 1 });
    case 'focus-prev':
      return dispatch({ type: 'focus', delta: -1 });
    case 'up':
      return move(-1);
    case 'down':
      return move(1);
    case 'page-up':
      return move(-PAGE);
    case 'page-down':
      return move(PAGE);
    case 'follow': {
      const graph = currentGraph(o);
      if (ui.focus !== 'graph' || !graph) return;
      const target = selectedTarget(graph);
      if (target !== null) dispatch({ type: 'follow', target });
      return;
    }
    case 'back':
      return dispatch({ type: 'back' });
    case 'sort':
      return dispatch({ type: 'sort' });
    case 'heap-mode':
      return dispatch({ type: 'heap-mode' });
    case 'help':
      return dispatch({ type: 'help' });
    case 'close-help':
      return dispatch({ type: 'close-help' });
    case 'quit':
      return o.onQuit();
  }
}
