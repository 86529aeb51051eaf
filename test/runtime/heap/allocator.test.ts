/**
 * The allocator model's rules, each from Objects/obmalloc.c or glibc's malloc, tested on
 * the models directly (no interpreter).
 */
import { describe, expect, it } from 'vitest';
import { Pymalloc, ARENA_SIZE, POOL_SIZE, POOL_OVERHEAD, POOLS_PER_ARENA, poolCapacity, locateArenaAddress } from '../../../source/runtime/heap/pymalloc.js';
import { SystemMalloc, HEAP_BASE, request2size, DEFAULT_MMAP_THRESHOLD } from '../../../source/runtime/heap/system-malloc.js';
import { Allocator } from '../../../source/runtime/heap/allocator.js';
import { viewAllocator } from '../../../source/runtime/heap/allocator-view.js';

describe('pymalloc', () => {
  it('serves 16-byte size classes from 16 KiB pools, first block after the pool header', () => {
    const pm = new Pymalloc();
    const a = pm.malloc(1);
    const b = pm.malloc(16);
    const c = pm.malloc(17);
    expect(a % POOL_SIZE).toBe(POOL_OVERHEAD);
    expect(b - a).toBe(16); // same class: the next block
    expect(Math.floor(c / POOL_SIZE)).not.toBe(Math.floor(a / POOL_SIZE)); // 32-byte class: another pool
    expect(pm.blockSize(a)).toBe(16);
    expect(pm.blockSize(c)).toBe(32);
    expect(pm.blockSize(12345)).toBe(0);
  });

  it('hands out the most recently freed block first (LIFO), then fresh ones', () => {
    const pm = new Pymalloc();
    const [x, y, z] = [pm.malloc(24), pm.malloc(24), pm.malloc(24)];
    pm.free(x);
    pm.free(y);
    expect(pm.malloc(24)).toBe(y);
    expect(pm.malloc(24)).toBe(x);
    expect(pm.malloc(24)).toBe(z + 32);
  });

  it('fills a pool to ⌊(16384 − 48)/size⌋ blocks before taking the next pool', () => {
    const pm = new Pymalloc();
    const cap = poolCapacity(31); // 512-byte blocks: 31 per pool
    expect(cap).toBe(31);
    const blocks = Array.from({ length: cap + 1 }, () => pm.malloc(512));
    const pools = new Set(blocks.map((b) => Math.floor(b / POOL_SIZE)));
    expect(pools.size).toBe(2);
    expect(poolCapacity(0)).toBe(1021);
  });

  it('returns wholly empty arenas, keeping one, and counts them', () => {
    const pm = new Pymalloc();
    const perArena = POOLS_PER_ARENA * poolCapacity(31);
    const blocks = Array.from({ length: 3 * perArena }, () => pm.malloc(512));
    expect(pm.counters.current).toBe(3);
    for (const b of blocks) pm.free(b);
    // Two arenas unmapped; the last wholly free one stays (bpo-37257).
    expect(pm.counters).toEqual({ allocatedTotal: 3, reclaimed: 2, highWater: 3, current: 1 });
    expect(pm.residentPages).toBe(POOLS_PER_ARENA * 4);
  });

  it('takes new pools from the most used arena, so that lightly used arenas drain', () => {
    const pm = new Pymalloc();
    const perArena = POOLS_PER_ARENA * poolCapacity(31);
    const first = Array.from({ length: perArena }, () => pm.malloc(512));
    const second = Array.from({ length: perArena }, () => pm.malloc(512));
    const arenaOf = (b: number) => locateArenaAddress(b)!.arena;
    // Free 10 pools' worth in the first arena and 20 in the second.
    for (const b of first.slice(0, 10 * 31)) pm.free(b);
    for (const b of second.slice(0, 20 * 31)) pm.free(b);
    expect(pm.usableArenaOrder()).toEqual([arenaOf(first[0]!), arenaOf(second[0]!)]);
    // A new pool (another size class) comes from the first arena: it has fewer free pools.
    expect(arenaOf(pm.malloc(8))).toBe(arenaOf(first[0]!));
  });

  it('locates an address in its arena and pool', () => {
    const pm = new Pymalloc();
    const b = pm.malloc(100);
    const where = locateArenaAddress(b)!;
    expect(where.offset).toBe(POOL_OVERHEAD);
    expect(pm.poolOf(b)).toBe(where.pool);
    expect(where.arena).toBe(0);
    expect(ARENA_SIZE / POOL_SIZE).toBe(64);
  });
});

