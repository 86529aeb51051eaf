/**
 * A heapscope bug never shows the user a JavaScript stack trace: one line on stderr,
 * exit code 70; HEAPSCOPE_DEBUG=1 adds the stack. The faults are injected
 * (HEAPSCOPE_TEST_FAULT) in the main thread, in the worker's start-up and in the worker
 * while it runs the program.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'heapscope-internal-'));
writeFileSync(join(dir, 'ok.py'), 'print("fine")\n');

function run(fault: string, debug = false) {
  const env: NodeJS.ProcessEnv = { ...process.env, HEAPSCOPE_TEST_FAULT: fault };
  delete env.HEAPSCOPE_DEBUG;
  if (debug) env.HEAPSCOPE_DEBUG = '1';
  const r = spawnSync(process.execPath, [cli, 'run', 'ok.py'], { cwd: dir, encoding: 'utf8', env, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const LINE = /^heapscope: internal error: TypeError: missing\.run is not a function \(please report; rerun with HEAPSCOPE_DEBUG=1 for the stack\)\n$/;

describe('internal errors', () => {
  it.each(['main', 'worker-startup', 'worker'])('in %s: one line, exit code 70, no stack', (fault) => {
    const r = run(fault);
    expect(r.stderr).toMatch(LINE);
    expect(r.code).toBe(70);
    expect(r.stdout).toBe('');
  });

  it('HEAPSCOPE_DEBUG=1 adds the stack', () => {
    const r = run('worker', true);
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(/^heapscope: internal error: TypeError: missing\.run is not a function \(please report\)\nTypeError: missing\.run is not a function\n\s+at /);
  });

  it('without a fault the same file runs', () => {
    expect(run('none')).toEqual({ code: 0, stdout: 'fine\n', stderr: '' });
  });
});
