"""`__slots__` versus `__dict__` for many instances

Teaches: an ordinary instance keeps its attributes in a dictionary (in 3.11, a values array
shared with its class until you ask for __dict__); a class with __slots__ stores them in
fixed fields inside the object, with no dict at all. One instance barely differs; twenty
thousand of them do.
Watch: the Heap panel after line 36 and after line 42: the count and bytes of
PointDict and PointSlots objects; the Object graph shows slots as attributes of the object.
Keys: n to step; tab to focus the Heap panel, then s to sort it by the next column.
"""
import sys
import tracemalloc


class PointDict:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class PointSlots:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


a = PointDict(1, 2)
b = PointSlots(1, 2)
print("PointDict instance:", sys.getsizeof(a), "bytes, has __dict__:", hasattr(a, "__dict__"))
print("PointSlots instance:", sys.getsizeof(b), "bytes, has __dict__:", hasattr(b, "__dict__"))

tracemalloc.start()
before = tracemalloc.get_traced_memory()[0]
many_dicts = [PointDict(i, i) for i in range(20_000)]
with_dict = tracemalloc.get_traced_memory()[0] - before
del many_dicts
print("20,000 PointDict:", with_dict // 20_000, "bytes each, with the list")

before = tracemalloc.get_traced_memory()[0]
many_slots = [PointSlots(i, i) for i in range(20_000)]
with_slots = tracemalloc.get_traced_memory()[0] - before
del many_slots
tracemalloc.stop()
print("20,000 PointSlots:", with_slots // 20_000, "bytes each, with the list")

# Asking for __dict__ makes a real dict for that one instance.
print("the dict, once made:", sys.getsizeof(a.__dict__), "bytes")
try:
    b.z = 3
except AttributeError as error:
    print("slots are fixed:", error)
