# Cyclic garbage: 2*10^5 two-object reference cycles made and dropped, then a full collection.
import gc


class Node:
    def __init__(self):
        self.other = None


for i in range(200000):
    a = Node()
    b = Node()
    a.other = b
    b.other = a
del a, b
gc.collect()
print(gc.collect())
