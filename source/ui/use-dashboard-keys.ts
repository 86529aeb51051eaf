/**
 * Key presses → commands (through the one key map) → session controls or ui actions.
 * The only input handler of the dashboard.
 */
import { useEffect, type Dispatch } from 'react';
import { useInput } from 'ink';
import { bindingOf, commandFor, type Command } from './keymap.js';
import type { SessionControls } from '../session/session.js';
import type { UiAction, UiState } from './ui-state.js';
import type { PanelData } from './App.js';
import type { Projections } from './views.js';
import { selectedTarget } from './graph-rows.js';

type Options = {
  readonly ui: UiState;
  readonly dispatch: Dispatch<UiAction>;
  readonly controls: SessionControls;
  readonly data: PanelData;
  readonly projections: Projections;
  readonly replay: boolean;
  readonly onQuit: () => void;
  /** Restart count of the session: the ui state resets with it. */
  readonly run: number;
};

const PAGE = 10;

export function useDashboardKeys({ ui, dispatch, controls, data, projections, replay, onQuit, run }: Options): void {
  useEffect(() => {
    if (run > 0) dispatch({ type: 'reset' });
  }, [run, dispatch]);

  useInput((input, key) => {
    const command = commandFor(input, key);
    if (command === null) return;
    const binding = bindingOf(command);
    if (ui.help && !binding.inHelp) return;
    if (replay && binding.live) return;
    perform(command, input);
  });

  /** How many rows the focused panel can move through. */
  function limit(): number {
    switch (ui.focus) {
      case 'heap':
        return projections.heap?.types.length ?? 0;
      case 'graph':
        return data.graph?.total ?? 0;
      case 'output':
        return data.entries.length;
      case 'source':
      case 'profiler':
        return Number.MAX_SAFE_INTEGER;
      case 'generations':
        return 0;
    }
  }

  function move(delta: number): void {
    dispatch({ type: 'move', delta, line: data.line, limit: limit() });
  }

  function perform(command: Command, input: string): void {
    switch (command) {
      case 'run-pause':
        return controls.toggleRun();
      case 'step':
        return controls.step();
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
        if (ui.focus !== 'graph' || !data.graph) return;
        const target = selectedTarget(data.graph);
        if (target !== null) dispatch({ type: 'follow', target });
        return;
      }
      case 'back':
        return dispatch({ type: 'back' });
      case 'sort':
        return dispatch({ type: 'sort' });
      case 'help':
        return dispatch({ type: 'help' });
      case 'close-help':
        return dispatch({ type: 'close-help' });
      case 'quit':
        return onQuit();
    }
  }
}
