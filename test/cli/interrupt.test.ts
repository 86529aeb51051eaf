/**
 * Ctrl-C during `heapscope run`: the program gets a KeyboardInterrupt where it is, as under
 * python3 (finally blocks run, a handler may catch it); uncaught, the traceback is printed,
 * the interpreter finalizes and the process dies of SIGINT. Compared with python3.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'heapscope-sigint-'));

type Ended = { code: number | null; signal: string | null; stdout: string; stderr: string };

/** Start, wait for "ready" on stderr, send SIGINT (`times` times), collect the rest. */
function interrupt(command: string, args: string[], times = 1): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const p = spawn(command, args, { cwd: dir, env: { ...process.env, PYTHONHASHSEED: '0', PYTHONIOENCODING: 'utf-8' } });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`no end: ${stderr}`));
    }, 60_000);
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (!sent && stderr.includes('ready\n')) {
        sent = true;
        for (let i = 0; i < times; i++) setTimeout(() => p.kill('SIGINT'), 200 + 300 * i);
      }
    });
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

// python3 installs its SIGINT handler only when SIGINT is not ignored: make sure it is not.
const python = (file: string) => interrupt('python3', ['-c', 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp("python3", ["python3", sys.argv[1]])', file]);

function program(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

const loop = (body: string) => `import sys\nprint("start")\nsys.stderr.write("ready\\n")\n${body}`;

describe('Ctrl-C during heapscope run', () => {
  it('uncaught: finally blocks, the traceback, __del__ at exit, then death by SIGINT', async () => {
    const f = program(
      'uncaught.py',
      loop('class Noisy:\n    def __del__(self):\n        print("del at exit")\nkeep = Noisy()\ntry:\n    while True:\n        pass\nfinally:\n    print("cleanup")\n'),
    );
    const h = await interrupt(process.execPath, [cli, 'run', f]);
    expect(h.signal).toBe('SIGINT');
    expect(h.stderr).toMatch(/\nKeyboardInterrupt\n$/);
    expect(h).toEqual(await python(f));
  });

  it('caught by the program, which goes on and exits 0', async () => {
    const f = program('caught.py', loop('try:\n    n = 0\n    while True:\n        n += 1\nexcept KeyboardInterrupt as e:\n    print("caught", repr(e))\nprint("after")\n'));
    const h = await interrupt(process.execPath, [cli, 'run', f]);
    expect(h).toEqual({ code: 0, signal: null, stdout: 'start\ncaught KeyboardInterrupt()\nafter\n', stderr: 'ready\n' });
    expect(h).toEqual(await python(f));
  });

  it('each Ctrl-C is a KeyboardInterrupt of its own', async () => {
    const f = program('stubborn.py', loop('try:\n    while True:\n        pass\nexcept KeyboardInterrupt:\n    print("ignored")\nwhile True:\n    pass\n'));
    const h = await interrupt(process.execPath, [cli, 'run', f], 2);
    expect(h.signal).toBe('SIGINT');
    expect(h.stdout).toBe('start\nignored\n');
    expect(h).toEqual(await interrupt('python3', ['-c', 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp("python3", ["python3", sys.argv[1]])', f], 2));
  });

  it('a second Ctrl-C ends a program inside one long operation', async () => {
    const f = program('stuck.py', loop('print(sum(range(10 ** 12)))\n'));
    const h = await interrupt(process.execPath, [cli, 'run', f], 2);
    expect(h).toEqual({ code: null, signal: 'SIGINT', stdout: 'start\n', stderr: 'ready\n' });
  });
});
