// Bundles the TypeScript sources into dist/ with esbuild (fast start-up: one file per
// entry point, dependencies left as imports). Type checking is `npm run typecheck`.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: {
    cli: 'cli.tsx',
    'headless-worker': 'source/cli/headless-worker.ts',
    'runtime-worker': 'source/session/runtime-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  jsx: 'automatic',
  define: { HEAPSCOPE_VERSION: JSON.stringify(pkg.version) },
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
}).catch(() => process.exit(1));
// As npm does for a package's bin on install: `dist/cli.js` runs through its #! line.
chmodSync('dist/cli.js', 0o755);
