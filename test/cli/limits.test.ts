/**
 * Runaway programs under `heapscope run`: --max-steps, --timeout and --memory-limit stop
 * them with one line on stderr and a documented exit code (125, 124, MemoryError); the
 * host is protected by default (2 GiB modelled); MemoryError and RecursionError look as
 * in python3 (for MemoryError, python3 under `ulimit -v`); a closed stdout pipe gives
 * python3's BrokenPipeError.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'heapscope-limits-'));

type Result = { code: number | null; stdout: string; stderr: string };

function sh(command: string, env: Record<string, string> = {}): Result {
  const r = spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function heapscope(args: string): Result {
  return sh(`"${process.execPath}" "${cli}" ${args}`);
}

function file(name: string, content: string): string {
  writeFileSync(join(dir, name), content);
  return name;
}

const loop = 'print("start")\ni = 0\nwhile True:\n    i += 1\n';

describe('--max-steps and --timeout', () => {
  it('--max-steps N stops after N lines with exit code 125', () => {
    const r = heapscope(`run --max-steps 1000 ${file('loop.py', loop)}`);
    expect(r).toEqual({ code: 125, stdout: 'start\n', stderr: 'heapscope: stopped after 1000 steps (--max-steps 1000), at line 4 of loop.py\n' });
  });

  it('--timeout SECONDS stops a loop with exit code 124', () => {
    const r = heapscope(`run --timeout 0.5 ${file('loop2.py', loop)}`);
    expect(r.code).toBe(124);
    expect(r.stdout).toBe('start\n');
    expect(r.stderr).toMatch(/^heapscope: stopped after 0.5 seconds \(--timeout 0.5\), at line [34] of loop2.py\n$/);
  });

  it('--timeout also stops a program stuck inside one long operation', () => {
    const r = heapscope(`run --timeout 0.5 ${file('sum.py', 'print("start", flush=True)\nx = sum(range(10**15))\n')}`);
    expect(r).toEqual({ code: 124, stdout: 'start\n', stderr: 'heapscope: stopped after 0.5 seconds (--timeout 0.5)\n' });
  });

  it('bad values are refused in one line with exit code 2', () => {
    expect(heapscope('run --max-steps 0 loop.py')).toEqual({ code: 2, stdout: '', stderr: "heapscope run: --max-steps wants a whole number of steps (lines started) of at least 1, not '0'\n" });
    expect(heapscope('run --timeout soon loop.py')).toEqual({ code: 2, stdout: '', stderr: "heapscope run: --timeout wants a number of seconds greater than 0, not 'soon'\n" });
    expect(heapscope('run --memory-limit lots loop.py')).toEqual({ code: 2, stdout: '', stderr: "heapscope run: --memory-limit wants a size such as 512M or 2G, not 'lots'\n" });
  });
});

describe('memory', () => {
  /** python3 with its address space limited to about 2 GB, as heapscope's default limit. */
  const python = (name: string) => sh(`ulimit -v 2000000; python3 ${name}`);

  it.each([
    ['list.py', 'x = [0] * 10**9\n'],
    ['str.py', "x = 'a' * 10**10\n"],
    ['tuple.py', 'x = (1,) * 10**9\n'],
    ['range.py', 'x = list(range(10**9))\n'],
    ['shift.py', 'x = 1 << (10**11)\n'],
    ['caught.py', 'try:\n    x = [None] * 10**10\nexcept MemoryError as e:\n    print("caught", repr(e))\nprint("on")\n'],
  ])('%s: MemoryError as python3 under ulimit -v', (name, source) => {
    file(name, source);
    const h = heapscope(`run ${name}`);
    expect(h).toEqual(python(name));
  });

  it('--memory-limit SIZE: MemoryError when the modelled heap grows past it', () => {
    const r = heapscope(`run --memory-limit 16M ${file('grow.py', 'l = []\nwhile True:\n    l.append(object())\n')}`);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Traceback (most recent call last):\n  File "${join(dir, 'grow.py')}", line 3, in <module>\n    l.append(object())\nMemoryError\n`);
  });

  it('a program can catch the MemoryError and go on', () => {
    const src = 'l = []\ntry:\n    while True:\n        l.append(object())\nexcept MemoryError:\n    n = len(l)\n    del l\n    print("caught", n > 100000)\nprint("done")\n';
    expect(heapscope(`run --memory-limit 16M ${file('catch.py', src)}`)).toEqual({ code: 0, stdout: 'caught True\ndone\n', stderr: '' });
  });

  it('the JavaScript heap running out stops the run cleanly with exit code 137', () => {
    const src = 'l = []\nwhile True:\n    l.append([0] * 1000)\n';
    const r = sh(`"${process.execPath}" "${cli}" run ${file('jsheap.py', src)}`, { HEAPSCOPE_JS_HEAP_MB: '64' });
    expect(r.code).toBe(137);
    expect(r.stderr).toMatch(/^heapscope: stopped: the program needs more host memory than heapscope can give it .*\n$/);
  });
});

describe('recursion', () => {
  it.each([
    ['rec.py', 'def f():\n    f()\nf()\n'],
    ['recgen.py', 'def g(n):\n    yield from g(n + 1)\nlist(g(0))\n'],
    ['reccomp.py', 'def f(n):\n    return [f(n + 1) for _ in (1,)]\nf(0)\n'],
    ['recdel.py', 'class N:\n    def __init__(self, nxt):\n        self.nxt = nxt\n    def __del__(self):\n        pass\nhead = None\nfor i in range(100000):\n    head = N(head)\ndel head\nl = []\nfor _ in range(100000):\n    l = [l]\ndel l\nprint("ok")\n'],
  ])('%s: as python3', (name, source) => {
    file(name, source);
    expect(heapscope(`run ${name}`)).toEqual(sh(`python3 ${name}`));
  });

  it('__repr__ recursion is a RecursionError the program can catch', () => {
    const src = 'class A:\n    def __repr__(self):\n        return repr(self)\ntry:\n    repr(A())\nexcept RecursionError as e:\n    print(str(e).startswith("maximum recursion depth exceeded"))\n';
    expect(heapscope(`run ${file('recrepr.py', src)}`)).toEqual({ code: 0, stdout: 'True\n', stderr: '' });
  });
});

describe('output into a closed pipe', () => {
  const many = 'for i in range(100000):\n    print(i)\n';

  it('| head -1: BrokenPipeError as python3 (unbuffered)', () => {
    file('many.py', many);
    const cmd = (prog: string) => `${prog} many.py 2>err.txt | head -1; echo "status=\${PIPESTATUS[0]}"; cat err.txt`;
    const h = sh(cmd(`"${process.execPath}" "${cli}" run`), { PYTHONUNBUFFERED: '1' });
    const p = sh(cmd('python3'), { PYTHONUNBUFFERED: '1' });
    expect(h).toEqual(p);
    expect(h.stdout).toContain('BrokenPipeError: [Errno 32] Broken pipe\n');
  });

  it('stdout closed: the program runs and prints nothing, as python3', () => {
    file('one.py', 'print("hi")\n');
    expect(sh(`"${process.execPath}" "${cli}" run one.py >&-; echo "status=$?"`)).toEqual(sh('python3 one.py >&-; echo "status=$?"'));
  });
});
