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
  // The event log grows by megabytes per second, and every first write to a 4 KiB page costs
  // a page fault (on these VMs, about as much as the rest of the work): the #! line asks
  // glibc's malloc, which backs typed arrays, for transparent huge pages where the kernel
  // gives them on request (THP "madvise" mode). Other C libraries ignore the variable.
  banner: { js: '#!/usr/bin/env -S GLIBC_TUNABLES=glibc.malloc.hugetlb=1 node' },
  logLevel: 'warning',
}).catch(() => process.exit(1));
// As npm does for a package's bin on install: `dist/cli.js` runs through its #! line.
chmodSync('dist/cli.js', 0o755);
