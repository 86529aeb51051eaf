# A bounded lru_cache's links are not GC objects: the collector reaches their keys and
# results through the cache (lru_cache_tp_traverse), so a cycle through a cached method's
# key (instance -> class -> cache -> key -> instance) is garbage; and links outliving
# their cache (its dict held elsewhere) hold their references themselves
import gc, sys, functools
class C:
    @functools.lru_cache(maxsize=4)
    def m(self, x):
        return [x]
    def __del__(self):
        print('C freed')
c = C()
c.m(1)
del c, C
print(gc.collect() > 0)
print('after collect')
# a bounded cache whose dict outlives it
@functools.lru_cache(maxsize=2)
def f(x):
    return [x]
f(1); f(2); f(3)
inner = [d for d in gc.get_referents(f) if type(d) is dict and len(d) == 2][0]
print(sorted(inner))
del f
print(len(inner), [type(v).__name__ for v in inner.values()])
del inner
print('end')
