/**
 * Fresh memory for the event log, touched ahead of use by a background thread.
 *
 * The log grows by tens of megabytes per second of Python, and the first write to each
 * page of fresh memory is a page fault. On the VMs heapscope runs on, a fault also makes
 * the host back the page: measured 2.5–4 ms per MiB, as much time as the runtime spends
 * on everything else in an allocation-heavy program. A thread that writes one word per
 * page of the next slabs before the log reaches them moves that cost to another core:
 * the program's thread then writes into memory that is already there.
 *
 * Slabs are SharedArrayBuffers (a typed array over one is as fast to write as over an
 * ArrayBuffer), so that both threads see the same memory. If the log catches up with the
 * toucher it simply faults the pages itself; nothing waits on the other thread.
 */
import { Worker } from 'node:worker_threads';

/**
 * The toucher: one write per 4 KiB page of every slab it is sent, from the start. The
 * write is an atomic OR with 0, which leaves the word as it is: the log may already have
 * written an event there.
 */
const TOUCHER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (slab) => {
  const words = new Int32Array(slab);
  for (let i = 0; i < words.length; i += 1024) Atomics.or(words, i, 0);
});
`;

export class PrefaultedSlabs {
  private readonly ready: SharedArrayBuffer[] = [];
  private readonly toucher: Worker;

  /**
   * @param slabBytes size of each slab
   * @param ahead slabs kept touched (or being touched) ahead of the one in use
   */
  constructor(
    private readonly slabBytes: number,
    ahead = 2,
  ) {
    this.toucher = new Worker(TOUCHER, { eval: true });
    // Never keeps the process alive, and a failure to start only loses the head start.
    this.toucher.unref();
    this.toucher.on('error', () => {});
    for (let i = 0; i < ahead; i++) this.order();
  }

  private order(): void {
    const slab = new SharedArrayBuffer(this.slabBytes);
    this.ready.push(slab);
    this.toucher.postMessage(slab);
  }

  /** The next slab (touched, or on its way to being touched), of the size given at construction. */
  take(bytes = this.slabBytes): SharedArrayBuffer {
    if (bytes !== this.slabBytes) throw new Error(`PrefaultedSlabs: asked for ${bytes} bytes, slabs have ${this.slabBytes}`);
    const slab = this.ready.shift()!;
    this.order();
    return slab;
  }

  /** Stop the thread (the slabs handed out stay valid). */
  close(): void {
    void this.toucher.terminate();
  }
}
