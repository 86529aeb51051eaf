#!/usr/bin/env node
// heapscope against CPython: `npm run bench` (builds dist/ first), or after a build
//
//     node test/bench/run.mjs [--reps N] [--quick] [--only churn,calls] [--no-events] [--no-ui]
//
// Each workload in test/bench/workloads/ runs under `heapscope run` (the real CLI, every
// event recorded) and under `python3` in the same invocation, alternately, N times
// (default 5; --quick: once, without the event-log and UI benchmarks). For each side it
// takes the median of the script's own time (start-up excluded on both sides: python3's
// start-up is ~1 s of wall time on these machines), of process wall time, CPU time and
// peak RSS; for heapscope also the events recorded and bytes per event. The outputs must
// match python3's. The event-log benchmark (events.mjs) and the dashboard's (ui.mjs, if
// present) run after, and everything goes to test/bench/report.md and report.json.
//
// Targets (issue 9) are checked against the medians; the machine is shared and noisy, so
// compare ratios measured in one run, and read the load average printed with them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/**
 * The workloads, with their targets: `ratio` is heapscope's script time over python3's
 * (median), `ms` an absolute bound on heapscope's script time.
 */
const WORKLOADS = [
  { name: 'churn', file: 'churn.py', what: '10^6 × `x = [i]`', target: { ratio: 5 } },
  { name: 'cycles', file: 'cycles.py', what: '2·10^5 two-object cycles, gc.collect()', target: { ratio: 3 } },
  { name: 'list_repeat', file: 'list_repeat.py', what: '`[1] * 10**7`', target: { ms: 1000 } },
  { name: 'list_range', file: 'list_range.py', what: '`list(range(10**6))`', target: null },
  { name: 'dict_build', file: 'dict_build.py', what: 'dict of 10^5 entries', target: null },
  { name: 'generators', file: 'generators.py', what: 'sum over a generator of 10^6', target: { ratio: 5 } },
  { name: 'object_tree', file: 'object_tree.py', what: 'binary tree of depth 16, __slots__, walked', target: { ratio: 5 } },
  { name: 'calls', file: 'calls.py', what: '10^6 calls with 3 arguments', target: { ratio: 5 } },
  { name: 'strings', file: 'strings.py', what: 'f-strings, += and join in loops', target: null },
];
/** Bytes per recorded event, on average over all workloads. */
const BYTES_PER_EVENT_TARGET = 16;

function parseArgs(argv) {
  const opts = { reps: 5, quick: false, only: null, events: true, ui: true, out: join(here, 'report') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--reps') opts.reps = Number(argv[++i]);
    else if (a.startsWith('--reps=')) opts.reps = Number(a.slice(7));
    else if (a === '--quick') opts.quick = true;
    else if (a === '--only') opts.only = argv[++i].split(',');
    else if (a.startsWith('--only=')) opts.only = a.slice(7).split(',');
    else if (a === '--no-events') opts.events = false;
    else if (a === '--no-ui') opts.ui = false;
    else if (a === '--out') opts.out = argv[++i];
    else {
      process.stderr.write(`bench: unknown argument ${a}\nusage: node test/bench/run.mjs [--reps N] [--quick] [--only a,b] [--no-events] [--no-ui] [--out PREFIX]\n`);
      process.exit(2);
    }
  }
  if (opts.quick) {
    opts.reps = 1;
    opts.events = false;
    opts.ui = false;
  }
  if (!Number.isInteger(opts.reps) || opts.reps < 1) {
    process.stderr.write('bench: --reps needs a positive integer\n');
    process.exit(2);
  }
  if (opts.only) {
    const known = new Set(WORKLOADS.map((w) => w.name));
    const unknown = opts.only.filter((n) => !known.has(n));
    if (unknown.length) {
      process.stderr.write(`bench: unknown workload ${unknown.join(', ')} (have ${[...known].join(', ')})\n`);
      process.exit(2);
    }
  }
  return opts;
}

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, digits = 0) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));

const scratch = mkdtempSync(join(tmpdir(), 'heapscope-bench-'));
const statsFile = join(scratch, 'stats.json');
const TIMEOUT_MS = 10 * 60 * 1000;

