/**
 * Bad input files, each run by `heapscope run` and by python3 (the oracle, 3.11): where
 * CPython defines the output (a SyntaxError, an encoding problem, a TabError) heapscope
 * prints exactly the same and exits the same; where it is about the command itself
 * (missing file, directory) heapscope says it in python3's words as `heapscope:`.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'heapscope-bad-'));
const env = { ...process.env, PYTHONHASHSEED: '0', PYTHONIOENCODING: 'utf-8' };

type Result = { code: number | null; stdout: string; stderr: string };

function heapscope(args: string[]): Result {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function python(args: string[]): Result {
  const r = spawnSync('python3', args, { cwd: dir, encoding: 'utf8', timeout: 120_000, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

/** heapscope prints what python3 prints, and exits the same. */
function sameAsPython(name: string, content: string | Buffer): Result {
  file(name, content);
  const h = heapscope(['run', name]);
  expect(h).toEqual(python([name]));
  return h;
}

const b = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('bad input files (compared with python3)', () => {
  it('an empty file runs and prints nothing', () => {
    expect(sameAsPython('empty.py', '')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('non-UTF-8 bytes without a declaration: CPython\'s Non-UTF-8 SyntaxError', () => {
    const r = sameAsPython('latin1.py', b('print(1)\nprint(', [0xff], ')\n'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `SyntaxError: Non-UTF-8 code starting with '\\xff' in file ${join(dir, 'latin1.py')} on line 2, but no encoding declared; see https://peps.python.org/pep-0263/ for details\n`,
    );
  });

  it('the encoding error wins over an earlier parser error', () => {
    sameAsPython('both.py', b('x = = 1\ny = 2\n# ', [0xe9], '\n'));
  });

  it('a PEP 263 coding cookie (latin-1, cp1252, line 2 after a shebang)', () => {
    expect(sameAsPython('cookie1.py', b('# -*- coding: latin-1 -*-\nprint("', [0xe9, 0x80], '", len("', [0x80], '"))\n')).stdout).toBe('é\u0080 1\n');
    sameAsPython('cookie2.py', b('#!/usr/bin/env python3\n# vim: set fileencoding=cp1252 :\nprint("', [0x80], '")\n'));
    sameAsPython('cookie3.py', b('x = 1\n# coding: latin-1\nprint("', [0xe9], '")\n')); // too late: Non-UTF-8
  });

  it('encoding problems: unknown codec, undecodable text, BOM with another cookie', () => {
    expect(sameAsPython('codec1.py', '# coding: no-such-codec\nprint(1)\n').stderr).toBe('SyntaxError: encoding problem: no-such-codec\n');
    sameAsPython('codec2.py', b('# coding: ascii\nprint("', [0xe9], '")\n'));
    sameAsPython('codec3.py', b([0xef, 0xbb, 0xbf], '# coding: latin-1\nprint(1)\n'));
    sameAsPython('codec4.py', b([0xef, 0xbb, 0xbf], '# coding: utf-8\nprint("bom")\n'));
  });

  it('a UTF-8 BOM is skipped', () => {
    expect(sameAsPython('bom.py', b([0xef, 0xbb, 0xbf], 'print("bom")\n')).stdout).toBe('bom\n');
  });

  it('null bytes: CPython\'s SyntaxError on the line of the first one', () => {
    const r = sameAsPython('nul.py', b('x = 1\n  print(x) ', [0], ' more\n'));
    expect(r.stderr).toBe(`  File "${join(dir, 'nul.py')}", line 2\n    print(x) \nSyntaxError: source code cannot contain null bytes\n`);
    sameAsPython('nul2.py', b('x = (1,\n', [0], ')\n'));
    sameAsPython('nul3.py', b('x = 1 ', [0], ' ', [0xff], '\n')); // the NUL comes first on its line
    sameAsPython('nul4.py', b('x = 1 ', [0xff], ' ', [0], '\n')); // the bad byte comes first
  });

  it('a binary file', () => {
    const elf = b([0x7f], 'ELF', [2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0, 1, 0, 0, 0, 0x10, 0x6b, 0, 0, 0xff, 0xfe]);
    expect(sameAsPython('binary.py', elf).code).toBe(1);
    sameAsPython('binary2.py', b([0x89], 'PNG\r\n', [0x1a], '\n', [0, 0, 0, 0x0d]));
  });

  it('CRLF and lone CR line endings', () => {
    expect(sameAsPython('crlf.py', 'x = 1\r\nif x:\r\n    print("crlf", x)\r\n').stdout).toBe('crlf 1\n');
    expect(sameAsPython('cr.py', 'x = 2\rif x:\r    print("cr", x)\r').stdout).toBe('cr 2\n');
    sameAsPython('crlf-error.py', 'x = 1\r\ny = = 2\r\n');
  });

  it('tabs and spaces mixed: TabError', () => {
    const r = sameAsPython('tabs.py', 'if True:\n\tx = 1\n        y = 2\n');
    expect(r).toEqual({ code: 1, stdout: '', stderr: `  File "${join(dir, 'tabs.py')}", line 3\n    y = 2\nTabError: inconsistent use of tabs and spaces in indentation\n` });
    sameAsPython('tabs2.py', 'def f():\n        a = 1\n\tb = 2\n');
  });

  it('a syntax error keeps the line\'s trailing whitespace', () => {
    expect(sameAsPython('trailing.py', 'x = = 1   \n')).toEqual({
      code: 1,
      stdout: '',
      stderr: `  File "${join(dir, 'trailing.py')}", line 1\n    x = = 1   \n        ^\nSyntaxError: invalid syntax\n`,
    });
  });

  it('a Python 2 file', () => {
    const r = sameAsPython('py2.py', 'import sys\nprint "hello", sys.argv\n');
    expect(r.stderr).toContain("SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n");
  });

  it('a huge (10 MB) file runs', () => {
    const big = `s = """${'spam and eggs\n'.repeat(750_000)}"""\nprint(len(s))\n`;
    expect(big.length).toBeGreaterThan(10_000_000);
    expect(sameAsPython('huge.py', big)).toEqual({ code: 0, stdout: '10500000\n', stderr: '' });
  });
});

describe('files heapscope cannot run', () => {
  it('a missing file: python3\'s message as heapscope, exit code 2', () => {
    const r = heapscope(['run', 'nope.py']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `heapscope: can't open file '${join(dir, 'nope.py')}': [Errno 2] No such file or directory\n` });
    expect(python(['nope.py']).stderr).toMatch(/: can't open file '.*nope.py': \[Errno 2\] No such file or directory\n$/);
  });

  it('a directory: python3\'s message as heapscope, exit code 1', () => {
    mkdirSync(join(dir, 'adir'), { recursive: true });
    expect(heapscope(['run', 'adir'])).toEqual({ code: 1, stdout: '', stderr: `heapscope: can't find '__main__' module in '${join(dir, 'adir')}'\n` });
    expect(python(['adir']).code).toBe(1);
  });

  it('a directory with __main__.py: heapscope asks for the file', () => {
    mkdirSync(join(dir, 'pkg'), { recursive: true });
    file('pkg/__main__.py', 'print(1)\n');
    const r = heapscope(['run', 'pkg']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`heapscope: '${join(dir, 'pkg')}' is a directory; heapscope runs one file: give '${join(dir, 'pkg', '__main__.py')}'\n`);
  });

  it('more than one file', () => {
    const r = heapscope(['run', file('one.py', 'print(1)\n'), 'two.py']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("heapscope run: one FILE.py only (got also 'two.py'); heapscope does not pass arguments to scenarios\n");
  });
});
