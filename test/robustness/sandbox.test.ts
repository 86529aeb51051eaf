/**
 * The sandbox: scenario code reaches nothing of the host. Each way in is refused with
 * "PermissionError: heapscope runs scenarios in a sandbox: WHAT is not available", or works
 * inside the model (os.path, os.getpid, eval/exec of strings, importlib.import_module).
 * And statically: the runtime, parser and event log import no Node module at all.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSource } from './run-in-process.js';

const denied = (what: string) => `PermissionError: heapscope runs scenarios in a sandbox: ${what} is not available`;

/** The last line of the traceback of a one-statement program. */
function error(source: string): string {
  const r = runSource(source);
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toMatch(/^Traceback \(most recent call last\):\n/);
  return r.stderr.trimEnd().split('\n').pop()!;
}

describe('refused: the host', () => {
  it.each([
    ['open("/etc/passwd")', 'open()'],
    ['open("out.txt", "w").write("x")', 'open()'],
    ['import os\nos.system("echo hi")', 'os.system()'],
    ['import os\nos.popen("ls")', 'os.popen()'],
    ['import os\nos.listdir(".")', 'os.listdir()'],
    ['import os\nos.remove("x")', 'os.remove()'],
    ['import os\nos.walk(".")', 'os.walk()'],
    ['import os\nos.kill(1, 9)', 'os.kill()'],
    ['import os\nos.fork()', 'os.fork()'],
    ['import os\nos.path.exists("/")', 'os.path.exists()'],
    ['import os.path\nos.path.getsize("/etc/passwd")', 'os.path.getsize()'],
    ['import subprocess', 'the subprocess module'],
    ['import socket', 'the socket module'],
    ['import ctypes', 'the ctypes module'],
    ['import shutil', 'the shutil module'],
    ['from pathlib import Path', 'the pathlib module'],
    ['import tempfile', 'the tempfile module'],
    ['import urllib.request', 'the urllib module'],
    ['import importlib.util', 'the importlib.util module'],
    ['__import__("subprocess")', 'the subprocess module'],
    ['import importlib\nimportlib.import_module("socket")', 'the socket module'],
    ['exec("import ctypes")', 'the ctypes module'],
    ['eval("__import__(\'os\').system(\'ls\')")', 'os.system()'],
    ['import builtins\nbuiltins.open("x")', 'open()'],
    ['import sys\nsys.modules["builtins"].open("x")', 'open()'],
    ['getattr(__builtins__, "open")("x")', 'open()'],
  ])('%s', (source, what) => {
    expect(error(source)).toBe(denied(what));
  });
});

describe('works inside the model', () => {
  it('os: getpid, getcwd, environ, getenv and os.path string functions', () => {
    const r = runSource(
      [
        'import os, os.path',
        'from os import path',
        'print(type(os.getpid()).__name__, os.getpid() > 0, os.name, os.sep, repr(os.linesep))',
        'print(os.path.join("a", "b", "/c", "d"), os.path.join("a/", "b"), path.basename("/x/y.py"), path.dirname("/x/y.py"))',
        'print(os.path.splitext("archive.tar.gz"), os.path.splitext(".bashrc"), os.path.split("/usr/lib/"))',
        'print(os.path.normpath("/a/./b/../c//d"), os.path.normpath(""), os.path.isabs("/x"), os.path.abspath("/a/../b"))',
        'print(os.environ.get("HOME", "unset"), os.getenv("PATH"), os.getenv("X", 1), dict(os.environ))',
        'print(os.path.dirname(os.path.abspath(__file__)), os.path is path, os.path.__name__)',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        "int True posix / '\\n'",
        '/c/d a/b y.py /x',
        "('archive.tar', '.gz') ('.bashrc', '') ('/usr/lib', '')",
        '/a/c/d . True /b',
        'unset None 1 {}',
        '/scenarios True posixpath',
        '',
      ].join('\n'),
    );
  });

  it('os.path functions check their argument types as posixpath does', () => {
    expect(error('import os\nos.path.join("a", 1)')).toBe("TypeError: join() argument must be str, bytes, or os.PathLike object, not 'int'");
  });

  it('eval/exec of strings run inside the model, with their own globals', () => {
    const r = runSource('g = {}\nexec("x = [1, 2]\\ny = len(x)", g)\nprint(g["y"], eval("x * 2", g), eval("1 + 1"))\n');
    expect(r.stdout).toBe('2 [1, 2, 1, 2] 2\n');
  });

  it('importlib.import_module goes through the importer', () => {
    const r = runSource('import importlib, gc\nprint(importlib.import_module("gc") is gc)\n');
    expect(r.stdout).toBe('True\n');
  });

  it('input() meets the end of input after writing its prompt, as python3 < /dev/null', () => {
    const r = runSource('try:\n    input("name? ")\nexcept EOFError as e:\n    print(repr(e))\n');
    expect(r.stdout).toBe("name? EOFError('EOF when reading a line')\n");
  });

  it('breakpoint() does nothing (as PYTHONBREAKPOINT=0); exit() and quit() raise SystemExit', () => {
    expect(runSource('breakpoint()\nprint("on")\n').stdout).toBe('on\n');
    expect(runSource('print(1)\nexit(4)\nprint(2)\n')).toMatchObject({ stdout: '1\n', stderr: '', exitCode: 4 });
    expect(runSource('quit()\nprint(2)\n')).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    expect(runSource('try:\n    exit("bye")\nexcept SystemExit as e:\n    print(repr(e))\n').stdout).toBe("SystemExit('bye')\n");
  });

  it('compile() makes code objects inside the model; what it cannot do, it says', () => {
    expect(runSource('c = compile("import os\\nprint(os.path.join(\'a\', \'b\'))", "<s>", "exec")\nexec(c)\n').stdout).toBe('a/b\n');
    expect(error('exec(compile("open(\'x\')", "<s>", "exec"))')).toBe(denied('open()'));
    expect(error('compile("1", "<s>", "single")')).toBe("NotImplementedError: heapscope does not support compile() in 'single' (interactive) mode yet");
    expect(error('compile("1", "<s>", "exec", 1024)')).toBe('NotImplementedError: heapscope does not support these compile() flags (such as ast.PyCF_ONLY_AST) yet');
    expect(error('def f(a):\n    return a\nexec(f.__code__)')).toBe('NotImplementedError: heapscope runs only code objects made by compile() with exec()');
  });
});

