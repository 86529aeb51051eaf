"""Reference cycles and gc.collect() (dashboard tests: the lines are fixed)

Teaches: reference counting frees most objects at once; two objects that refer to each
other keep their counts above zero after their names are gone, and only the cyclic
garbage collector frees them.
Watch: the Object graph after line 26 (two Node objects, unreachable but not freed),
then the Generations panel when gc.collect() runs.
Keys: press g after line 26 to run gc.collect() yourself.
"""
import gc
import sys


class Node:
    def __init__(self, name):
        self.name = name
        self.next = None


node1 = Node("first")
node2 = Node("second")
print("refcount of node1:", sys.getrefcount(node1))
node1.next = node2
node2.next = node1
print("refcount of node1 with the cycle:", sys.getrefcount(node1))
del node1, node2
print("unreachable objects collected:", gc.collect())
