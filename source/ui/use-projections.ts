import type { Session } from '../session/session.js';
import type { SessionState } from '../session/session-state.js';
import { NO_PROJECTIONS, type Projections } from './views.js';

/**
 * The projections at the event the session shows. The event log's projections (issue 5)
 * are not in this build yet: panels that need them say so.
 */
export function useProjections(_session: Session, _state: SessionState): Projections {
  return NO_PROJECTIONS;
}
