"""Allocator fragmentation: freed memory that the process keeps

Teaches: small objects live in pymalloc's 1 MiB arenas, cut into 16 KiB pools. An arena
goes back to the operating system only when every object in it is freed. Free most
objects but keep a few scattered ones, and nearly all arenas stay: the process memory
barely drops although most objects are gone. Freeing everything gives most of it back.
Watch: the Heap panel's bytes at lines 20, 23 and 26 against the process memory
printed after each; the memory figures are the modelled process (python3 prints its own).
Keys: o to step over each phase (n steps into rss()); + to speed up the list building.
"""
from memory_profiler import memory_usage


def rss():
    return memory_usage(-1)[0]


start = rss()
print("phases of 200,000 small objects:")
objects = [object() for _ in range(200_000)]
full = rss()
print(f"  allocated: {len(objects):>7} objects  process +{full - start:.1f} MiB")
objects = objects[::64]
scattered = rss()
print(f"  one in 64 kept: {len(objects):>3} objects  process +{scattered - start:.1f} MiB")
objects = []
empty = rss()
print(f"  all freed:  {len(objects):>6} objects  process +{empty - start:.1f} MiB")
print("most memory stayed while a few objects were left:", scattered - start > (full - start) / 2)
