/**
 * pymalloc: CPython 3.11's small-object allocator (Objects/obmalloc.c), modelled block for
 * block so that id() reuse, arena counts and the memory an interpreter keeps are CPython's.
 *
 * - Requests of 1..512 bytes are served from 32 size classes of 16 bytes (16, 32, ..., 512).
 * - Blocks of one class live in 16 KiB pools; a pool hands out its most recently freed block
 *   first (pymalloc_free pushes on `freeblock`), then never-used blocks in address order
 *   (pymalloc_pool_extend), and is "used", "full" or "empty".
 * - Pools are carved from 1 MiB arenas (new_arena). Arenas with free pools form the
 *   `usable_arenas` list, sorted by number of free pools, and a new pool is taken from its
 *   head, the most used arena (allocate_from_new_pool), so that lightly used arenas drain.
 * - A wholly empty arena is unmapped, unless it is the last of usable_arenas: one empty
 *   arena is kept to avoid thrashing (insert_to_freepool, bpo-37257).
 *
 * Everything is kept in typed arrays indexed by arena and pool number; a block is just an
 * address (no JavaScript object per block). Addresses are laid out as a 64-bit Linux
 * process would see them: arena i is mapped at ARENA_REGION + i MiB + 4 KiB (mmap returns
 * page-aligned addresses that are rarely pool-aligned, so new_arena's `excess` costs each
 * arena one pool: 63 usable pools, as 3 of the reference's 4 start-up arenas showed).
 */

export const ALIGNMENT = 16;
export const SMALL_REQUEST_THRESHOLD = 512;
export const NUM_SIZE_CLASSES = SMALL_REQUEST_THRESHOLD / ALIGNMENT;
export const POOL_SIZE = 16 * 1024;
/** sizeof(struct pool_header), before the first block of a pool. */
export const POOL_OVERHEAD = 48;
export const ARENA_SIZE = 1024 * 1024;
export const MAX_POOLS_IN_ARENA = ARENA_SIZE / POOL_SIZE;
export const PAGE_SIZE = 4096;

/** Base of the arenas' address range; arena i starts at ARENA_REGION + i·ARENA_SIZE + ARENA_EXCESS. */
export const ARENA_REGION = 0x7f3a_c000_0000;
const ARENA_EXCESS = PAGE_SIZE;
/** Pools per arena after the alignment loss (slot 0 of each arena's range is never a pool). */
export const POOLS_PER_ARENA = MAX_POOLS_IN_ARENA - 1;

/** Block size of size class `c` (INDEX2SIZE). */
export function blockSizeOfClass(c: number): number {
  return (c + 1) * ALIGNMENT;
}

/** Size class of a request of 1..512 bytes. */
export function sizeClassOf(nbytes: number): number {
  return (nbytes - 1) >> 4;
}

/** Blocks a pool of class `c` holds: ⌊(16384 − 48) / size⌋ (1021 for 16 bytes, 31 for 512). */
export function poolCapacity(c: number): number {
  return Math.floor((POOL_SIZE - POOL_OVERHEAD) / blockSizeOfClass(c));
}

/** Where an address lies in the arena layout (pure arithmetic; valid for any arena address). */
export function locateArenaAddress(address: number): { arena: number; pool: number; offset: number } | null {
  const rel = address - ARENA_REGION;
  if (rel < 0 || rel >= 2 ** 44) return null;
  const pool = Math.floor(rel / POOL_SIZE);
  if (pool % MAX_POOLS_IN_ARENA === 0) return null;
  return { arena: Math.floor(pool / MAX_POOLS_IN_ARENA), pool, offset: rel - pool * POOL_SIZE };
}

const NONE = -1;
/** poolClass of a pool that was never initialised (DUMMY_SIZE_IDX). */
const NO_CLASS = -1;

/** Counters of sys._debugmallocstats() ("# arenas allocated total" ...). */
export type ArenaCounters = {
  allocatedTotal: number;
  reclaimed: number;
  highWater: number;
  current: number;
};

