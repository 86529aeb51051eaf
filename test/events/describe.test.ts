/** Events in words: every kind, and what the seed's cycle looks like. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventLog } from '../../source/events/log.js';
import { EVENT_FIELDS, EVENT_KINDS, EventKind } from '../../source/events/kinds.js';
import { describeEvent } from '../../source/events/describe.js';
import { runProgram } from '../../source/runtime/run.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('describeEvent', () => {
  it('says something about every kind', () => {
    const log = new EventLog();
    const id = log.strings.intern('Node');
    for (const kind of EVENT_KINDS) {
      if (kind === EventKind.Allocated) log.allocated(7, id, 48, 0x7f0000001000, 9);
      else log.emitFields(kind, 1, id, 3, 4);
      void EVENT_FIELDS[kind];
    }
    const seen: string[] = [];
    log.forEach((r) => void seen.push(describeEvent(r, log.strings)));
    expect(seen.length).toBe(EVENT_KINDS.length);
    for (const text of seen) expect(text).toMatch(/^\S.*\S$/);
    expect(seen.join('\n')).not.toMatch(/undefined|NaN/);
    expect(seen[0]).toBe('Node #7 allocated: 48 bytes at 0x7f0000001000 (tracked by gc)');
  });

  it("tells the seed cycle's story", () => {
    const file = join(here, '..', 'conformance', 'programs', 'seed_cycle.py');
    const log = runProgram(file, readFileSync(file, 'utf8'), { stdout: () => {}, stderr: () => {} }).runtime.ev;
    const text: string[] = [];
    log.forEach((r) => void text.push(describeEvent(r, log.strings)));
    const all = text.join('\n');
    expect(all).toMatch(/^#\d+ \.next -> #\d+$/m);
    expect(all).toMatch(/^gc: #\d+ is unreachable$/m);
    expect(all).toContain('gc: generation 2 done: 2 collected, 0 uncollectable');
    // print() writes its pieces one by one (PyFile_WriteObject per argument and separator).
    const written = text.filter((t) => t.startsWith('stdout: ')).map((t) => JSON.parse(t.slice(8)) as string);
    expect(written.join('')).toBe('collected 2\nagain 0\n');
  });
});
