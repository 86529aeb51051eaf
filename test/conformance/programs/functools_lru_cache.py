# functools.lru_cache: the cache holds keys and results (a classic leak), cache_info, sizes
import functools, sys, gc
from functools import lru_cache, cache
@lru_cache
def sq(x):
    return x * x
print(sq(3), sq(3), sq(4), sq.cache_info(), sq.cache_parameters(), sq.__wrapped__.__name__, sq.__name__, sys.getsizeof(sq))
print(type(sq), sorted(sq.__dict__))
sq.cache_clear(); print(sq.cache_info())
@lru_cache(maxsize=2)
def g(x):
    print('compute', x)
    return [x]
g(1); g(2); g(1); g(3); g(2)
print(g.cache_info())
r = g(3); print("bounded result refs", sys.getrefcount(r))
@lru_cache(maxsize=None)
def h(x, y=0):
    return [x]
a = h(1); print("unbounded result refs", sys.getrefcount(a))
h(1, y=2); h(1, 2); h(1, y=2); print(h.cache_info())
big = 10 ** 20
before = sys.getrefcount(big)
h(big); print("key refs +", sys.getrefcount(big) - before)
t = (1, 2)
before = sys.getrefcount(t)
h(t); print("tuple key refs +", sys.getrefcount(t) - before)
try:
    lru_cache(maxsize='x')
except TypeError as e:
    print(e)
@cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
class Leaky:
    def __init__(self, n):
        self.data = [0] * n
@lru_cache(maxsize=None)
def make(n):
    return Leaky(n)
objs = [make(i) for i in range(5)]
del objs
print("still cached", make.cache_info().currsize, sys.getrefcount(make(3)))
make.cache_clear()
print("after clear", make.cache_info())
@lru_cache(maxsize=3, typed=True)
def typed(x):
    return x
typed(1); typed(1.0); typed(True); print(typed.cache_info())
class M:
    @lru_cache
    def m(self, x):
        return x * 2
print(M().m(3), M.m.cache_info().currsize)
print(repr(sq).split(' at ')[0])