describe('the system allocator (glibc)', () => {
  it('rounds requests to chunks: n + 8 up to 16, at least 32', () => {
    expect(request2size(1)).toBe(32);
    expect(request2size(600)).toBe(608);
    expect(request2size(8_000_000)).toBe(8_000_016);
  });

  it('maps requests of 128 KiB and more, page-rounded, and unmaps them at free', () => {
    const sys = new SystemMalloc();
    const small = sys.malloc(100_000);
    expect(small).toBeGreaterThan(HEAP_BASE);
    expect(sys.isMapped(small)).toBe(false);
    const big = sys.malloc(8_000_000);
    expect(sys.isMapped(big)).toBe(true);
    expect(sys.mappedBytes).toBe(8_003_584);
    const before = sys.residentBytes;
    sys.free(big);
    expect(before - sys.residentBytes).toBe(8_003_584);
  });

  it('raises the mmap threshold to the size of a freed mapping, so the next such block stays in the heap', () => {
    const sys = new SystemMalloc();
    expect(sys.mmapThreshold).toBe(DEFAULT_MMAP_THRESHOLD);
    sys.free(sys.malloc(8_000_000));
    expect(sys.mmapThreshold).toBe(8_003_584);
    expect(sys.trimThreshold).toBe(2 * 8_003_584);
    const again = sys.malloc(8_000_000);
    expect(sys.isMapped(again)).toBe(false);
    const resident = sys.residentBytes;
    sys.free(again);
    // Below the trim threshold: the heap keeps it (the reference's "history effect").
    expect(sys.residentBytes).toBe(resident);
    // Mappings above 32 MiB never move the threshold.
    sys.free(sys.malloc(160_000_000));
    expect(sys.mmapThreshold).toBe(8_003_584);
  });

  it('gives the top of the heap back beyond the trim threshold', () => {
    const sys = new SystemMalloc();
    const blocks = Array.from({ length: 10 }, () => sys.malloc(100_000));
    const grown = sys.heapBytes;
    for (const b of blocks) sys.free(b);
    expect(sys.heapBytes).toBeLessThan(grown);
    expect(sys.heapBytes).toBeLessThanOrEqual(128 * 1024 + 4096);
  });

  it('grows a block in place into the top, and moves it when the next chunk is in use', () => {
    const sys = new SystemMalloc();
    const a = sys.malloc(1000);
    expect(sys.realloc(a, 5000)).toBe(a);
    const b = sys.malloc(1000);
    const moved = sys.realloc(a, 20000);
    expect(moved).not.toBe(a);
    expect(sys.chunkSize(b)).toBe(request2size(1000));
  });
});

describe('PyObject_Realloc', () => {
  it('keeps a pymalloc block that shrinks by less than a quarter, moves it otherwise', () => {
    const a = new Allocator();
    const p = a.malloc(256);
    expect(a.realloc(p, 200)).toBe(p); // 4·200 > 3·256
    const q = a.realloc(p, 100);
    expect(q).not.toBe(p);
    expect(a.pymalloc.blockSize(q)).toBe(112);
  });

  it('moves a block growing past 512 bytes to the system allocator, where it stays', () => {
    const a = new Allocator();
    const p = a.realloc(a.malloc(64), 600);
    expect(a.pymalloc.blockSize(p)).toBe(0);
    const q = a.realloc(p, 40);
    expect(a.pymalloc.blockSize(q)).toBe(0); // glibc's realloc: not handed back to pymalloc
    // 0 bytes: a 1-byte malloc
    expect(a.pymalloc.blockSize(a.realloc(a.malloc(64), 0))).toBe(0);
  });

  it('reports every request to the tracer with the size asked for', () => {
    const a = new Allocator();
    const seen: string[] = [];
    a.tracer = { alloc: (_addr, n) => seen.push(`+${n}`), free: () => seen.push('-') };
    const p = a.malloc(28);
    a.realloc(p, 100);
    a.free(p);
    expect(seen).toEqual(['+28', '-', '+100', '-']);
  });
});

describe('allocator view', () => {
  it('accounts for every byte of the arenas', () => {
    const a = new Allocator();
    const blocks = Array.from({ length: 5000 }, (_, i) => a.malloc(1 + (i % 512)));
    for (const b of blocks.filter((_, i) => i % 3 === 0)) a.free(b);
    const v = viewAllocator(a);
    const bytes = v.arenaBytes;
    expect(bytes.inUseBlocks + bytes.availableBlocks + bytes.unusedPools + bytes.poolHeaders + bytes.quantization + bytes.alignment)
      .toBe(v.arenas.length * ARENA_SIZE);
    expect(bytes.notInUse).toBe(v.arenas.length * ARENA_SIZE - bytes.inUseBlocks);
    const used = v.sizeClasses.reduce((n, c) => n + c.blocksInUse, 0);
    expect(used).toBe(5000 - Math.ceil(5000 / 3));
    const states = new Set(v.arenas.flatMap((x) => x.pools.map((p) => p.state)));
    expect(states.has('used') && states.has('unused')).toBe(true);
  });
});

