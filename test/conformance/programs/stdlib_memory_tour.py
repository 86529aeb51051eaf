# A memory tutorial's tour of standard containers: sizes of the same data held
# in different structures, and what the collector sees.
import sys, gc
from array import array
from collections import deque, namedtuple, defaultdict, OrderedDict, Counter
from dataclasses import dataclass
import itertools, functools

N = 1000
items = list(range(N))
print("list     ", sys.getsizeof(items))
print("tuple    ", sys.getsizeof(tuple(items)))
print("deque    ", sys.getsizeof(deque(items)))
print("array i  ", sys.getsizeof(array('i', items)))
print("array q  ", sys.getsizeof(array('q', items)))
print("bytearray", sys.getsizeof(bytearray(i % 256 for i in items)))
print("set      ", sys.getsizeof(set(items)))
print("dict     ", sys.getsizeof(dict.fromkeys(items)))
print("OrderedDict", sys.getsizeof(OrderedDict.fromkeys(items)))
print("Counter  ", sys.getsizeof(Counter(items)))
print("range    ", sys.getsizeof(range(N)), "islice", sys.getsizeof(itertools.islice(items, 10)))

Point = namedtuple('Point', 'x y z')
class PlainPoint:
    def __init__(self, x, y, z):
        self.x, self.y, self.z = x, y, z
class SlotPoint:
    __slots__ = ('x', 'y', 'z')
    def __init__(self, x, y, z):
        self.x, self.y, self.z = x, y, z
@dataclass
class DataPoint:
    x: int
    y: int
    z: int
@dataclass(slots=True)
class SlotDataPoint:
    x: int
    y: int
    z: int
for cls in (Point, PlainPoint, SlotPoint, DataPoint, SlotDataPoint):
    p = cls(1, 2, 3)
    extra = sys.getsizeof(p.__dict__) if hasattr(p, '__dict__') else 0
    print(f"{cls.__name__:14} instance {sys.getsizeof(p):4}  __dict__ {extra}")

tree = lambda: defaultdict(tree)
t = tree()
t['a']['b']['c'] = 1
print(len(t), sys.getsizeof(t), sys.getsizeof(t['a']))

@functools.lru_cache(maxsize=None)
def load(n):
    return [0] * n
for n in (10, 100, 1000):
    load(n)
print(load.cache_info(), sum(sys.getsizeof(load(n)) for n in (10, 100, 1000)))
load.cache_clear()

gc.collect()
d = deque()
d.append(d)
od = OrderedDict()
od['self'] = od
c = Counter()
c['me'] = c
del d, od, c
print("unreachable", gc.collect())
window = deque(maxlen=3)
for i in range(10):
    window.append(i)
print(window, sys.getsizeof(window))
