# Containers changing shape in every way the event log has to follow: list inserts,
# pops and slice assignments (items shift), dict and set deletions, generators left
# suspended, frames kept by tracebacks, and the collector's settings.
import gc
import sys

items = [str(i) for i in range(8)]
items.insert(0, "first")
items.insert(4, "middle")
items.pop(0)
items.pop(3)
items[2:5] = ["a", "b"]
items[1:1] = ["x", "y", "z"]
del items[-2:]
items.append(items[0])
items.extend([None, None])
items.remove(None)
items.reverse()
items.sort(key=lambda s: str(s))
print(items, sys.getsizeof(items))

d = {"k%d" % i: [i] for i in range(10)}
for i in range(0, 10, 3):
    del d["k%d" % i]
d[1] = "one"
d[(2, 3)] = d.pop("k1")
print(sorted(map(str, d)), sys.getsizeof(d))

s = {1, 2, 3, "four"}
s.discard(2)
s |= {5, 6}
print(sorted(map(str, s)), sys.getsizeof(s))

def counter(n):
    total = 0
    for i in range(n):
        total += i
        yield total

g = counter(5)
print(next(g), next(g))

def fails():
    local = ["kept by the traceback"]
    raise ValueError("boom")

try:
    fails()
except ValueError as e:
    saved = e
print(type(saved.__traceback__).__name__)
del saved

class Box:
    pass

b = Box()
b.self = b
b.items = items
del b
gc.set_threshold(500, 5, 5)
print(gc.get_threshold())
gc.disable()
print(gc.isenabled(), gc.collect())
gc.enable()
gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count(), gc.get_count()[1:])
print(next(g))
