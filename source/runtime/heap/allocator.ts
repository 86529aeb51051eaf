/**
 * CPython 3.11's allocator entry points (PyObject_Malloc / PyMem_Malloc, their Realloc and
 * Free; one allocator since 3.6) over the two models beneath them, and the process memory
 * they add up to.
 *
 *   request of 1..512 bytes  → pymalloc (pymalloc.ts): arenas, pools, blocks
 *   0 or more than 512 bytes → the system allocator (system-malloc.ts): glibc heap and mmap
 *
 * Modelled process memory (what psutil and memory_profiler call RSS) is
 *   interpreter baseline + modules' code + resident arena pages + resident system pages.
 * The baseline is set when start-up ends so that a script starts at the RSS measured for
 * `python3 script.py` (3.11.7: 13.2 MiB); every change after that comes from the models.
 *
 * tracemalloc hooks in here (`tracer`): it sees every request with the size asked for, as
 * CPython's tracemalloc sees the PyMem/PyObject calls.
 */
import { Pymalloc, PAGE_SIZE, SMALL_REQUEST_THRESHOLD, locateArenaAddress, blockSizeOfClass } from './pymalloc.js';
import { SystemMalloc } from './system-malloc.js';

/** RSS of `python3 script.py` (CPython 3.11.7) when the script's first line runs, in pages. */
export const START_RSS_PAGES = 3384; // 13.22 MiB, measured (reference 8.2: "≈ 13 MiB at start")

export type MemoryTracer = {
  /** A block of `size` requested bytes was allocated at `address`. */
  alloc(address: number, size: number): void;
  /** The block at `address` was released. */
  free(address: number): void;
};

/** Where an address lives, for "which arena is this object in". */
export type BlockLocation =
  | { kind: 'pymalloc'; arena: number; pool: number; sizeClass: number; blockSize: number }
  | { kind: 'heap' }
  | { kind: 'mmap' }
  | { kind: 'unknown' };

export class Allocator {
  readonly pymalloc = new Pymalloc();
  readonly system = new SystemMalloc();
  /** tracemalloc, while it traces. */
  tracer: MemoryTracer | null = null;
  /** The interpreter's own resident memory that the models do not build (code, libraries, stacks). */
  interpreterBytes = 0;
  /** Resident memory of loaded modules whose contents are not modelled object by object. */
  moduleBytes = 0;
  /** Highest RSS since the last resetPeak() (memory_usage's maximum). */
  peakRss = 0;
  /** Called with the new RSS whenever it changes (page granularity). */
  onRssChange: ((rss: number) => void) | null = null;

  constructor() {
    const changed = () => this.changed();
    this.pymalloc.onChange = changed;
    this.system.onChange = changed;
  }

  /** Modelled resident set size, in bytes. */
  get rss(): number {
    return this.interpreterBytes + this.moduleBytes + this.pymalloc.residentPages * PAGE_SIZE + this.system.residentBytes;
  }

  private changed(): void {
    const rss = this.rss;
    if (rss > this.peakRss) this.peakRss = rss;
    this.onRssChange?.(rss);
  }

  /** End of start-up: the baseline makes the modelled RSS read `pages` pages now. */
  calibrateStart(pages = START_RSS_PAGES): void {
    this.interpreterBytes = 0;
    this.interpreterBytes = Math.max(0, pages * PAGE_SIZE - this.rss);
    this.peakRss = 0;
    this.changed();
  }

  /** A module with `bytes` of unmodelled code and data was loaded. */
  addModuleMemory(bytes: number): void {
    this.moduleBytes += bytes;
    this.changed();
  }

  resetPeak(): void {
    this.peakRss = this.rss;
  }

  // ---------------------------------------------------------------- PyObject_Malloc & co

  /** PyObject_Malloc / PyMem_Malloc (and their Calloc). */
  malloc(nbytes: number): number {
    const address = this.rawAlloc(nbytes);
    const t = this.tracer;
    if (t !== null) t.alloc(address, nbytes);
    return address;
  }

  /** PyObject_Free / PyMem_Free; 0 is ignored. The size argument is not needed (kept for callers' clarity). */
  free(address: number, _nbytes?: number): void {
    if (address === 0) return;
    this.rawFree(address);
    const t = this.tracer;
    if (t !== null) t.free(address);
  }

  /**
   * PyObject_Realloc / PyMem_Realloc (_PyObject_Realloc): a pymalloc block stays where it is
   * when the new size fits and saves less than a quarter of it, else it moves (possibly to
   * the system allocator); a system block stays with the system allocator whatever its size.
   */
  realloc(address: number, nbytes: number): number {
    if (address === 0) return this.malloc(nbytes);
    let result: number;
    const size = this.pymalloc.blockSize(address);
    if (size !== 0) {
      if (nbytes !== 0 && nbytes <= size && 4 * nbytes > 3 * size) result = address;
      else {
        result = this.rawAlloc(nbytes);
        this.pymalloc.free(address);
      }
    } else {
      result = this.system.realloc(address, nbytes === 0 ? 1 : nbytes);
    }
    const t = this.tracer;
    if (t !== null) {
      t.free(address);
      t.alloc(result, nbytes);
    }
    return result;
  }

  private rawAlloc(nbytes: number): number {
    if (nbytes !== 0 && nbytes <= SMALL_REQUEST_THRESHOLD) return this.pymalloc.malloc(nbytes);
    // PyMem_RawMalloc(0) asks malloc for 1 byte.
    return this.system.malloc(nbytes === 0 ? 1 : nbytes);
  }

  private rawFree(address: number): void {
    if (!this.pymalloc.free(address)) this.system.free(address);
  }

  // ---------------------------------------------------------------- inspection

  locate(address: number): BlockLocation {
    const p = this.pymalloc.poolOf(address);
    if (p >= 0) {
      const where = locateArenaAddress(address)!;
      const sizeClass = this.pymalloc.poolInfo(p).sizeClass;
      return { kind: 'pymalloc', arena: where.arena, pool: p, sizeClass, blockSize: blockSizeOfClass(sizeClass) };
    }
    if (this.system.isMapped(address)) return { kind: 'mmap' };
    if (this.system.chunkSize(address) > 0) return { kind: 'heap' };
    return { kind: 'unknown' };
  }
}
