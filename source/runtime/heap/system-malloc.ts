/**
 * The system allocator behind pymalloc: glibc's malloc on 64-bit Linux, as far as it decides
 * how much memory the process holds (what RSS shows). Requests above 512 bytes, and the
 * 0-byte ones, reach it through PyMem_RawMalloc / realloc / free.
 *
 * - Chunks: a request of n bytes takes a chunk of max(32, n + 8 rounded up to 16) bytes
 *   (request2size); the caller's pointer is 16 bytes into the chunk.
 * - The main heap grows with brk. A request is served from a free chunk (best fit; the
 *   remainder stays free), else from the top chunk; freed chunks merge with free
 *   neighbours and with the top. When the top grows beyond the trim threshold after a free
 *   of 64 KiB or more, the heap shrinks back to the top pad (systrim).
 * - When neither a free chunk nor the top can serve it, a request of at least the mmap
 *   threshold (128 KiB at start) gets its own mapping: its size rounded up to pages,
 *   unmapped at free, resized in place by realloc (mremap).
 * - Dynamic threshold: freeing a mapped chunk larger than the threshold (up to 32 MiB)
 *   raises the threshold to its size and the trim threshold to twice that. The reference
 *   measured the effect: after `a = [1]*10**6; del a`, the next 8 MB array comes from the
 *   heap and stays resident after `del` (section 8.2, "history effect").
 *
 * Not modelled: tcache and fastbins (small chunks that glibc keeps unmerged for reuse);
 * they change which address a small chunk gets, not the memory the process holds.
 * Resident memory: every page of a mapping, and the heap pages below the highest address
 * ever handed out (chunks are written when used; glibc never gives back the middle of the
 * heap), up to the current break.
 */
import { PAGE_SIZE } from './pymalloc.js';

const SIZE_SZ = 8;
const MALLOC_ALIGN_MASK = 15;
const MINSIZE = 32;
/** Bytes between a chunk's start and the pointer malloc returns (prev_size + size fields). */
const CHUNK_HEADER = 2 * SIZE_SZ;
/** glibc's defaults (mallopt(3)): M_MMAP_THRESHOLD, M_TRIM_THRESHOLD and M_TOP_PAD. */
export const DEFAULT_MMAP_THRESHOLD = 128 * 1024;
export const DEFAULT_TRIM_THRESHOLD = 128 * 1024;
export const DEFAULT_TOP_PAD = 128 * 1024;
/** DEFAULT_MMAP_THRESHOLD_MAX on 64-bit: the dynamic threshold never goes above 32 MiB. */
export const MMAP_THRESHOLD_MAX = 4 * 1024 * 1024 * 8;
/** FASTBIN_CONSOLIDATION_THRESHOLD: frees at least this large may trim the heap. */
const CONSOLIDATION_THRESHOLD = 64 * 1024;

/** Where the model's heap (brk) and mappings live: plausible x86-64 PIE addresses. */
export const HEAP_BASE = 0x5600_0000_0000;
export const MMAP_REGION = 0x7f20_0000_0000;

export function request2size(n: number): number {
  const s = (n + SIZE_SZ + MALLOC_ALIGN_MASK) & ~MALLOC_ALIGN_MASK;
  return s < MINSIZE ? MINSIZE : s;
}

function pageUp(n: number): number {
  return Math.ceil(n / PAGE_SIZE) * PAGE_SIZE;
}

function pageDown(n: number): number {
  return Math.floor(n / PAGE_SIZE) * PAGE_SIZE;
}

export class SystemMalloc {
  mmapThreshold = DEFAULT_MMAP_THRESHOLD;
  trimThreshold = DEFAULT_TRIM_THRESHOLD;
  topPad = DEFAULT_TOP_PAD;

  /** The program break, and the start of the top chunk ([top, brk) is free). */
  brk = HEAP_BASE;
  top = HEAP_BASE;
  /** Highest heap address ever handed out since the last trim below it. */
  private touchedEnd = HEAP_BASE;
  /** Heap chunks in use: chunk address → chunk size. */
  private readonly inUse = new Map<number, number>();
  /** Free heap chunks by start and by end address, and their sizes kept sorted for best fit. */
  private readonly freeStart = new Map<number, number>();
  private readonly freeEnd = new Map<number, number>();
  private readonly bySize = new Map<number, number[]>();
  private sizes: number[] = [];
  /** Mapped chunks: pointer → mapping size; free holes of the mapping area by address. */
  private readonly mapped = new Map<number, number>();
  private mapEnd = MMAP_REGION;
  private readonly holes = new Map<number, number>();
  mappedBytes = 0;
  /** Frees of addresses no allocator owns (a bookkeeping error; tests check it stays 0). */
  unknownFrees = 0;
  /** Called when resident memory changes. */
  onChange: () => void = () => {};

  /** Resident bytes: written heap pages plus every mapped page. */
  get residentBytes(): number {
    return pageUp(Math.min(this.touchedEnd, this.brk)) - HEAP_BASE + this.mappedBytes;
  }

