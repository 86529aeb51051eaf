/**
 * The runtime's bundle (dist/workers.cjs), one for both worker threads: the headless runner
 * of `heapscope run` and the dashboard's runtime. They share all of the runtime, so one
 * bundle lets one V8 code cache serve both (loader.ts).
 */

export type WorkerKind = 'headless' | 'dashboard';

/** Run the worker of this kind: its module does its work when it is first imported. */
export function startWorker(kind: WorkerKind): Promise<unknown> {
  return kind === 'headless' ? import('../cli/headless-worker.js') : import('../session/runtime-worker.js');
}
