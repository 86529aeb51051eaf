/**
 * The real binary: `heapscope run FILE.py --record OUT.jsonl`, then
 * `heapscope replay OUT.jsonl --output` prints what the run printed; damaged recordings
 * give one line on stderr naming the line, and exit code 2.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist', 'cli.js');
const program = join(root, 'test', 'conformance', 'programs', 'heap_mutations.py');
const expected = JSON.parse(readFileSync(join(root, 'test', 'conformance', 'expected', 'heap_mutations.json'), 'utf8')) as { stdout: string };
const work = mkdtempSync(join(tmpdir(), 'heapscope-record-'));

function heapscope(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: work, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // `npm test` builds first; a lone `vitest run` may not have.
  if (!existsSync(cli)) execFileSync(process.execPath, [join(root, 'build.mjs')], { cwd: root });
});

describe('heapscope run --record / replay --output', () => {
  const file = join(work, 'session.jsonl');

  it('records while printing exactly what python3 printed', () => {
    const r = heapscope('run', program, '--record', file);
    expect(r.stdout).toBe(expected.stdout);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'heapscope-events', python: '3.11', file: program });
    expect(JSON.parse(lines[lines.length - 1]!)).toMatchObject({ end: true, exitCode: 0 });
    expect(lines.length).toBeGreaterThan(5000);
  });

  it('replays the recorded output', () => {
    const r = heapscope('replay', file, '--output');
    expect(r).toEqual({ code: 0, stdout: expected.stdout, stderr: '' });
  });

  it('refuses a truncated recording with the line number', () => {
    const text = readFileSync(file, 'utf8');
    const cut = join(work, 'cut.jsonl');
    writeFileSync(cut, text.slice(0, text.length >> 1));
    const r = heapscope('replay', cut, '--output');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^heapscope: \S+cut\.jsonl: line \d+: (not valid JSON|the file ends before its end record)[^\n]*\n$/);
  });

  it('refuses a recording from a newer heapscope', () => {
    const [header, ...rest] = readFileSync(file, 'utf8').split('\n');
    const newer = join(work, 'newer.jsonl');
    writeFileSync(newer, [JSON.stringify({ ...JSON.parse(header!), version: 99 }), ...rest].join('\n'));
    const r = heapscope('replay', newer, '--output');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^heapscope: \S+newer\.jsonl: line 1: recorded by a newer heapscope \(event format 99; this one reads format \d+\)\n$/);
  });

  it('says so when the file is missing or unwritable', () => {
    expect(heapscope('replay', join(work, 'nothing.jsonl'), '--output')).toMatchObject({ code: 2, stderr: expect.stringMatching(/nothing\.jsonl: no such file\n$/) });
    const r = heapscope('run', program, '--record', join(work, 'no', 'such', 'dir.jsonl'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*dir\.jsonl: ENOENT\n$/);
  });
});