export class Pymalloc {
  // ---- per arena object (struct arena_object); the arrays grow like obmalloc's `arenas`
  private maxArenas = 0;
  /** 1 while the arena object is associated with mapped memory (ao->address != 0). */
  private arenaLive = new Uint8Array(0);
  private arenaNFree = new Int32Array(0);
  /** Next never-carved pool slot (ao->pool_address). */
  private arenaCarve = new Int32Array(0);
  /** Head of the arena's list of empty pools (ao->freepools), a pool number or NONE. */
  private arenaFreePools = new Int32Array(0);
  /** usable_arenas links. */
  private arenaNext = new Int32Array(0);
  private arenaPrev = new Int32Array(0);
  /** Pages of the arena written so far (resident until the arena is unmapped). */
  private arenaTouched = new Int32Array(0);
  /**
   * Free-block links, one 16-bit entry per 16-byte unit of the arena: the unit of the next
   * free block of the same pool (0 ends the list). This is where obmalloc stores the link
   * too: inside the freed block. Created on the arena's first free.
   */
  private arenaLinks: (Uint16Array | null)[] = [];
  /** unused_arena_objects, a stack: the most recently released arena object is reused first. */
  private unusedArenas: number[] = [];
  private usableArenas = NONE;
  /** nfp2lasta[n]: the last arena of usable_arenas with n free pools, or NONE. */
  private readonly nfp2lasta = new Int32Array(MAX_POOLS_IN_ARENA + 1).fill(NONE);

  // ---- per pool (number = arena·64 + slot): struct pool_header
  private poolClass = new Int8Array(0);
  private poolCount = new Uint16Array(0);
  private poolNextOffset = new Uint16Array(0);
  /** Head of the pool's list of freed blocks: a unit of its arena, 0 for none. */
  private poolFree = new Uint16Array(0);
  private poolNext = new Int32Array(0);
  private poolPrev = new Int32Array(0);
  /** Pages of the pool written so far (0..4). */
  private poolTouched = new Uint8Array(0);
  /** usedpools[]: per size class, the first pool with free blocks, or NONE. */
  private readonly usedPools = new Int32Array(NUM_SIZE_CLASSES).fill(NONE);

  readonly counters: ArenaCounters = { allocatedTotal: 0, reclaimed: 0, highWater: 0, current: 0 };
  /** Resident pages: pages of mapped arenas that pools have written. */
  residentPages = 0;
  /** Called when residentPages or the number of arenas changes. */
  onChange: () => void = () => {};

  // ---------------------------------------------------------------- allocation

  /** pymalloc_alloc: a block for 1..512 bytes. */
  malloc(nbytes: number): number {
    const c = (nbytes - 1) >> 4;
    const p = this.usedPools[c]!;
    if (p === NONE) return this.allocateFromNewPool(c);
    this.poolCount[p]!++;
    return this.takeBlock(p, c);
  }

  /** The next block of used pool p: a freed one first, else a never-used one. */
  private takeBlock(p: number, c: number): number {
    const arena = p >> 6;
    const base = ARENA_REGION + arena * ARENA_SIZE;
    const size = (c + 1) << 4;
    let address: number;
    const head = this.poolFree[p]!;
    if (head !== 0) {
      address = base + (head << 4);
      this.poolFree[p] = this.arenaLinks[arena]![head]!;
    } else {
      const offset = this.poolNextOffset[p]!;
      this.poolNextOffset[p] = offset + size;
      address = base + (p & 63) * POOL_SIZE + offset;
      this.touch(p, offset + size);
    }
    // Full: no freed block left and no room for another (pymalloc_pool_extend unlinks it).
    if (this.poolFree[p] === 0 && this.poolNextOffset[p]! + size > POOL_SIZE) this.unlinkUsed(p, c);
    return address;
  }

  /** The pool has now been written up to `end` bytes: count the pages that became resident. */
  private touch(p: number, end: number): void {
    const pages = (end + PAGE_SIZE - 1) >> 12;
    const before = this.poolTouched[p]!;
    if (pages <= before) return;
    this.poolTouched[p] = pages;
    this.arenaTouched[p >> 6]! += pages - before;
    this.residentPages += pages - before;
    this.onChange();
  }

