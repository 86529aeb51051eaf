"""Reference counting with sys.getrefcount

Teaches: every object counts the references to it; assigning a name adds one, `del`
removes one, and the object is freed the moment its count reaches zero. sys.getrefcount
reports one more than you expect, because its own argument is a reference too.
Watch: the refcount (rc=) of the list in the Object graph at lines 13-21; at line 43
the Heap panel loses the list and both Tracked objects at once, with no garbage collection.
Keys: n to step; ← to step back and see the count go up again.
"""
import sys


x = [1, 2, 3]
print("x = [1, 2, 3]     getrefcount:", sys.getrefcount(x))
y = x
print("y = x             getrefcount:", sys.getrefcount(x))
del x
print("del x             getrefcount:", sys.getrefcount(y))
box = [y, y]
print("box = [y, y]      getrefcount:", sys.getrefcount(y))
del box
print("del box           getrefcount:", sys.getrefcount(y))

# Passing an object to a function adds references while the call runs.
def inspect(obj):
    print("inside a call:", sys.getrefcount(obj))


inspect(y)
print("after the call:", sys.getrefcount(y))

# A container freed by reference counting frees what it holds, one after the other.
class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed:", self.name)


holder = [Tracked("a"), Tracked("b")]
print("deleting the list that holds both")
del holder
print("done")
