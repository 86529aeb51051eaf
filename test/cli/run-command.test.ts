/**
 * The headless CLI as a user meets it: exit codes and one-line errors for bad input,
 * --help and --version, NotImplementedError for constructs heapscope cannot run yet.
 * Runs the built binary (npm test builds dist/ before vitest).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'heapscope-cli-'));

function run(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return name;
}

describe('heapscope run', () => {
  it('prints the program output and exits 0', () => {
    const r = run(['run', file('hello.py', 'print("hello", 6 * 7)\n')]);
    expect(r).toEqual({ code: 0, stdout: 'hello 42\n', stderr: '' });
  });

  it('asks for a file when none is given', () => {
    const r = run(['run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing FILE.py');
  });

  it('raises NotImplementedError naming an unsupported construct and its line', () => {
    const src = 'print("before")\nasync def f():\n    pass\n';
    const r = run(['run', file('async.py', src)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('before\n');
    expect(r.stderr).toContain('NotImplementedError: heapscope does not support async def yet (line 2)');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no JavaScript stack trace
  });

  it('names the modules heapscope provides when a standard module is not modelled', () => {
    const r = run(['run', file('imp.py', 'import decimal\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("ModuleNotFoundError: heapscope does not model the standard library module 'decimal' yet\n");
    expect(r.stderr).toMatch(/heapscope provides these modules: .*\bgc\b.*\bsys\b/);
  });

  it('honours SystemExit codes', () => {
    expect(run(['run', file('exit3.py', 'import sys\nsys.exit(3)\n')]).code).toBe(3);
    const r = run(['run', file('exitmsg.py', 'raise SystemExit("bye")\n')]);
    expect(r).toMatchObject({ code: 1, stderr: 'bye\n' });
  });
});

describe('heapscope --help / --version', () => {
  it('prints usage', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('heapscope run FILE.py');
  });

  it('prints the package version', () => {
    const r = run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
