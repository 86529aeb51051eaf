import { useSyncExternalStore } from 'react';
import type { Session } from '../session/session.js';
import type { SessionState } from '../session/session-state.js';

/** The session's state, re-rendering when it changes. */
export function useSession(session: Session): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState);
}
