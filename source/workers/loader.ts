/**
 * The entry of both worker threads (dist/headless-worker.js and dist/runtime-worker.js):
 * loads the runtime's bundle, dist/workers.cjs, as a classic script compiled with the V8
 * code cache that the build left beside it (dist/workers.cache).
 *
 * Start-up of `heapscope run` is mostly the worker's: Node's ESM loader compiles a bundle
 * of over a megabyte from nothing on every run, and bootstrapping the modelled interpreter
 * then compiles each function it calls on first use. The build runs a small program once
 * and saves V8's code cache afterwards (build.mjs); with it V8 skips both, and the code is
 * the same code. Node 20 has no module.enableCompileCache, hence the classic script.
 *
 * V8 checks a cache against its own version and flags and the source's length only, so the
 * cache starts with the build's id, which the bundle ends with: a cache from another build
 * is never used. A rejected or missing cache only costs the compile it would have saved.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { workerData } from 'node:worker_threads';
import type { WorkerKind } from './bundle.js';

/** The bundle's last line: BUILD_ID_PREFIX and the build's id. */
export const BUILD_ID_PREFIX = '//# heapscope-build=';

type Bundle = { startWorker: (kind: WorkerKind) => Promise<unknown> };

/** Set in workerData by the build only: write the code cache there after the run. */
export type CodeCacheRequest = { readonly codeCacheOut?: string };

export function loadWorkerBundle(kind: WorkerKind): void {
  const file = fileURLToPath(new URL('./workers.cjs', import.meta.url));
  const bytes = readFileSync(file);
  // esbuild writes ASCII (other characters escaped; minified, so no comments): read as
  // latin1, the bytes are the string, where decoding a megabyte as UTF-8 takes ~10 ms.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const id = buildId(source);
  const cachedData = readCodeCache(file.replace(/\.cjs$/, '.cache'), id);
  // Node's own CommonJS wrapper, on the first line so that line numbers stay the file's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as Bundle };
  const wrapper = script.runInThisContext() as (e: object, r: NodeRequire, m: object, f: string, d: string) => void;
  wrapper(module.exports, createRequire(file), module, file, fileURLToPath(new URL('.', import.meta.url)));
  const started = module.exports.startWorker(kind);
  const out = (workerData as CodeCacheRequest | null)?.codeCacheOut;
  if (out) void started.then(() => writeFileSync(out, Buffer.concat([Buffer.from(`${id}\n`, 'latin1'), script.createCachedData()])));
}

/** The id in the bundle's BUILD_ID_PREFIX line ('' when it has none). */
function buildId(source: string): string {
  const at = source.lastIndexOf(BUILD_ID_PREFIX);
  if (at < 0) return '';
  const end = source.indexOf('\n', at);
  return source.slice(at + BUILD_ID_PREFIX.length, end < 0 ? source.length : end).trim();
}

/** The V8 data of the cache file when it was made for build `id`, else undefined. */
function readCodeCache(path: string, id: string): Buffer | undefined {
  let cache: Buffer;
  try {
    cache = readFileSync(path);
  } catch {
    return undefined;
  }
  const nl = cache.indexOf(10);
  return id !== '' && nl > 0 && cache.toString('latin1', 0, nl) === id ? cache.subarray(nl + 1) : undefined;
}
