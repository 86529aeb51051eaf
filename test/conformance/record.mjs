#!/usr/bin/env node
// Re-record the expected output of every conformance program and every bundled scenario
// from real CPython 3.11: runs `python3 NAME.py` in the program's folder (so tracebacks
// show "NAME.py"), and stores stdout, stderr and the exit code in the suite's expected/NAME.json.
// Scenarios (scenarios/*.py → test/scenarios/expected/) may import memory_profiler: they run
// with Debian's python3-memory-profiler (and its psutil) on the path.
// Usage: node test/conformance/record.mjs [NAME ...]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const DEBIAN_PACKAGES = '/usr/lib/python3/dist-packages';

const suites = [
  { programs: join(here, 'programs'), expected: join(here, 'expected'), pythonPath: null },
  { programs: join(root, 'scenarios'), expected: join(root, 'test', 'scenarios', 'expected'), pythonPath: DEBIAN_PACKAGES },
];

const version = execFileSync('python3', ['--version']).toString().trim();
if (!version.startsWith('Python 3.11.')) {
  console.error(`record.mjs needs CPython 3.11 as python3 (found ${version})`);
  process.exit(1);
}
const only = new Set(process.argv.slice(2));
let count = 0;
for (const suite of suites) {
  mkdirSync(suite.expected, { recursive: true });
  for (const file of readdirSync(suite.programs).filter((f) => f.endsWith('.py')).sort()) {
    const name = file.slice(0, -3);
    if (only.size && !only.has(name)) continue;
    const env = { PATH: process.env.PATH, PYTHONHASHSEED: '0', LANG: 'C.UTF-8', PYTHONIOENCODING: 'utf-8' };
    if (suite.pythonPath) {
      if (!existsSync(join(suite.pythonPath, 'memory_profiler.py'))) {
        console.error(`record.mjs: scenarios need memory_profiler in ${suite.pythonPath} (apt-get install -y python3-memory-profiler)`);
        process.exit(1);
      }
      env.PYTHONPATH = suite.pythonPath;
    }
    const r = spawnSync('python3', [file], { cwd: suite.programs, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    // The script's absolute path depends on the checkout: store it as <DIR>.
    const normalize = (text) => text.split(suite.programs).join('<DIR>');
    const result = { python: version, stdout: normalize(r.stdout), stderr: normalize(r.stderr), exitCode: r.status };
    writeFileSync(join(suite.expected, `${name}.json`), JSON.stringify(result, null, 1) + '\n');
    count++;
  }
}
console.log(`recorded ${count} program(s) with ${version}`);