/** One run of `command`; the stats file it writes (HEAPSCOPE_BENCH_STATS) plus wall time and output. */
function runOnce(command, args) {
  rmSync(statsFile, { force: true });
  const spawnedAt = Date.now();
  const t = performance.now();
  const r = spawnSync(command, args, {
    cwd: root,
    env: { ...process.env, HEAPSCOPE_BENCH_STATS: statsFile, LANG: 'C.UTF-8', PYTHONIOENCODING: 'utf-8', PYTHONHASHSEED: '0' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: TIMEOUT_MS,
  });
  const wallMs = performance.now() - t;
  let stats = null;
  if (existsSync(statsFile)) {
    try {
      stats = JSON.parse(readFileSync(statsFile, 'utf8'));
      // Start-up: from the spawn to the program's first step (heapscope only).
      if (typeof stats.startedAt === 'number') stats.startupMs = stats.startedAt - spawnedAt;
    } catch {
      stats = null;
    }
  }
  const error = r.error ? r.error.message : r.status !== 0 ? `exit ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` : stats === null ? 'no stats written' : null;
  return { wallMs, stats, stdout: r.stdout ?? '', error };
}

/** `heapscope run FILE` as a user runs it: dist/cli.js through its #! line (build.mjs). */
function heapscopeRun(file) {
  return runOnce(join(root, 'dist', 'cli.js'), ['run', file]);
}

function pythonRun(file) {
  return runOnce('python3', [join(here, 'time-python.py'), file]);
}

function summarize(runs, fields) {
  const out = { runs: runs.length, errors: runs.filter((r) => r.error).map((r) => r.error) };
  out.wallMs = round(median(runs.map((r) => r.wallMs)));
  for (const f of fields) out[f] = round(median(runs.map((r) => r.stats?.[f])), f === 'bytesPerEvent' ? 2 : 0);
  return out;
}

function runWorkload(w, reps) {
  const file = join(here, 'workloads', w.file);
  const hs = [];
  const py = [];
  for (let i = 0; i < reps; i++) {
    // Alternate, so that both sides see the same load.
    hs.push(heapscopeRun(file));
    py.push(pythonRun(file));
    process.stderr.write('.');
  }
  const mismatch = hs.some((r, i) => !r.error && !py[i].error && r.stdout !== py[i].stdout);
  const heapscope = summarize(hs, ['scriptMs', 'scriptCpuMs', 'startupMs', 'maxRssKB', 'events', 'logBytes', 'bytesPerEvent', 'jsHeapKB']);
  const python = summarize(py, ['scriptMs', 'scriptCpuMs', 'maxRssKB']);
  const ratio = heapscope.scriptMs !== null && python.scriptMs ? round(heapscope.scriptMs / python.scriptMs, 2) : null;
  const cpuRatio = heapscope.scriptCpuMs !== null && python.scriptCpuMs ? round(heapscope.scriptCpuMs / python.scriptCpuMs, 2) : null;
  const wallRatio = heapscope.wallMs && python.wallMs ? round(heapscope.wallMs / python.wallMs, 2) : null;
  let met = null;
  if (w.target?.ratio !== undefined) met = ratio !== null && ratio <= w.target.ratio;
  else if (w.target?.ms !== undefined) met = heapscope.scriptMs !== null && heapscope.scriptMs < w.target.ms;
  if (mismatch || heapscope.errors.length) met = false;
  return { name: w.name, what: w.what, target: w.target, heapscope, python, ratio, cpuRatio, wallRatio, outputMatches: !mismatch, met };
}

/** A benchmark script that prints one JSON line (events.mjs, ui.mjs). */
function runJsonBench(script, env = {}) {
  const r = spawnSync(process.execPath, [join(here, script)], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: TIMEOUT_MS });
  const line = (r.stdout ?? '').trim().split('\n').filter(Boolean).pop();
  if (r.status !== 0 || !line) return { error: r.error?.message ?? `exit ${r.status}: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  try {
    return JSON.parse(line);
  } catch {
    return { error: `not JSON: ${line.slice(0, 200)}` };
  }
}

function version(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return (r.stdout || r.stderr || '').trim();
}

// ---------------------------------------------------------------- main

const opts = parseArgs(process.argv.slice(2));
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  process.stderr.write('bench: dist/cli.js is missing: run `npm run build` (or `npm run bench`)\n');
  process.exit(2);
}
const report = {
  date: new Date().toISOString(),
  node: process.version,
  python: version('python3', ['--version']),
  cpus: (await import('node:os')).cpus().length,
  loadAverageBefore: loadavg().map((x) => round(x, 2)),
  reps: opts.reps,
  workloads: [],
  /** Nanoseconds per event appended to the log alone (log-floor.mjs). */
  recordingFloor: null,
  bytesPerEvent: null,
  events: null,
  ui: null,
  loadAverageAfter: null,
};

// The recording floor: what appending a workload's events costs with nothing else going on.
process.stderr.write('log-floor.mjs ...\n');
report.recordingFloor = runJsonBench('log-floor.mjs');
const nsPerEvent = report.recordingFloor?.nsPerEvent ?? null;

for (const w of WORKLOADS) {
  if (opts.only && !opts.only.includes(w.name)) continue;
  process.stderr.write(`${w.name} `);
  const result = runWorkload(w, opts.reps);
  if (nsPerEvent !== null && result.heapscope.events !== null) {
    result.floorMs = round((result.heapscope.events * nsPerEvent) / 1e6);
    result.floorRatio = result.python.scriptMs ? round(result.floorMs / result.python.scriptMs, 2) : null;
  }
  report.workloads.push(result);
  process.stderr.write(` ${result.heapscope.scriptMs} ms vs ${result.python.scriptMs} ms: ${result.ratio}×${result.met === false ? ' (target missed)' : ''}\n`);
}
const events = report.workloads.reduce((s, w) => s + (w.heapscope.events ?? 0), 0);
const bytes = report.workloads.reduce((s, w) => s + (w.heapscope.logBytes ?? 0), 0);
report.bytesPerEvent = events ? round(bytes / events, 2) : null;

if (opts.events) {
  if (existsSync(join(here, 'events.mjs'))) {
    process.stderr.write('events.mjs ...\n');
    report.events = runJsonBench('events.mjs');
  } else report.events = { error: 'test/bench/events.mjs is not there yet' };
}
if (opts.ui) {
  if (existsSync(join(here, 'ui.mjs'))) {
    process.stderr.write('ui.mjs ...\n');
    report.ui = runJsonBench('ui.mjs', { BENCH_RUNS: String(opts.reps) });
  } else report.ui = { error: 'test/bench/ui.mjs is not there yet' };
}
report.loadAverageAfter = loadavg().map((x) => round(x, 2));
rmSync(scratch, { recursive: true, force: true });

writeFileSync(`${opts.out}.json`, JSON.stringify(report, null, 2) + '\n');
const md = markdown(report);
writeFileSync(`${opts.out}.md`, md);
process.stdout.write(md);
process.stderr.write(`\nwritten: ${opts.out}.md, ${opts.out}.json\n`);

// ---------------------------------------------------------------- report

function markdown(r) {
  const mb = (kb) => (kb === null || kb === undefined ? '–' : (kb / 1024).toFixed(0));
  const v = (x) => (x === null || x === undefined ? '–' : String(x));
  const targetText = (t) => (!t ? '' : t.ratio !== undefined ? `≤ ${t.ratio}×` : `< ${t.ms} ms`);
  const verdict = (w) => (w.met === null ? '' : w.met ? 'yes' : 'NO');
  const lines = [
    `# heapscope benchmark, ${r.date}`,
    '',
    `${r.python}, node ${r.node}, ${r.cpus} CPUs, load average ${r.loadAverageBefore.join(' ')} before, ${r.loadAverageAfter.join(' ')} after; median of ${r.reps}.`,
    'Script time: the program alone (parse, run, finalization), start-up excluded on both sides.',
    `Recording floor: the workload's events × ${v(r.recordingFloor?.nsPerEvent)} ns, the time appending one event to the log takes with no interpreter around it (log-floor.mjs${r.recordingFloor?.error ? ': ' + r.recordingFloor.error : ''}); its ratio to python3 is the least any interpreter recording these events could reach.`,
    '',
    '| workload | heapscope ms | python3 ms | ratio | target | met | recording floor ms (ratio) | CPU ratio | process ratio | hs start-up ms | events | B/event | peak RSS MB hs / py | output |',
    '|---|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const w of r.workloads) {
    const h = w.heapscope;
    const p = w.python;
    const errors = [...h.errors, ...p.errors];
    lines.push(
      `| ${w.name} (${w.what}) | ${v(h.scriptMs)} | ${v(p.scriptMs)} | ${v(w.ratio)}× | ${targetText(w.target)} | ${verdict(w)} | ${v(w.floorMs)} (${v(w.floorRatio)}×) | ${v(w.cpuRatio)}× | ${v(w.wallRatio)}× | ${v(h.startupMs)} | ${v(h.events)} | ${v(h.bytesPerEvent)} | ${mb(h.maxRssKB)} / ${mb(p.maxRssKB)} | ${errors.length ? 'ERROR: ' + errors[0] : w.outputMatches ? 'same' : 'DIFFERS'} |`,
    );
  }
  lines.push('', `Bytes per recorded event over all workloads: ${v(r.bytesPerEvent)} (target ≤ ${BYTES_PER_EVENT_TARGET}: ${r.bytesPerEvent !== null && r.bytesPerEvent <= BYTES_PER_EVENT_TARGET ? 'met' : 'NOT met'}).`);
  for (const [title, data] of [['Event log (events.mjs)', r.events], ['Dashboard (ui.mjs)', r.ui]]) {
    if (data === null) continue;
    lines.push('', `## ${title}`, '', '| measure | value |', '|---|---|');
    for (const [k, x] of Object.entries(data)) lines.push(`| ${k} | ${typeof x === 'object' ? JSON.stringify(x) : x} |`);
  }
  return lines.join('\n') + '\n';
}
