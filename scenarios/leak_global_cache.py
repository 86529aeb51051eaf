"""Leak: a global cache that only grows

Teaches: a module-level dict used as a cache keeps every value alive for the whole run;
nothing is ever garbage, so neither reference counting nor gc.collect() can free it.
The fix bounds the cache: least-recently-used eviction with a size limit.
Watch: the Heap panel during the first loop (line 31): the count of Report objects and
the bytes keep rising; during the second loop (line 53) they level off at the limit.
Keys: + to speed up the loops; press g after line 32 to see that gc.collect() frees nothing.
"""
import gc
import sys


class Report:
    def __init__(self, key):
        self.key = key
        self.rows = [key] * 50


# The leak: every key ever asked for stays in the cache.
cache = {}


def get_report(key):
    if key not in cache:
        cache[key] = Report(key)
    return cache[key]


for request in range(2000):
    get_report(request)
print("cached reports:", len(cache))
print("gc.collect() finds:", gc.collect())
print("the cache's own table:", sys.getsizeof(cache), "bytes")

# The fix: keep at most LIMIT entries, dropping the least recently used one.
LIMIT = 100
bounded = {}


def get_report_bounded(key):
    if key in bounded:
        report = bounded.pop(key)  # re-inserted below, as the most recent
    else:
        report = Report(key)
        if len(bounded) >= LIMIT:
            del bounded[next(iter(bounded))]  # the oldest entry
    bounded[key] = report
    return report


for request in range(2000):
    get_report_bounded(request % 300)
print("bounded cache holds:", len(bounded))
print("oldest and newest keys:", next(iter(bounded)), list(bounded)[-1])
cache.clear()
print("after cache.clear():", len(cache), "entries,", sys.getsizeof(cache), "bytes")
