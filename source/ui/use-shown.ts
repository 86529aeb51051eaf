import { useMemo, useRef } from 'react';
import type { DashboardSource } from '../session/session.js';
import type { SessionState } from '../session/session-state.js';
import { shownAt, ViewCache } from './projection-views.js';
import type { Shown } from './views.js';

/** What the dashboard shows for the session's state (recomputed when the state changes). */
export function useShown(source: DashboardSource, state: SessionState, sourceLines: readonly string[]): Shown {
  const cache = useRef<{ timeline: unknown; cache: ViewCache } | null>(null);
  if (cache.current?.timeline !== source.timeline) cache.current = { timeline: source.timeline, cache: new ViewCache(source.timeline) };
  const views = cache.current.cache;
  return useMemo(() => {
    const t0 = performance.now();
    const shown = shownAt(source.timeline, state, views, sourceLines);
    source.pacer.add(performance.now() - t0);
    return shown;
  }, [source, state, views, sourceLines]);
}
