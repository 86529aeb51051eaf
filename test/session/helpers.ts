/** Paths shared by the session and UI tests: the built worker and the bundled scenarios. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);

/** The runtime worker as `npm test` builds it before vitest runs. */
export const workerUrl = new URL('dist/runtime-worker.js', root);
if (!existsSync(fileURLToPath(workerUrl))) throw new Error('dist/runtime-worker.js is missing: run `npm run build` (npm test does) before vitest');

export function scenarioPath(name: string): string {
  return fileURLToPath(new URL(`scenarios/${name}`, root));
}

/** A program of the dashboard tests (test/programs: fixed lines, unlike the scenarios). */
export function programPath(name: string): string {
  return fileURLToPath(new URL(`test/programs/${name}`, root));
}
