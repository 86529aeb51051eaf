// esbuild plugins for the dashboard's bundle (dist/tui.js), shared by build.mjs and the
// frame benchmark (test/bench/ui.mjs), which must draw with the same code.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Ink imports react-devtools-core only when DEV=true; the bundle has no devtools. */
export const noDevtools = {
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
export const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const text = readFileSync(args.path, 'utf8');
      const from = 'function ya(){return w||"function"!=typeof fetch?';
      if (text.split(from).length !== 2) throw new Error(`yoga-without-fetch: ${args.path} changed; update build-plugins.mjs`);
      return { contents: text.replace(from, 'function ya(){return true?'), loader: 'js' };
    });
  },
};

/**
 * string-width, which Ink measures every line of text with, behind a fast path for the
 * characters the panels draw with (source/ui/text-width.ts). Outside printable ASCII it
 * segments graphemes and tests emoji expressions; their first use alone cost about 20 ms
 * of the first frame.
 */
export const fastStringWidth = {
  name: 'fast-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await b.resolve('string-width', { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'real' });
      return { path: real.path, namespace: 'fast-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'fast-string-width' }, (args) => ({
      contents: `import stringWidth from ${JSON.stringify(args.path)};\nimport { narrowWidth } from ${JSON.stringify(fileURLToPath(new URL('./source/ui/text-width.ts', import.meta.url)))};\nexport default function fastStringWidth(text, options) {\n  const n = options === undefined ? narrowWidth(text) : -1;\n  return n >= 0 ? n : stringWidth(text, options);\n}\n`,
      loader: 'js',
      resolveDir: '.',
    }));
  },
};
