/**
 * The Output & events panel's lines: program output and the session's notices, in event
 * order, up to the event being shown.
 */
import type { SessionState } from '../session/session-state.js';
import type { LogEntry, LogEntryKind } from './views.js';
import type { NoticeKind } from '../session/session-state.js';

const NOTICE_KIND: Record<NoticeKind, LogEntryKind> = {
  collection: 'collection',
  finished: 'session',
  exited: 'session',
  error: 'error',
  info: 'session',
};

export function logEntries(state: SessionState, upTo: number | null): LogEntry[] {
  const out: LogEntry[] = [];
  const { output, notices } = state;
  let i = 0;
  let j = 0;
  const limit = upTo ?? Infinity;
  while (i < output.length || j < notices.length) {
    const o = output[i];
    const n = notices[j];
    if (o && (!n || o.event <= n.event)) {
      if (o.event <= limit) out.push({ kind: o.stream === 1 ? 'stdout' : 'stderr', text: o.text, event: o.event });
      i++;
    } else if (n) {
      if (n.event <= limit) out.push({ kind: NOTICE_KIND[n.kind], text: n.text, event: n.event });
      j++;
    }
  }
  return out;
}
