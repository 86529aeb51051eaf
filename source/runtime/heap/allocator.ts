/**
 * The address model behind id(): a model of CPython 3.11's pymalloc (Objects/obmalloc.c)
 * for requests of at most 512 bytes, and of the system allocator for larger ones.
 *
 * pymalloc serves 32 size classes (16, 32, ..., 512 bytes). Blocks of one class live in
 * 16 KiB pools; pools are carved from 1 MiB arenas. A pool hands out the most recently
 * freed block first (LIFO), then fresh blocks in address order. New pools come from the
 * most heavily used arena, so that lightly used arenas can drain. Those rules decide
 * which address a new object gets, hence CPython's observable id() reuse.
 */

export const ALIGNMENT = 16;
export const SMALL_REQUEST_THRESHOLD = 512;
export const POOL_SIZE = 16 * 1024;
export const ARENA_SIZE = 1024 * 1024;
export const POOLS_PER_ARENA = ARENA_SIZE / POOL_SIZE;
/** Pool header (struct pool_header) before the first block. */
export const POOL_OVERHEAD = 48;

/** Where the model's arenas and large blocks live (plausible 64-bit Linux mmap addresses). */
const ARENA_BASE = 0x7f3a_c000_0000;
const SYSTEM_BASE = 0x5600_0000_0000;

export function sizeClassOf(nbytes: number): number {
  return ((Math.max(nbytes, 1) + ALIGNMENT - 1) >> 4) - 1;
}

export class Pool {
  /** Freed blocks, most recent last (popped first). */
  readonly freeBlocks: number[] = [];
  /** Offset of the first never-used block. */
  nextOffset = POOL_OVERHEAD;
  used = 0;
  constructor(
    readonly arena: Arena,
    readonly address: number,
    readonly sizeClass: number,
  ) {}
  get blockSize(): number {
    return (this.sizeClass + 1) * ALIGNMENT;
  }
  get capacity(): number {
    return Math.floor((POOL_SIZE - POOL_OVERHEAD) / this.blockSize);
  }
  get isFull(): boolean {
    return this.freeBlocks.length === 0 && this.nextOffset + this.blockSize > POOL_SIZE;
  }
}

export class Arena {
  readonly pools: (Pool | null)[] = new Array(POOLS_PER_ARENA).fill(null);
  /** Pools that were used and are empty again, reusable for any size class. */
  readonly emptyPools: number[] = [];
  /** Pools never carved yet. */
  nextPool = 0;
  constructor(
    readonly index: number,
    readonly address: number,
  ) {}
  get freePools(): number {
    return this.emptyPools.length + (POOLS_PER_ARENA - this.nextPool);
  }
}

export class Allocator {
  readonly arenas: Arena[] = [];
  /** Pools with at least one used and one free block, per size class; first is used first. */
  private readonly usedPools: Pool[][] = Array.from({ length: SMALL_REQUEST_THRESHOLD / ALIGNMENT }, () => []);
  private readonly poolsByAddress = new Map<number, Pool>();
  /** Large blocks: freed addresses by size, reused LIFO. */
  private readonly systemFree = new Map<number, number[]>();
  private systemNext = SYSTEM_BASE;
  /** Bytes currently handed out (requests rounded to the block size). */
  allocatedBytes = 0;

  malloc(nbytes: number): number {
    if (nbytes > SMALL_REQUEST_THRESHOLD || nbytes === 0) return this.systemMalloc(nbytes);
    const cls = sizeClassOf(nbytes);
    const candidates = this.usedPools[cls]!;
    let pool = candidates[0];
    if (pool === undefined) {
      pool = this.newPool(cls);
      candidates.unshift(pool);
    }
    let address: number;
    if (pool.freeBlocks.length) address = pool.freeBlocks.pop()!;
    else {
      address = pool.address + pool.nextOffset;
      pool.nextOffset += pool.blockSize;
    }
    pool.used++;
    if (pool.isFull) candidates.shift();
    this.allocatedBytes += pool.blockSize;
    return address;
  }

  free(address: number, nbytes: number): void {
    if (nbytes > SMALL_REQUEST_THRESHOLD || nbytes === 0) {
      this.systemFreeBlock(address, nbytes);
      return;
    }
    const pool = this.poolsByAddress.get(address - (address % POOL_SIZE));
    if (!pool) return;
    const wasFull = pool.isFull;
    pool.freeBlocks.push(address);
    pool.used--;
    this.allocatedBytes -= pool.blockSize;
    const candidates = this.usedPools[pool.sizeClass]!;
    if (pool.used === 0) {
      // The pool becomes empty: it returns to its arena for any size class.
      const at = candidates.indexOf(pool);
      if (at >= 0) candidates.splice(at, 1);
      this.poolsByAddress.delete(pool.address);
      const slot = (pool.address - pool.arena.address) / POOL_SIZE;
      pool.arena.pools[slot] = null;
      pool.arena.emptyPools.push(slot);
    } else if (wasFull) {
      candidates.unshift(pool);
    }
  }

  private newPool(cls: number): Pool {
    // Take a pool from the usable arena with the fewest free pools (the most used one).
    let best: Arena | null = null;
    for (const arena of this.arenas) {
      if (arena.freePools === 0) continue;
      if (best === null || arena.freePools < best.freePools) best = arena;
    }
    if (best === null) {
      best = new Arena(this.arenas.length, ARENA_BASE + this.arenas.length * ARENA_SIZE);
      this.arenas.push(best);
    }
    const slot = best.emptyPools.length ? best.emptyPools.pop()! : best.nextPool++;
    const pool = new Pool(best, best.address + slot * POOL_SIZE, cls);
    best.pools[slot] = pool;
    this.poolsByAddress.set(pool.address, pool);
    return pool;
  }

  private systemMalloc(nbytes: number): number {
    const size = roundUp(Math.max(nbytes, 1), 16);
    this.allocatedBytes += size;
    const reuse = this.systemFree.get(size);
    if (reuse?.length) return reuse.pop()!;
    const address = this.systemNext + 16; // malloc's chunk header
    this.systemNext += size + 16;
    return address;
  }

  private systemFreeBlock(address: number, nbytes: number): void {
    const size = roundUp(Math.max(nbytes, 1), 16);
    this.allocatedBytes -= size;
    let list = this.systemFree.get(size);
    if (!list) this.systemFree.set(size, (list = []));
    list.push(address);
  }
}

function roundUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}
