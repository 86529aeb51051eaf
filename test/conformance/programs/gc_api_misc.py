# The rest of the gc module: thresholds, counts, freeze, tracking, referents and
# referrers, stats deltas, callbacks, argument errors.
import gc
gc.disable()

class A:
    pass

def pair():
    a = A(); b = A(); a.o = b; b.o = a

print(gc.get_threshold(), gc.isenabled(), gc.get_debug())
gc.set_threshold(500, 5)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
gc.collect()
pair()
print("collect(0):", gc.collect(0), gc.get_count())
pair()
print("collect(1):", gc.collect(1), gc.get_count())
pair()
print("collect():", gc.collect(), gc.get_count())

before = [s["collections"] for s in gc.get_stats()]
pair()
gc.collect(0)
gc.collect()
after = gc.get_stats()
print("stats:", [after[i]["collections"] - before[i] for i in range(3)], after[0]["collected"] >= 2, sorted(after[0]))

calls = []
def cb(phase, info):
    calls.append((phase, sorted(info.items())))
gc.callbacks.append(cb)
pair(); pair(); pair()
gc.collect()
gc.callbacks.remove(cb)
print(calls)

x = A()
gc.collect()
print("x in gen 2:", any(o is x for o in gc.get_objects(2)), any(o is x for o in gc.get_objects(0)))
y = A()
print("y in gen 0:", any(o is y for o in gc.get_objects(0)))
gc.freeze()
print("frozen:", gc.get_count(), any(o is y for o in gc.get_objects()), gc.get_freeze_count() > 0)
pair()
gc.collect()
def frozen_pair():
    a = A(); b = A(); a.o = b; b.o = a
frozen_pair()
gc.freeze()
print("frozen garbage is kept:", gc.collect())
gc.unfreeze()
print("unfreeze:", gc.get_freeze_count(), gc.collect())

print("tracking:", gc.is_tracked(1), gc.is_tracked([]), gc.is_tracked({}), gc.is_tracked({"a": []}), gc.is_tracked(()), gc.is_tracked(A()))
a, b = 1, "x"
t = (a, b)
t2 = (a, (a, b))
print("tuples:", gc.is_tracked(t), gc.is_tracked(t2), gc.is_tracked(t2[1]))
gc.collect()
print("after a collection:", gc.is_tracked(t), gc.is_tracked(t2), gc.is_tracked(t2[1]))
gc.collect()
print("and another:", gc.is_tracked(t2))
print("builtin types are atomic:", gc.is_tracked((int, str)))
gc.collect()
print((int, str) is not None, gc.is_tracked(tuple([int, str])))
d = {}
d["k"] = []
del d["k"]
gc.collect(1)
print("dict after gen-1 collection:", gc.is_tracked(d))
gc.collect()
print("dict after full collection:", gc.is_tracked(d))

l1, l2 = [1], [2]
print("referents:", gc.get_referents((l1, l2), [l1, l2], {"x": l1, 1: l2}, 5))
holder = [l1]
refs = gc.get_referrers(l1)
print("referrers:", sorted(type(r).__name__ for r in refs), holder in refs)

bads = [(lambda: gc.collect(3)), (lambda: gc.collect("x")), (lambda: gc.get_objects(3)),
        (lambda: gc.get_objects(-2)), (lambda: gc.set_threshold()), (lambda: gc.get_count(1)),
        (lambda: gc.is_tracked()), (lambda: gc.enable(1))]
for bad in bads:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
gc.enable()
