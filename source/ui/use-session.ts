import { useSyncExternalStore } from 'react';
import type { DashboardSource } from '../session/session.js';
import type { SessionState } from '../session/session-state.js';

/** The session's state, re-rendering when it changes. */
export function useSession(session: DashboardSource): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState);
}
