// Bundles the TypeScript sources into dist/ with esbuild (fast start-up: one file per
// entry point), then makes the V8 code cache of the runtime's bundle. Type checking is
// `npm run typecheck`.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { fastStringWidth, noDevtools, yogaWithoutFetch } from './build-plugins.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const common = {
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  jsx: 'automatic',
  define: { HEAPSCOPE_VERSION: JSON.stringify(pkg.version) },
  // The event log grows by megabytes per second, and every first write to a 4 KiB page costs
  // a page fault (on these VMs, about as much as the rest of the work): the #! line asks
  // glibc's malloc, which backs typed arrays, for transparent huge pages where the kernel
  // gives them on request (THP "madvise" mode). Other C libraries ignore the variable.
  banner: { js: '#!/usr/bin/env -S GLIBC_TUNABLES=glibc.malloc.hugetlb=1 node' },
  logLevel: 'warning',
};

/** The two worker entries: each loads the runtime's bundle (source/workers/loader.ts). */
const workerEntries = {
  name: 'worker-entries',
  setup(b) {
    b.onResolve({ filter: /^worker-entry:/ }, (args) => ({ path: args.path.slice('worker-entry:'.length), namespace: 'worker-entry' }));
    b.onLoad({ filter: /.*/, namespace: 'worker-entry' }, (args) => ({
      contents: `import { loadWorkerBundle } from './source/workers/loader.ts';\nloadWorkerBundle(${JSON.stringify(args.path)});\n`,
      resolveDir: '.',
      loader: 'ts',
    }));
  },
};

/** Every build has its own id, which its code cache must carry (source/workers/loader.ts). */
const buildId = randomUUID();

await Promise.all([
  // Dependencies stay imports: the headless runner loads little on the main thread.
  build({
    ...common,
    entryPoints: { cli: 'cli.tsx' },
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: { 'headless-worker': 'worker-entry:headless', 'runtime-worker': 'worker-entry:dashboard' },
    plugins: [workerEntries],
  }),
  // The runtime, for both workers: one classic script with everything in it (no module
  // resolution at start-up), without whitespace and comments (which also makes it ASCII)
  // but otherwise as written, so that stack traces and V8's error messages ("x.run is not
  // a function") read as the source. Its last line is the build's id.
  build({
    ...common,
    entryPoints: { workers: 'source/workers/bundle.ts' },
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    minifyWhitespace: true,
    banner: {},
    footer: { js: `//# heapscope-build=${buildId}` },
  }),
  // The dashboard, loaded by cli.js only when it opens, with Ink, React and their
  // dependencies bundled in (production React): one file loads several times faster
  // than the hundreds of modules it replaces, which is most of the time to the first frame.
  build({
    ...common,
    entryPoints: { tui: 'source/ui/tui.tsx' },
    // Without whitespace and comments: a third smaller, and ASCII (V8 reads one-byte source faster).
    minifyWhitespace: true,
    define: { ...common.define, 'process.env.NODE_ENV': '"production"' },
    plugins: [noDevtools, yogaWithoutFetch, fastStringWidth],
    banner: { js: `${common.banner.js}\nimport { createRequire as __heapscopeRequire } from 'node:module';\nconst require = __heapscopeRequire(import.meta.url);` },
  }),
]).catch(() => process.exit(1));
// As npm does for a package's bin on install: `dist/cli.js` runs through its #! line.
chmodSync('dist/cli.js', 0o755);

/**
 * A short program run once to make the code cache: start-up (the bootstrap of the modelled
 * interpreter) and the commonest paths of a first line. V8 saves what was compiled by then.
 */
const CACHE_PROGRAM = `import gc
class Node:
    def __init__(self, value):
        self.value = value
        self.next = None

def build(n):
    items = [Node(i) for i in range(n)]
    for a, b in zip(items, items[1:]):
        a.next = b
    return {f"node{i}": node for i, node in enumerate(items)}

nodes = build(10)
print(len(nodes), sum(n.value for n in nodes.values()), gc.collect())
`;

/** Run the headless worker once on CACHE_PROGRAM; it writes dist/workers.cache. */
async function makeCodeCache() {
  const out = 'dist/workers.cache';
  rmSync(out, { force: true });
  const worker = new Worker(new URL('./dist/headless-worker.js', import.meta.url), {
    workerData: {
      filename: '/heapscope/code-cache.py',
      source: CACHE_PROGRAM,
      options: {},
      control: new SharedArrayBuffer(8),
      unbuffered: false,
      record: null,
      codeCacheOut: out,
    },
    // As run-command.ts starts it (V8 rejects a cache made under other flags).
    resourceLimits: { stackSizeMb: 256 },
    stdout: true,
    stderr: true,
  });
  let output = '';
  worker.on('message', (m) => {
    if (m.type === 'output') output += m.chunks.map((c) => c.text).join('');
  });
  const code = await new Promise((resolve, reject) => {
    worker.on('error', reject);
    worker.on('exit', resolve);
  });
  if (code !== 0 || output !== '10 45 0\n') throw new Error(`build: the code-cache run failed (exit ${code}): ${output}`);
}

await makeCodeCache().catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