describe('modules that are not there', () => {
  it('a module that does not exist: CPython\'s ModuleNotFoundError, nothing more', () => {
    const r = runSource('import no_such_module_xyz\n');
    expect(r.stderr).toBe(
      'Traceback (most recent call last):\n  File "/scenarios/test.py", line 1, in <module>\n    import no_such_module_xyz\nModuleNotFoundError: No module named \'no_such_module_xyz\'\n',
    );
  });

  it('a standard module heapscope does not model is named as such, with what is provided', () => {
    const r = runSource('import decimal\n');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.at(-2)).toBe("ModuleNotFoundError: heapscope does not model the standard library module 'decimal' yet");
    expect(lines.at(-1)).toMatch(/^heapscope provides these modules: .*\bgc\b.*\bos\b.*\bsys\b/);
  });

  it('an ImportError fallback still works for both', () => {
    const r = runSource('try:\n    import decimal\nexcept ImportError:\n    decimal = None\ntry:\n    import psutil\nexcept ImportError as e:\n    print(e)\nprint(decimal)\n');
    expect(r.stdout).toBe("No module named 'psutil'\nNone\n");
  });
});

describe('static audit', () => {
  const root = fileURLToPath(new URL('../../source/', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
    });

  /** The text without comments and string literals. */
  const code = (text: string) => text.replace(/\/\/.*|\/\*[\s\S]*?\*\/|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, "''");

  it('the runtime, the parser and the event log import no Node module and load nothing at run time', () => {
    const offenders: string[] = [];
    for (const dir of ['runtime', 'python', 'events']) {
      for (const f of files(join(root, dir))) {
        const text = readFileSync(f, 'utf8');
        // Record files are read and written by the commands (replay, run --record), never
        // by the runtime: the runtime and the parser must not import that module.
        if (f.endsWith('events/record-file.ts')) continue;
        if (/from\s+['"][./]*events\/record-file/.test(text)) offenders.push(`${f}: imports the record file reader`);
        // node:crypto only gives random's seeds and hashes: nothing of the host's files,
        // processes or network.
        if (/from\s+['"](node:(?!crypto['"])|fs|child_process|net|http|https|os|path|worker_threads|vm|dgram|tls|module)\b/.test(text)) offenders.push(`${f}: imports a Node module`);
        if (/\brequire\s*\(|\bimport\s*\(\s*[^'"]|\beval\s*\(|new\s+Function\s*\(/.test(code(text))) offenders.push(`${f}: loads code at run time`);
        for (const m of text.matchAll(/\bprocess\.(\w+)(\('node:crypto'\))?/g)) {
          // getBuiltinModule('node:crypto'): the same node:crypto, loaded when random first needs it
          if (m[1] === 'getBuiltinModule' && m[2] !== undefined) continue;
          // cpuUsage and hrtime: time.process_time() and friends read clocks only
          if (!['stdout', 'stderr', 'pid', 'cwd', 'cpuUsage', 'hrtime'].includes(m[1]!)) offenders.push(`${f}: uses process.${m[1]}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