  /** allocate_from_new_pool: a pool from the most used usable arena becomes class c's only used pool. */
  private allocateFromNewPool(c: number): number {
    const p = this.takeFreePool();
    // Front-link the pool into usedpools[c] (it was empty, so it becomes the only one).
    this.poolNext[p] = NONE;
    this.poolPrev[p] = NONE;
    this.usedPools[c] = p;
    this.poolCount[p] = 1;
    if (this.poolClass[p] !== c) {
      // Initialise the header; a pool that last held this class keeps its free list.
      this.poolClass[p] = c;
      this.poolFree[p] = 0;
      this.poolNextOffset[p] = POOL_OVERHEAD;
    }
    return this.takeBlock(p, c);
  }

  /** An empty pool from the head of usable_arenas (a new arena when there is none). */
  private takeFreePool(): number {
    if (this.usableArenas === NONE) {
      const a = this.newArena();
      this.usableArenas = a;
      this.arenaNext[a] = NONE;
      this.arenaPrev[a] = NONE;
      this.nfp2lasta[this.arenaNFree[a]!] = a;
    }
    const a = this.usableArenas;
    const nf = this.arenaNFree[a]!;
    if (this.nfp2lasta[nf] === a) this.nfp2lasta[nf] = NONE;
    // The head has the fewest free pools, and keeps that rank after losing one.
    if (nf > 1) this.nfp2lasta[nf - 1] = a;
    let p = this.arenaFreePools[a]!;
    if (p !== NONE) {
      this.arenaFreePools[a] = this.poolNext[p]!;
    } else {
      p = a * MAX_POOLS_IN_ARENA + this.arenaCarve[a]!++;
      this.poolClass[p] = NO_CLASS;
    }
    this.arenaNFree[a] = nf - 1;
    if (nf - 1 === 0) {
      // Wholly allocated: off the usable list.
      const next = this.arenaNext[a]!;
      this.usableArenas = next;
      if (next !== NONE) this.arenaPrev[next] = NONE;
    }
    return p;
  }

  /**
   * Pools of class c filled by the interpreter's own start-up objects, which the model
   * does not build one by one: they are full for good, so they change which arenas new
   * pools come from (and hold their memory), nothing else.
   */
  reserveFullPools(c: number, count: number): void {
    const size = blockSizeOfClass(c);
    for (let i = 0; i < count; i++) {
      const p = this.takeFreePool();
      this.poolClass[p] = c;
      this.poolFree[p] = 0;
      this.poolCount[p] = poolCapacity(c);
      this.poolNextOffset[p] = POOL_OVERHEAD + poolCapacity(c) * size;
      this.poolNext[p] = NONE;
      this.poolPrev[p] = NONE;
      this.touch(p, POOL_SIZE);
    }
  }

  /** Pools in use per size class (the "num pools" column of sys._debugmallocstats()). */
  poolsPerClass(): number[] {
    const out = new Array<number>(NUM_SIZE_CLASSES).fill(0);
    for (const a of this.liveArenas()) {
      const first = a * MAX_POOLS_IN_ARENA;
      for (let p = first + 1; p < first + this.arenaCarve[a]!; p++) {
        if (this.poolCount[p]! > 0) out[this.poolClass[p]!]!++;
      }
    }
    return out;
  }

  /** new_arena: map 1 MiB and make it an arena, reusing the most recently released arena object. */
  private newArena(): number {
    if (this.unusedArenas.length === 0) this.growArenaObjects();
    const a = this.unusedArenas.pop()!;
    this.arenaLive[a] = 1;
    this.arenaNFree[a] = POOLS_PER_ARENA;
    this.arenaCarve[a] = 1;
    this.arenaFreePools[a] = NONE;
    this.arenaTouched[a] = 0;
    const c = this.counters;
    c.allocatedTotal++;
    c.current++;
    if (c.current > c.highWater) c.highWater = c.current;
    this.onChange();
    return a;
  }

