// The dashboard's budget (issue 6), measured, not asserted: startup to the first frame
// (< 500 ms), one frame with 10^6 live objects (< 16 ms), key latency while a
// million-iteration loop runs (< 100 ms). Run after `npm run build`:
//
//     node test/bench/ui.mjs
//
// prints one JSON line. The binary runs in a pseudo-terminal made by script(1).
import { spawn, execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fastStringWidth, noDevtools, yogaWithoutFetch } from '../../build-plugins.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** Dashboards still running: a failed wait must not leave them behind (killing `script`
 * closes the pseudo-terminal, which ends the dashboard in it). */
const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** The binary in a 120×40 pseudo-terminal; `output` collects what it draws. */
function launch(args) {
  const command = `stty cols 120 rows 40; exec node dist/cli.js ${args}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: root,
    env: { ...process.env, TERM: 'xterm-256color', CI: '' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  const t0 = performance.now();
  const state = { text: '', child, t0 };
  const waiters = [];
  child.stdout.on('data', (d) => {
    state.text += d.toString();
    for (const w of [...waiters]) w();
  });
  /** Time (ms since `since`) at which the output after `from` contains `needle`. */
  state.waitFor = (needle, from = 0, since = t0, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (state.text.indexOf(needle, from) >= 0) {
          waiters.splice(waiters.indexOf(check), 1);
          clearTimeout(timer);
          resolve(performance.now() - since);
        }
      };
      const timer = setTimeout(() => reject(new Error(`no "${needle}" within ${timeoutMs} ms`)), timeoutMs);
      waiters.push(check);
      check();
    });
  state.quit = async () => {
    child.stdin.write('q');
    await new Promise((r) => child.on('exit', r));
  };
  return state;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => Math.round(x * 10) / 10;

async function startup() {
  const first = [];
  const ready = [];
  for (let i = 0; i < RUNS; i++) {
    const app = launch('test/programs/cycle.py --paused');
    first.push(await app.waitFor('Object graph'));
    ready.push(await app.waitFor('‖ paused'));
    await app.quit();
  }
  return { firstFrameMs: round(median(first)), pausedAtFirstLineMs: round(median(ready)), runs: RUNS };
}

/** Space pauses the running loop, space runs it again: time until the frame says so. */
async function keyLatency() {
  const app = launch('test/bench/key-latency.py --speed max');
  await app.waitFor('▶ running');
  const pause = [];
  const resume = [];
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 150));
    let from = app.text.length;
    let t = performance.now();
    app.child.stdin.write(' ');
    pause.push(await app.waitFor('‖ paused', from, t));
    from = app.text.length;
    t = performance.now();
    app.child.stdin.write(' ');
    resume.push(await app.waitFor('▶ running', from, t));
  }
  await app.quit();
  return { pauseMs: { median: round(median(pause)), max: round(Math.max(...pause)) }, resumeMs: { median: round(median(resume)), max: round(Math.max(...resume)) }, presses: pause.length };
}

async function frames() {
  const dir = mkdtempSync(join(tmpdir(), 'heapscope-bench-'));
  try {
    const out = join(dir, 'ui-frame.mjs');
    // Bundled as dist/tui.js is: Ink and React inside, production React, the same plugins.
    await build({
      entryPoints: [join(root, 'test/bench/ui-frame.tsx')],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      jsx: 'automatic',
      logLevel: 'warning',
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: [noDevtools, yogaWithoutFetch, fastStringWidth],
      banner: { js: "import { createRequire as __benchRequire } from 'node:module';\nconst require = __benchRequire(import.meta.url);" },
    });
    return JSON.parse(execFileSync('node', [out], { cwd: root, encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall time of `node -e ''`: how loaded the machine is (about 40 ms when idle). */
function baseline() {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    execFileSync('node', ['-e', '']);
    times.push(performance.now() - t);
  }
  return round(median(times));
}

const result = { bench: 'ui', node: process.version, emptyNodeMs: baseline(), ...(await startup()), keyLatency: await keyLatency(), frame: await frames() };
process.stdout.write(JSON.stringify(result) + '\n');