  get heapBytes(): number {
    return this.brk - HEAP_BASE;
  }

  get mappedCount(): number {
    return this.mapped.size;
  }

  get freeChunkBytes(): number {
    let n = 0;
    for (const s of this.freeStart.values()) n += s;
    return n;
  }

  /** Usable size of the block at `ptr` (chunk size minus the 8-byte size field). */
  chunkSize(ptr: number): number {
    const m = this.mapped.get(ptr);
    if (m !== undefined) return m;
    return this.inUse.get(ptr - CHUNK_HEADER) ?? 0;
  }

  isMapped(ptr: number): boolean {
    return this.mapped.has(ptr);
  }

  // ---------------------------------------------------------------- malloc

  malloc(n: number): number {
    const nb = request2size(n);
    const fit = this.takeFree(nb);
    if (fit !== 0) return this.use(fit, nb, this.freeSizeTaken);
    if (this.brk - this.top >= nb + MINSIZE) return this.fromTop(nb);
    // sysmalloc: a mapping for big requests, else a bigger heap.
    if (nb >= this.mmapThreshold) return this.mmap(nb);
    const needed = pageUp(nb + this.topPad + MINSIZE - (this.brk - this.top));
    this.brk += needed;
    this.onChange();
    return this.fromTop(nb);
  }

  private freeSizeTaken = 0;