  /** The arena-object table doubles (16 entries at first), new entries in index order. */
  private growArenaObjects(): void {
    const old = this.maxArenas;
    const n = old ? old * 2 : 16;
    const grow8 = (a: Uint8Array) => { const b = new Uint8Array(n); b.set(a); return b; };
    const grow32 = (a: Int32Array, fill = 0) => { const b = new Int32Array(n).fill(fill); b.set(a); return b; };
    this.arenaLive = grow8(this.arenaLive);
    this.arenaNFree = grow32(this.arenaNFree);
    this.arenaCarve = grow32(this.arenaCarve);
    this.arenaFreePools = grow32(this.arenaFreePools, NONE);
    this.arenaNext = grow32(this.arenaNext, NONE);
    this.arenaPrev = grow32(this.arenaPrev, NONE);
    this.arenaTouched = grow32(this.arenaTouched);
    for (let i = old; i < n; i++) this.arenaLinks.push(null);
    const pools = n * MAX_POOLS_IN_ARENA;
    const poolClass = new Int8Array(pools).fill(NO_CLASS);
    poolClass.set(this.poolClass);
    this.poolClass = poolClass;
    const g16 = (a: Uint16Array) => { const b = new Uint16Array(pools); b.set(a); return b; };
    const gi32 = (a: Int32Array) => { const b = new Int32Array(pools).fill(NONE); b.set(a); return b; };
    this.poolCount = g16(this.poolCount);
    this.poolNextOffset = g16(this.poolNextOffset);
    this.poolFree = g16(this.poolFree);
    this.poolNext = gi32(this.poolNext);
    this.poolPrev = gi32(this.poolPrev);
    const touched = new Uint8Array(pools);
    touched.set(this.poolTouched);
    this.poolTouched = touched;
    // unused_arena_objects lists the new entries lowest index first.
    for (let i = n - 1; i >= old; i--) this.unusedArenas.push(i);
    this.maxArenas = n;
  }

  // ---------------------------------------------------------------- release

  /** Pool number of a block address, or NONE if pymalloc does not own it (address_in_range). */
  poolOf(address: number): number {
    const rel = address - ARENA_REGION;
    if (rel < 0) return NONE;
    const p = (rel / POOL_SIZE) | 0;
    if (p >= this.maxArenas * MAX_POOLS_IN_ARENA || this.arenaLive[p >> 6] === 0 || this.poolClass[p] === NO_CLASS) return NONE;
    return p;
  }

  /** Block size of the pool holding `address`, or 0 when pymalloc does not own it. */
  blockSize(address: number): number {
    const p = this.poolOf(address);
    return p === NONE ? 0 : (this.poolClass[p]! + 1) << 4;
  }

  /** pymalloc_free: false when the address is not pymalloc's. */
  free(address: number): boolean {
    const p = this.poolOf(address);
    if (p === NONE) return false;
    const c = this.poolClass[p]!;
    const arena = p >> 6;
    const size = (c + 1) << 4;
    const wasFull = this.poolFree[p] === 0 && this.poolNextOffset[p]! + size > POOL_SIZE;
    let links = this.arenaLinks[arena];
    if (links === null || links === undefined) links = this.arenaLinks[arena] = new Uint16Array(ARENA_SIZE / ALIGNMENT);
    const unit = (address - ARENA_REGION - arena * ARENA_SIZE) >> 4;
    links[unit] = this.poolFree[p]!;
    this.poolFree[p] = unit;
    const count = --this.poolCount[p]!;
    // A full pool is in no list: it goes to the front of usedpools[c] (a pool holds at
    // least 31 blocks, so it cannot be empty now).
    if (wasFull) this.linkUsedFront(p, c);
    else if (count === 0) this.insertToFreepool(p, c);
    return true;
  }

  private linkUsedFront(p: number, c: number): void {
    const first = this.usedPools[c]!;
    this.poolPrev[p] = NONE;
    this.poolNext[p] = first;
    if (first !== NONE) this.poolPrev[first] = p;
    this.usedPools[c] = p;
  }

  private unlinkUsed(p: number, c: number): void {
    const next = this.poolNext[p]!;
    const prev = this.poolPrev[p]!;
    if (prev === NONE) this.usedPools[c] = next;
    else this.poolNext[prev] = next;
    if (next !== NONE) this.poolPrev[next] = prev;
    this.poolNext[p] = NONE;
    this.poolPrev[p] = NONE;
  }

