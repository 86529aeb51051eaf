/**
 * A plain-data view of the allocator model for the dashboard's Allocator panel: arenas and
 * their pools (state, size class, fill), size classes in use, where the bytes of the
 * arenas go (sys._debugmallocstats()'s accounting), the system allocator, and the modelled
 * RSS by part. Built on demand from the live model (O(pools)); the session sends it to the
 * UI as JSON-able data, so the panel never touches the runtime.
 */
import type { Allocator } from './allocator.js';
import type { ArenaCounters } from './pymalloc.js';
import {
  ARENA_SIZE, MAX_POOLS_IN_ARENA, NUM_SIZE_CLASSES, PAGE_SIZE, POOL_OVERHEAD, POOL_SIZE, POOLS_PER_ARENA,
  blockSizeOfClass, poolCapacity,
} from './pymalloc.js';
import type { PyObject } from '../objects/object.js';
import type { Heap } from './heap.js';

/** A pool's state in obmalloc's terms; 'unused' = never carved from its arena yet. */
export type PoolState = 'used' | 'full' | 'empty' | 'unused';

export type PoolView = {
  /** Pool number (arena·64 + slot) and address. */
  readonly pool: number;
  readonly address: number;
  readonly state: PoolState;
  /** Size class (0..31) it serves or last served; −1 if never used. */
  readonly sizeClass: number;
  readonly blockSize: number;
  readonly blocksInUse: number;
  readonly capacity: number;
  /** Pages of the pool written so far (what it adds to RSS). */
  readonly residentPages: number;
};

export type ArenaView = {
  readonly arena: number;
  readonly address: number;
  readonly freePools: number;
  readonly totalPools: number;
  readonly residentBytes: number;
  /** Its 63 pools in address order. */
  readonly pools: readonly PoolView[];
};

export type SizeClassView = {
  readonly sizeClass: number;
  readonly blockSize: number;
  /** Pools of this class with blocks in use (used or full). */
  readonly pools: number;
  readonly blocksInUse: number;
  /** Free blocks in those pools (handed out before or never). */
  readonly availableBlocks: number;
};

/** Where the bytes of the mapped arenas go (they add up to arenas × 1 MiB). */
export type ArenaBytes = {
  readonly inUseBlocks: number;
  readonly availableBlocks: number;
  /** Empty pools and pools never carved. */
  readonly unusedPools: number;
  readonly poolHeaders: number;
  /** The tail of each pool too small for one more block. */
  readonly quantization: number;
  /** The part of each arena before its first pool-aligned address. */
  readonly alignment: number;
  /** Everything but the blocks in use: what fragmentation and slack cost. */
  readonly notInUse: number;
};

export type AllocatorView = {
  readonly rss: {
    readonly total: number;
    readonly interpreter: number;
    readonly modules: number;
    readonly arenas: number;
    readonly systemHeap: number;
    readonly systemMapped: number;
  };
  readonly counters: ArenaCounters;
  readonly arenas: readonly ArenaView[];
  /** usable_arenas, head first: where the next new pool comes from. */
  readonly usableOrder: readonly number[];
  readonly sizeClasses: readonly SizeClassView[];
  readonly arenaBytes: ArenaBytes;
  readonly system: {
    readonly heapBytes: number;
    readonly heapFreeChunkBytes: number;
    readonly mappedBlocks: number;
    readonly mappedBytes: number;
    readonly mmapThreshold: number;
    readonly trimThreshold: number;
  };
};

export function viewAllocator(a: Allocator): AllocatorView {
  const pm = a.pymalloc;
  const arenas: ArenaView[] = [];
  const classes = Array.from({ length: NUM_SIZE_CLASSES }, (_, c) => ({ sizeClass: c, blockSize: blockSizeOfClass(c), pools: 0, blocksInUse: 0, availableBlocks: 0 }));
  let inUse = 0;
  let available = 0;
  let unusedPools = 0;
  let headers = 0;
  let quantization = 0;
  for (const arena of pm.liveArenas()) {
    const pools: PoolView[] = [];
    const carved = pm.carvedPools(arena);
    for (let slot = 1; slot < MAX_POOLS_IN_ARENA; slot++) {
      const p = arena * MAX_POOLS_IN_ARENA + slot;
      const info = pm.poolInfo(p);
      const carvedYet = slot <= carved;
      const c = info.sizeClass;
      const capacity = c >= 0 ? poolCapacity(c) : 0;
      const state: PoolState = !carvedYet || c < 0 ? 'unused' : info.used === 0 ? 'empty' : info.used === capacity ? 'full' : 'used';
      pools.push({
        pool: p,
        address: pm.arenaAddress(arena) - PAGE_SIZE + slot * POOL_SIZE,
        state,
        sizeClass: c,
        blockSize: c >= 0 ? blockSizeOfClass(c) : 0,
        blocksInUse: state === 'used' || state === 'full' ? info.used : 0,
        capacity,
        residentPages: info.touchedPages,
      });
      if (state === 'used' || state === 'full') {
        const size = blockSizeOfClass(c);
        classes[c]!.pools++;
        classes[c]!.blocksInUse += info.used;
        classes[c]!.availableBlocks += capacity - info.used;
        inUse += info.used * size;
        available += (capacity - info.used) * size;
        headers += POOL_OVERHEAD;
        quantization += (POOL_SIZE - POOL_OVERHEAD) % size;
      } else unusedPools += POOL_SIZE;
    }
    arenas.push({
      arena,
      address: pm.arenaAddress(arena),
      freePools: pm.arenaFreePoolCount(arena),
      totalPools: POOLS_PER_ARENA,
      residentBytes: pm.arenaResidentPages(arena) * PAGE_SIZE,
      pools,
    });
  }
  const alignment = arenas.length * (ARENA_SIZE - POOLS_PER_ARENA * POOL_SIZE);
  const sys = a.system;
  const heapResident = sys.residentBytes - sys.mappedBytes;
  return {
    rss: {
      total: a.rss,
      interpreter: a.interpreterBytes,
      modules: a.moduleBytes,
      arenas: pm.residentPages * PAGE_SIZE,
      systemHeap: heapResident,
      systemMapped: sys.mappedBytes,
    },
    counters: { ...pm.counters },
    arenas,
    usableOrder: pm.usableArenaOrder(),
    sizeClasses: classes.filter((c) => c.pools > 0),
    arenaBytes: {
      inUseBlocks: inUse,
      availableBlocks: available,
      unusedPools,
      poolHeaders: headers,
      quantization,
      alignment,
      notInUse: arenas.length * ARENA_SIZE - inUse,
    },
    system: {
      heapBytes: sys.heapBytes,
      heapFreeChunkBytes: sys.freeChunkBytes,
      mappedBlocks: sys.mappedCount,
      mappedBytes: sys.mappedBytes,
      mmapThreshold: sys.mmapThreshold,
      trimThreshold: sys.trimThreshold,
    },
  };
}

/** Where an object's memory block is: its arena and pool, or the system allocator. */
export function locateObject(heap: Heap, o: PyObject): ReturnType<Allocator['locate']> {
  return heap.allocator.locate(heap.blockAddress(o));
}
