/** Prefaulted log memory: the touching thread must never change what the log wrote. */
import { afterEach, describe, expect, it } from 'vitest';
import { EventLog, SLAB_BYTES } from '../../source/events/log.js';
import { PrefaultedSlabs } from '../../source/session/prefault.js';
import { runProgram } from '../../source/runtime/run.js';

const SLAB = SLAB_BYTES;
let slabs: PrefaultedSlabs | null = null;
afterEach(() => slabs?.close());

/** Resolves once the touching thread has had time to go over every slab ordered so far. */
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('PrefaultedSlabs', () => {
  it('hands out shared slabs of the size asked for, one after another', () => {
    slabs = new PrefaultedSlabs(SLAB, 2);
    const a = slabs.take();
    const b = slabs.take();
    expect(a).toBeInstanceOf(SharedArrayBuffer);
    expect(a.byteLength).toBe(SLAB);
    expect(b).not.toBe(a);
    expect(() => slabs!.take(SLAB / 2)).toThrow(/asked for/);
  });

  it('leaves words written before the toucher reached them as they were', async () => {
    slabs = new PrefaultedSlabs(SLAB, 3);
    // Write every word of the slabs at once, racing the touching thread.
    const taken = [slabs.take(), slabs.take(), slabs.take()].map((s) => new Uint32Array(s));
    for (const words of taken) for (let i = 0; i < words.length; i++) words[i] = (i * 2654435761) >>> 0 || 1;
    await settle();
    for (const words of taken) {
      let bad = 0;
      for (let i = 0; i < words.length; i++) if (words[i] !== ((i * 2654435761) >>> 0 || 1)) bad++;
      expect(bad).toBe(0);
    }
  });

  it('gives an event log the same events as ordinary memory', async () => {
    slabs = new PrefaultedSlabs(SLAB, 2);
    const plain = new EventLog();
    const shared = new EventLog((bytes) => slabs!.take(bytes));
    for (const log of [plain, shared]) {
      for (let i = 0; i < 3_000_000; i++) {
        log.refAdded(i, i + 1, 0x80000000 + i);
        log.incref(i);
      }
    }
    await settle();
    expect(shared.bytes).toBe(plain.bytes);
    const a = plain.reader(0);
    const b = shared.reader(0);
    let differ = 0;
    while (a.next() && b.next()) if (a.kind !== b.kind || a.a !== b.a || a.b !== b.b || a.c !== b.c) differ++;
    expect([a.n, b.n, differ]).toEqual([plain.count, shared.count, 0]);
  });

  it('backs a runtime whose log then reads back whole', () => {
    slabs = new PrefaultedSlabs(SLAB, 2);
    let out = '';
    const { runtime, exitCode } = runProgram('<test>', 'x = [[i] for i in range(20000)]\nprint(len(x))\n', {
      logMemory: (bytes) => slabs!.take(bytes),
      stdout: (t) => void (out += t),
    });
    expect(exitCode).toBe(0);
    expect(out).toBe('20000\n');
    let n = 0;
    runtime.ev.forEach(() => void n++);
    expect(n).toBe(runtime.ev.count);
  });
});
