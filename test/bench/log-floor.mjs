#!/usr/bin/env node
// The recording floor (log-floor-entry.ts): nanoseconds per event appended to the event
// log with no interpreter around it; prints one JSON line. run.mjs turns it into each
// workload's floor. Standalone: `node test/bench/log-floor.mjs`.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', '..', 'node_modules', '.cache', 'heapscope-bench');
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, 'log-floor-entry.mjs');
await build({ entryPoints: [join(here, 'log-floor-entry.ts')], outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
await import(pathToFileURL(outfile).href);
