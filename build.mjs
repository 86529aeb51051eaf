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
  banner: { js: '#!/usr/bin/env node' },
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
    plugins: [noDevtools],
    banner: { js: `${common.banner.js}\nimport { createRequire as __heapscopeRequire } from 'node:module';\nconst require = __heapscopeRequire(import.meta.url);` },
  }),
]).catch(() => process.exit(1));
// As npm does for a package's bin on install: `dist/cli.js` runs through its #! line.
chmodSync('dist/cli.js', 0o755);
