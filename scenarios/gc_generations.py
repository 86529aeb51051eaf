"""Generations and automatic collection

Teaches: the cyclic garbage collector sorts container objects into three generations.
Every allocation of a container adds to generation 0's count; when it passes the
threshold (700) a generation-0 collection runs by itself, survivors move to generation 1,
and every 10 collections of a younger generation the next older one is collected too.
Generation 2 also waits until its newcomers are a quarter of all long-lived objects,
so this loop never triggers it.
Watch: the Generations panel during the loop at line 36: the gen0 bar fills up and
empties, gen1 fills one step per collection; the Output panel shows the totals after it.
Keys: space to run, + to go faster; press 0, 1 or 2 to collect a generation yourself.
"""
import gc


class Node:
    def __init__(self):
        self.partner = None


collections = []


def on_collect(phase, info):
    # Called by the collector itself around every collection.
    if phase == "stop":
        collections.append((info["generation"], info["collected"]))


print("thresholds:", gc.get_threshold())
gc.collect()
print("counts after a full collection:", gc.get_count())
gc.callbacks.append(on_collect)

keep = []
for i in range(20000):
    a = Node()
    b = Node()
    a.partner = b
    b.partner = a  # a two-object cycle: reference counting cannot free it
    if i % 10 == 0:
        keep.append(a)  # one in ten survives and is promoted

gc.callbacks.remove(on_collect)
print("automatic collections:", len(collections))
print("by generation:", [sum(1 for g, _ in collections if g == n) for n in range(3)])
print("unreachable objects they freed:", sum(c for _, c in collections))
print("survivors kept:", len(keep))
print("a full collection now finds:", gc.collect())
