# References taken by stdlib calls: a callable passed to a C function is borrowed (its
# refcount is the same before and after the call), and a mapping's keys() result is a
# temporary (dict(m), f(**m), {**m}, also when a key fails)
import sys, time, functools, itertools, operator
from collections import defaultdict, OrderedDict, ChainMap

def f(*args, **kw):
    return 0

def show(label, call):
    before = sys.getrefcount(f)
    call()
    print(label, sys.getrefcount(f) - before)

show('map', lambda: list(map(f, [1, 2, 3])))
show('filterfalse', lambda: list(itertools.filterfalse(f, [1, 2])))
show('starmap', lambda: list(itertools.starmap(f, [(1,), (2,)])))
show('accumulate', lambda: list(itertools.accumulate([1, 2, 3], f)))
show('reduce', lambda: functools.reduce(f, [1, 2, 3]))
show('partial', lambda: functools.partial(f, 1)(2))
show('operator.call', lambda: operator.call(f, 1))
show('defaultdict', lambda: defaultdict(f)['missing'])
cached = functools.lru_cache(maxsize=2)(f)
before = sys.getrefcount(f)
for i in range(4):
    cached(i, k=i)
print('lru_cache', sys.getrefcount(f) - before, cached.cache_info())
before = sys.getrefcount(time.struct_time)
time.gmtime(0); time.localtime(0)
print('struct_time', sys.getrefcount(time.struct_time) - before)
d = OrderedDict(a=1)
before = sys.getrefcount(OrderedDict)
d.copy(); OrderedDict.fromkeys('ab'); d | {'b': 2}
print('OrderedDict', sys.getrefcount(OrderedDict) - before)

class Keys:
    def __init__(self):
        self.made = []
    def keys(self):
        k = ['a', 'b']
        self.made.append(k)
        return k
    def __getitem__(self, key):
        return key.upper()

m = Keys()
print(dict(m), f(**m), {**m})
print('keys() results held only by m.made:', [sys.getrefcount(k) for k in m.made])
cm = ChainMap({'a': 1}, {'b': 2})
print(dict(cm))

class Bad(Keys):
    def __getitem__(self, key):
        if key == 'b':
            raise KeyError(key)
        return 1
for call in [lambda: dict(Bad()), lambda: f(**Bad())]:
    try:
        call()
    except KeyError as e:
        print('KeyError', e)

