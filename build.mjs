// Bundles the TypeScript sources into dist/ with esbuild (fast start-up: one file per
// entry point). Type checking is `npm run typecheck`.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

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

/** Ink imports react-devtools-core only when DEV=true; the bundle has no devtools. */
const noDevtools = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };' }));
  },
};

/**
 * Yoga (Ink's layout engine) is WebAssembly embedded as a data: URL, which its Emscripten
 * loader fetches with the global fetch() when there is one. In Node that first touch of
 * fetch loads undici and runs a whole fetch to decode the string: about 50 ms before the
 * first frame. The loader's own synchronous path (atob) gives the same bytes.
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const text = readFileSync(args.path, 'utf8');
      const from = 'function ya(){return w||"function"!=typeof fetch?';
      if (text.split(from).length !== 2) throw new Error(`yoga-without-fetch: ${args.path} changed; update build.mjs`);
      return { contents: text.replace(from, 'function ya(){return true?'), loader: 'js' };
    });
  },
};

await Promise.all([
  // Dependencies stay imports: the headless runner and the workers load little.
  build({
    ...common,
    entryPoints: {
      cli: 'cli.tsx',
      'headless-worker': 'source/cli/headless-worker.ts',
      'runtime-worker': 'source/session/runtime-worker.ts',
    },
    packages: 'external',
  }),
  // The dashboard, loaded by cli.js only when it opens, with Ink, React and their
  // dependencies bundled in (production React): one file loads several times faster
  // than the hundreds of modules it replaces, which is most of the time to the first frame.
  build({
    ...common,
    entryPoints: { tui: 'source/ui/tui.tsx' },
    define: { ...common.define, 'process.env.NODE_ENV': '"production"' },
    plugins: [noDevtools, yogaWithoutFetch],
    banner: { js: `${common.banner.js}\nimport { createRequire as __heapscopeRequire } from 'node:module';\nconst require = __heapscopeRequire(import.meta.url);` },
  }),
]).catch(() => process.exit(1));
// As npm does for a package's bin on install: `dist/cli.js` runs through its #! line.
chmodSync('dist/cli.js', 0o755);
