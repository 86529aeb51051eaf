/**
 * The numbers of the limits that the host side (the command line, the dashboard) needs
 * without loading the runtime: limits.ts re-exports them. This module imports nothing, so
 * that importing it from dist/cli.js or dist/tui.js does not pull the object model (and its
 * parser) into the main thread's bundles.
 */

/** The default modelled memory limit: 2 GiB. */
export const DEFAULT_MEMORY_LIMIT = 2 * 1024 ** 3;

export type StopKind = 'steps' | 'timeout' | 'memory';

/** Exit codes of a stopped run (documented in the README): timeout(1)'s 124, then 125, and 137 as for a process the OOM killer ends. */
export const STOP_EXIT_CODES: Record<StopKind, number> = { timeout: 124, steps: 125, memory: 137 };