  /** Best fit among free chunks: the smallest that holds nb, lowest address first. */
  private takeFree(nb: number): number {
    const sizes = this.sizes;
    let lo = 0;
    let hi = sizes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sizes[mid]! < nb) lo = mid + 1;
      else hi = mid;
    }
    if (lo === sizes.length) return 0;
    const size = sizes[lo]!;
    const list = this.bySize.get(size)!;
    let best = 0;
    let at = 0;
    for (let i = 0; i < list.length; i++) {
      if (best === 0 || list[i]! < best) {
        best = list[i]!;
        at = i;
      }
    }
    list.splice(at, 1);
    if (list.length === 0) this.dropSize(size);
    this.freeStart.delete(best);
    this.freeEnd.delete(best + size);
    this.freeSizeTaken = size;
    return best;
  }

  /** A free chunk of `size` at `chunk` serves nb bytes; a remainder of MINSIZE or more stays free. */
  private use(chunk: number, nb: number, size: number): number {
    if (size - nb >= MINSIZE) {
      this.addFree(chunk + nb, size - nb);
      size = nb;
    }
    this.inUse.set(chunk, size);
    this.wrote(chunk + size);
    return chunk + CHUNK_HEADER;
  }

  private fromTop(nb: number): number {
    const chunk = this.top;
    this.top += nb;
    this.inUse.set(chunk, nb);
    this.wrote(chunk + nb);
    return chunk + CHUNK_HEADER;
  }

  private wrote(end: number): void {
    if (end > this.touchedEnd) {
      const before = pageUp(this.touchedEnd);
      this.touchedEnd = end;
      if (pageUp(end) !== before) this.onChange();
    }
  }

  private mmap(nb: number): number {
    const size = pageUp(nb + SIZE_SZ);
    const at = this.mapRange(size);
    const ptr = at + CHUNK_HEADER;
    this.mapped.set(ptr, size);
    this.mappedBytes += size;
    this.onChange();
    return ptr;
  }

  /** A range of the mapping area: the lowest hole that fits, else fresh addresses. */
  private mapRange(size: number): number {
    let best = -1;
    for (const [start, len] of this.holes) {
      if (len >= size && (best < 0 || start < best)) best = start;
    }
    if (best >= 0) {
      const len = this.holes.get(best)!;
      this.holes.delete(best);
      if (len > size) this.holes.set(best + size, len - size);
      return best;
    }
    const at = this.mapEnd;
    this.mapEnd += size;
    return at;
  }

  private unmapRange(start: number, size: number): void {
    let s = start;
    let len = size;
    for (const [hs, hl] of this.holes) {
      if (hs + hl === s) {
        this.holes.delete(hs);
        s = hs;
        len += hl;
        break;
      }
    }
    const after = this.holes.get(s + len);
    if (after !== undefined) {
      this.holes.delete(s + len);
      len += after;
    }
    if (s + len === this.mapEnd) this.mapEnd = s;
    else this.holes.set(s, len);
  }

  // ---------------------------------------------------------------- free

  free(ptr: number): void {
    const m = this.mapped.get(ptr);
    if (m !== undefined) {
      // munmap_chunk, after raising the dynamic thresholds (glibc's free()).
      if (m > this.mmapThreshold && m <= MMAP_THRESHOLD_MAX) {
        this.mmapThreshold = m;
        this.trimThreshold = 2 * m;
      }
      this.mapped.delete(ptr);
      this.mappedBytes -= m;
      this.unmapRange(ptr - CHUNK_HEADER, m);
      this.onChange();
      return;
    }
    const chunk = ptr - CHUNK_HEADER;
    const size = this.inUse.get(chunk);
    if (size === undefined) {
      this.unknownFrees++;
      return;
    }
    this.inUse.delete(chunk);
    const merged = this.release(chunk, size);
    if (merged >= CONSOLIDATION_THRESHOLD && this.brk - this.top >= this.trimThreshold) this.systrim();
  }

  /** _int_free's merging: with a free chunk before, a free chunk or the top after. Returns the merged size. */
  private release(chunk: number, size: number): number {
    const before = this.freeEnd.get(chunk);
    if (before !== undefined) {
      const bsize = this.freeStart.get(before)!;
      this.removeFree(before, bsize);
      chunk = before;
      size += bsize;
    }
    if (chunk + size === this.top) {
      this.top = chunk;
      return this.brk - this.top;
    }
    const asize = this.freeStart.get(chunk + size);
    if (asize !== undefined) {
      this.removeFree(chunk + size, asize);
      size += asize;
    }
    this.addFree(chunk, size);
    return size;
  }

  /** systrim: give back the top beyond the pad, in whole pages. */
  private systrim(): void {
    const topArea = this.brk - this.top - MINSIZE - 1;
    if (topArea <= this.topPad) return;
    const extra = pageDown(topArea - this.topPad);
    if (extra === 0) return;
    this.brk -= extra;
    if (this.touchedEnd > this.brk) this.touchedEnd = this.brk;
    this.onChange();
  }

  // ---------------------------------------------------------------- realloc

  realloc(ptr: number, n: number): number {
    const nb = request2size(n);
    const m = this.mapped.get(ptr);
    if (m !== undefined) return this.remap(ptr, m, nb);
    const chunk = ptr - CHUNK_HEADER;
    const old = this.inUse.get(chunk)!;
    if (old >= nb) {
      // Shrink in place; a big enough tail is freed.
      if (old - nb >= MINSIZE) {
        this.inUse.set(chunk, nb);
        this.release(chunk + nb, old - nb);
      }
      return ptr;
    }
    const next = chunk + old;
    if (next === this.top && old + (this.brk - this.top) >= nb + MINSIZE) {
      // Grow into the top chunk.
      this.top = chunk + nb;
      this.inUse.set(chunk, nb);
      this.wrote(chunk + nb);
      return ptr;
    }
    const nsize = this.freeStart.get(next);
    if (nsize !== undefined && old + nsize >= nb) {
      // Grow into the free chunk that follows.
      this.removeFree(next, nsize);
      this.inUse.delete(chunk);
      return this.use(chunk, nb, old + nsize);
    }
    // Elsewhere: malloc, copy, free.
    const fresh = this.malloc(n);
    this.free(ptr);
    return fresh;
  }

  /** mremap_chunk: the mapping is resized (moved if it cannot grow where it is). */
  private remap(ptr: number, size: number, nb: number): number {
    const newSize = pageUp(nb + SIZE_SZ);
    if (newSize === size) return ptr;
    const start = ptr - CHUNK_HEADER;
    this.mapped.delete(ptr);
    let at = start;
    if (newSize < size) {
      this.unmapRange(start + newSize, size - newSize);
    } else if (start + size === this.mapEnd) {
      this.mapEnd = start + newSize;
    } else {
      const tail = this.holes.get(start + size);
      if (tail !== undefined && tail >= newSize - size) {
        this.holes.delete(start + size);
        if (tail > newSize - size) this.holes.set(start + newSize, tail - (newSize - size));
      } else {
        this.unmapRange(start, size);
        at = this.mapRange(newSize);
      }
    }
    this.mapped.set(at + CHUNK_HEADER, newSize);
    this.mappedBytes += newSize - size;
    this.onChange();
    return at + CHUNK_HEADER;
  }

  // ---------------------------------------------------------------- free-chunk index

  private addFree(chunk: number, size: number): void {
    this.freeStart.set(chunk, size);
    this.freeEnd.set(chunk + size, chunk);
    let list = this.bySize.get(size);
    if (list === undefined) {
      list = [];
      this.bySize.set(size, list);
      const sizes = this.sizes;
      let lo = 0;
      let hi = sizes.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sizes[mid]! < size) lo = mid + 1;
        else hi = mid;
      }
      sizes.splice(lo, 0, size);
    }
    list.push(chunk);
  }

  private removeFree(chunk: number, size: number): void {
    this.freeStart.delete(chunk);
    this.freeEnd.delete(chunk + size);
    const list = this.bySize.get(size)!;
    const at = list.indexOf(chunk);
    list.splice(at, 1);
    if (list.length === 0) this.dropSize(size);
  }

  private dropSize(size: number): void {
    this.bySize.delete(size);
    const sizes = this.sizes;
    let lo = 0;
    let hi = sizes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sizes[mid]! < size) lo = mid + 1;
      else hi = mid;
    }
    sizes.splice(lo, 1);
  }
}
