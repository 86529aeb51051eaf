# What moves gc.get_count()[0] (reference sheet 4.2): +1 for a GC object not taken from a
# free list, -1 for one not given back to a free list, 0 for atomic objects.
import gc
gc.disable()
class C: pass
class S:
    __slots__ = ('a',)
class K:
    def m(self): pass
o = K()
pad = [C() for _ in range(300)]
warm = [[] for _ in range(100)], [{} for _ in range(100)], [(i, i) for i in range(100)], [(i, i, i) for i in range(100)], [(i,) for i in range(100)]
del warm
g = gc.get_count
results = []
def report(label, before):
    results.append((label, g()[0] - before))

b = g()[0]; report("nothing", b)
b = g()[0]; x = C(); report("x = C()", b)
b = g()[0]; x = S(); report("x = S()", b)
b = g()[0]; C(); report("C() temporary", b)
b = g()[0]; x = []; report("x = []", b)
b = g()[0]; x = {}; report("x = {}", b)
a = 1
b = g()[0]; x = (a, a); report("x = (a, a)", b)
b = g()[0]; x = (1, 2); report("x = (1, 2) constant", b)
b = g()[0]; x = 1.5 + a; y = 'abc' * a; z = 10 ** a; report("float, str, int", b)
b = g()[0]; x = set(); report("x = set()", b)
l1 = [1]
b = g()[0]; x = frozenset(l1); report("frozenset(l)", b)
b = g()[0]
def gg(): pass
report("def", b)
b = g()[0]; x = lambda: 0; report("lambda", b)
b = g()[0]; x = o.m; report("x = o.m", b)
b = g()[0]; o.m(); report("o.m()", b)
b = g()[0]; x = [C() for i in range(10)]; report("list comprehension of 10", b)
b = g()[0]
for _ in range(1000): C()
report("1000 temporaries", b)
x = C(); y = C()
b = g()[0]; del x, y; report("del x, y", b)
x = [[] for _ in range(100)]
b = g()[0]; del x; report("del a list of 100 lists", b)
x = C(); x.a = 1
b = g()[0]; d = x.__dict__; report("materialized __dict__", b)
b = g()[0]; gen = (i for i in range(3)); report("generator expression", b)
l0 = []
b = g()[0]; x = iter(l0); report("iter(l)", b)
b = g()[0]; x = [1, 2, 3]; report("[1, 2, 3]", b)
b = g()[0]
class K2: pass
report("class K2: pass", b)
b = g()[0]
class K3:
    def m(self): pass
    def n(self): pass
report("class with 2 methods", b)
b = g()[0]; x = {'a': 1, 'b': 2}; report("dict display", b)
b = g()[0]; x = dict(a=1); report("dict(a=1)", b)
b = g()[0]; x = list(range(5)); report("list(range(5))", b)
b = g()[0]; x = tuple(l1); report("tuple(l)", b)
b = g()[0]; x = {1, 2}; report("set display", b)
b = g()[0]; x = {i: i for i in range(3)}; report("dict comprehension", b)
b = g()[0]; x = sorted([3, 1, 2]); report("sorted", b)
b = g()[0]; x = enumerate(l1); report("enumerate", b)
b = g()[0]; x = zip(l1, l1); report("zip", b)
b = g()[0]; x = map(str, l1); report("map", b)
b = g()[0]; x = super(K, o); report("super", b)
b = g()[0]; x = l1.append; report("bound builtin method", b)
b = g()[0]; x = [1] * 3; report("[1] * 3", b)
b = g()[0]
try:
    raise ValueError('x')
except ValueError:
    pass
report("raise and catch", b)
b = g()[0]
try:
    raise ValueError('x')
except ValueError as e:
    err = e
report("kept exception", b)
def gen_f():
    yield 1
b = g()[0]; x = gen_f(); report("generator", b)
def clos():
    v = 1
    def inner(): return v
    return inner
b = g()[0]; x = clos(); report("closure", b)
for label, delta in results:
    print(f"{label:26s} {delta:+d}")
objs = [C() for _ in range(50)]
gc.collect()
print("after gc.collect():", gc.get_count())
del objs
print("after freeing 51 objects (clamped at 0):", gc.get_count())
