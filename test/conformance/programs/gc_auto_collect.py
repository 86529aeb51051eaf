# Automatic collections happen inside the allocation that takes count[0] past 700; the
# oldest generation over its threshold is collected (gen 1 every 11th time, gen 2 when the
# long-lived objects grew by 25 %). Seen through gc.callbacks.
import gc

class C:
    pass

starts = []
stops = []
def cb(phase, info):
    if phase == "start":
        starts.append((info["generation"], gc.get_count()))
    else:
        stops.append((info["generation"], info["collected"], info["uncollectable"], gc.get_count()))

gc.collect()
gc.callbacks.append(cb)
keep = []
first = None
for i in range(1000):
    keep.append(C())
    if starts and first is None:
        first = i + 1
print("first automatic collection at allocation", first)
print("start/stop:", starts[0], stops[0])
for i in range(7700):
    keep.append(C())
by_gen = [0, 0, 0]
for g, _ in starts:
    by_gen[g] += 1
print("collections by generation:", by_gen)
print("gen >= 1 starts:", [s for s in starts if s[0] >= 1][:14])
print("collected in all:", sum(s[1] for s in stops))
gc.callbacks.remove(cb)

# smaller thresholds show the rhythm of generations 1 and 2 (and the 25 % rule) sooner
gc.collect()
gc.set_threshold(100, 3, 3)
starts.clear(); stops.clear()
gc.callbacks.append(cb)
for i in range(6000):
    keep.append(C())
print("threshold (100, 3, 3):", [s[0] for s in starts][:40])
print("gen 2 starts:", [s for s in starts if s[0] == 2])
gc.callbacks.remove(cb)
gc.set_threshold(700, 10, 10)

# garbage made while collections run automatically is found by them
starts.clear(); stops.clear()
gc.callbacks.append(cb)
class Node:
    pass
for i in range(1500):
    a = Node(); b = Node(); a.o = b; b.o = a
del a, b
print("collections:", len(starts), "collected:", sum(s[1] for s in stops))
gc.callbacks.remove(cb)

# disabled: counting goes on, no collection; the first allocation after enable collects
gc.collect()
gc.disable()
more = [C() for _ in range(2000)]
print("disabled:", gc.get_count())
gc.enable()
x = C()
print("after enable and one allocation:", gc.get_count())
gc.set_threshold(0)
more2 = [C() for _ in range(2000)]
print("threshold 0:", gc.get_count()[0] > 2000)
gc.set_threshold(700, 10, 10)
