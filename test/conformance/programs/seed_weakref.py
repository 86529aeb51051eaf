import weakref
import gc

class Node:
    def __init__(self, value):
        self.value = value

n = Node(10)
r = weakref.ref(n)
print(r() is n, r().value)
del n
print(r())
