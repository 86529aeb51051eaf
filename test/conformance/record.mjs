#!/usr/bin/env node
// Re-record the expected output of every conformance program from real CPython 3.11:
// runs `python3 NAME.py` in the programs folder (so tracebacks show "NAME.py"), and
// stores stdout, stderr and the exit code in expected/NAME.json.
// Usage: node test/conformance/record.mjs [NAME ...]
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const programs = join(here, 'programs');
const expected = join(here, 'expected');
mkdirSync(expected, { recursive: true });

const version = execFileSync('python3', ['--version']).toString().trim();
if (!version.startsWith('Python 3.11.')) {
  console.error(`record.mjs needs CPython 3.11 as python3 (found ${version})`);
  process.exit(1);
}
const only = new Set(process.argv.slice(2));
let count = 0;
for (const file of readdirSync(programs).filter((f) => f.endsWith('.py')).sort()) {
  const name = file.slice(0, -3);
  if (only.size && !only.has(name)) continue;
  const r = spawnSync('python3', [file], {
    cwd: programs,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, PYTHONHASHSEED: '0', LANG: 'C.UTF-8', PYTHONIOENCODING: 'utf-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  // The script's absolute path depends on the checkout: store it as <DIR>.
  const normalize = (text) => text.split(programs).join('<DIR>');
  const result = { python: version, stdout: normalize(r.stdout), stderr: normalize(r.stderr), exitCode: r.status };
  writeFileSync(join(expected, `${name}.json`), JSON.stringify(result, null, 1) + '\n');
  count++;
}
console.log(`recorded ${count} program(s) with ${version}`);
