"""Leak: a reference cycle whose objects have `__del__`

Teaches: objects in a reference cycle are not freed by reference counting, and their
__del__ methods do not run when the last name goes: they wait for the cyclic collector.
Since Python 3.4 the collector can free such cycles (PEP 442), but until it runs, each
cycle holds its memory. The fix: break the cycle with a weak back-reference, so reference
counting frees both objects at once.
Watch: the Object graph after line 35 (the Parent and Child still alive, unreachable) and
the Output panel: the __del__ messages appear only at the gc.collect() of line 37.
Keys: n to step; press g right after line 35 to run the collection yourself.
"""
import gc
import weakref


class Parent:
    def __init__(self, name):
        self.name = name
        self.child = Child(self)

    def __del__(self):
        print("  __del__", self.name)


class Child:
    def __init__(self, parent):
        self.parent = parent  # a strong back-reference closes the cycle

    def __del__(self):
        print("  __del__ child")


print("the leaky version:")
p = Parent("leaky")
del p
print("  after del: nothing freed yet")
print("  gc.collect() found", gc.collect(), "objects")


class WeakChild:
    def __init__(self, parent):
        self.parent = weakref.ref(parent)  # does not count as a reference

    def __del__(self):
        print("  __del__ weak child")


class FixedParent:
    def __init__(self, name):
        self.name = name
        self.child = WeakChild(self)

    def __del__(self):
        print("  __del__", self.name)


print("the fixed version:")
p = FixedParent("fixed")
print("  the child reaches its parent:", p.child.parent().name)
del p
print("  after del: already freed")
print("  gc.collect() found", gc.collect(), "objects")
