import { useCallback, useRef, useState } from 'react';
import { initialUiState, uiReducer, type UiAction, type UiState } from './ui-state.js';

/**
 * The dashboard's ui state, readable at once after a dispatch: keys typed faster than
 * React renders (a paste, tmux send-keys) each see what the previous one did.
 */
export function useUiState(): { ui: UiState; dispatch: (action: UiAction) => void; current: () => UiState } {
  const ref = useRef(initialUiState);
  const [ui, setUi] = useState(initialUiState);
  const dispatch = useCallback((action: UiAction) => {
    ref.current = uiReducer(ref.current, action);
    setUi(ref.current);
  }, []);
  const current = useCallback(() => ref.current, []);
  return { ui, dispatch, current };
}
