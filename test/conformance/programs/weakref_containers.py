# WeakValueDictionary, WeakKeyDictionary and WeakSet entries vanish with their objects,
# by reference counting and by the collector; removals wait while an iteration runs.
import gc, weakref
gc.disable()

class A:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return f"A({self.n})"

d = weakref.WeakValueDictionary()
objs = [A(i) for i in range(5)]
for i, o in enumerate(objs):
    d[i] = o
print(len(d), sorted(d.keys()), 3 in d, d.get(3), d[2])
del objs[3]
print("after del:", len(d), sorted(d.keys()), 3 in d, d.get(3, "gone"))
try:
    d[3]
except KeyError as e:
    print("KeyError", e)
print(sorted(d.items(), key=lambda kv: kv[0]), sorted(o.n for o in d.values()))
print(d.pop(0), len(d), d.setdefault(9, objs[1]), len(d))
print(type(d.items()).__name__, repr(d).startswith("<WeakValueDictionary at 0x"))

# a value in a cycle: the entry goes when the collector frees it; the KeyedRef freed by
# its own callback counts in gc.collect()
a = A("c"); b = A("d"); a.o = b; b.o = a
d["cyc"] = a
del a, b
print("before collect:", "cyc" in d, len(d))
print("collect:", gc.collect())
print("after collect:", "cyc" in d, len(d))

# removal during iteration waits until the iteration ends
objs.clear()
e = A("e"); f = A("f")
d.clear()
d["e"] = e; d["f"] = f
it = iter(d.keys())
first = next(it)
del e
print("while iterating:", len(d.data), d._pending_removals)
rest = list(it)
print("after iterating:", sorted([first] + rest), len(d), d._pending_removals)

k = weakref.WeakKeyDictionary()
ks = [A(i) for i in range(3)]
for o in ks:
    k[o] = o.n * 10
print(len(k), k[ks[1]], ks[2] in k, 5 in k)
del ks[1]
print(len(k), sorted(x.n for x in k.keys()), sorted(k.values()))
x = A("x"); y = A("y"); x.o = y; y.o = x
k[x] = "cycle"
del x, y
print(len(k), gc.collect(), len(k))

ws = weakref.WeakSet()
items = [A(i) for i in range(4)]
for o in items:
    ws.add(o)
print(len(ws), items[0] in ws, A(9) in ws)
items.pop()
print(len(ws))
ws.discard(items[0])
print(len(ws), sorted(o.n for o in ws))
ws2 = ws.copy()
print(len(ws2), ws2 == ws)
items.clear()
print(len(ws), len(ws2))