  /** insert_to_freepool: an empty pool returns to its arena; then the arena bookkeeping. */
  private insertToFreepool(p: number, c: number): void {
    this.unlinkUsed(p, c);
    const a = p >> 6;
    this.poolNext[p] = this.arenaFreePools[a]!;
    this.arenaFreePools[a] = p;
    let nf = this.arenaNFree[a]!;
    const lastnf = this.nfp2lasta[nf]!;
    if (lastnf === a) {
      const prev = this.arenaPrev[a]!;
      this.nfp2lasta[nf] = prev !== NONE && this.arenaNFree[prev] === nf ? prev : NONE;
    }
    this.arenaNFree[a] = ++nf;

    if (nf === POOLS_PER_ARENA && this.arenaNext[a] !== NONE) {
      // Case 1: wholly empty and not the last usable arena: unmap it.
      this.unlinkArena(a);
      this.releaseArena(a);
      return;
    }
    if (nf === 1) {
      // Case 2: it was full, so it was in no list: it becomes the head (fewest free pools).
      this.arenaNext[a] = this.usableArenas;
      this.arenaPrev[a] = NONE;
      if (this.usableArenas !== NONE) this.arenaPrev[this.usableArenas] = a;
      this.usableArenas = a;
      if (this.nfp2lasta[1] === NONE) this.nfp2lasta[1] = a;
      return;
    }
    if (this.nfp2lasta[nf] === NONE) this.nfp2lasta[nf] = a;
    // Case 4: it was the last with its old count, so the order still holds.
    if (a === lastnf) return;
    // Case 3: slide it right, to just after the last arena with its old count.
    this.unlinkArena(a);
    const after = this.arenaNext[lastnf]!;
    this.arenaPrev[a] = lastnf;
    this.arenaNext[a] = after;
    if (after !== NONE) this.arenaPrev[after] = a;
    this.arenaNext[lastnf] = a;
  }

  private unlinkArena(a: number): void {
    const prev = this.arenaPrev[a]!;
    const next = this.arenaNext[a]!;
    if (prev === NONE) this.usableArenas = next;
    else this.arenaNext[prev] = next;
    if (next !== NONE) this.arenaPrev[next] = prev;
  }

  /** munmap the arena; its object goes on top of unused_arena_objects. */
  private releaseArena(a: number): void {
    this.arenaLive[a] = 0;
    this.residentPages -= this.arenaTouched[a]!;
    this.arenaTouched[a] = 0;
    const first = a * MAX_POOLS_IN_ARENA;
    for (let p = first; p < first + MAX_POOLS_IN_ARENA; p++) {
      this.poolClass[p] = NO_CLASS;
      this.poolTouched[p] = 0;
      this.poolCount[p] = 0;
      this.poolFree[p] = 0;
    }
    this.unusedArenas.push(a);
    this.counters.reclaimed++;
    this.counters.current--;
    this.onChange();
  }

  // ---------------------------------------------------------------- inspection

  /** Mapped arenas, in arena-object order. */
  liveArenas(): number[] {
    const out: number[] = [];
    for (let a = 0; a < this.maxArenas; a++) if (this.arenaLive[a]) out.push(a);
    return out;
  }

  /** The usable_arenas list, head first (most used first). */
  usableArenaOrder(): number[] {
    const out: number[] = [];
    for (let a = this.usableArenas; a !== NONE; a = this.arenaNext[a]!) out.push(a);
    return out;
  }

  arenaAddress(a: number): number {
    return ARENA_REGION + a * ARENA_SIZE + ARENA_EXCESS;
  }

  arenaFreePoolCount(a: number): number {
    return this.arenaNFree[a]!;
  }

  arenaResidentPages(a: number): number {
    return this.arenaTouched[a]!;
  }

  /** Pools of arena a that were carved (slot numbers 1..63). */
  carvedPools(a: number): number {
    return this.arenaCarve[a]! - 1;
  }

  /** Pool p's state: size class (−1 never used), blocks in use, whether it is in an empty-pool list. */
  poolInfo(p: number): { sizeClass: number; used: number; nextOffset: number; touchedPages: number } {
    return {
      sizeClass: this.poolClass[p]!,
      used: this.poolCount[p]!,
      nextOffset: this.poolNextOffset[p]!,
      touchedPages: this.poolTouched[p]!,
    };
  }

  /** Free blocks of pool p that were handed out before (its freeblock list). */
  freedBlocks(p: number): number {
    const links = this.arenaLinks[p >> 6];
    let n = 0;
    for (let u = this.poolFree[p]!; u !== 0; u = links![u]!) n++;
    return n;
  }
}
