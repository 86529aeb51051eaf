"""Weak references and their callbacks

Teaches: a weak reference does not raise the reference count, so the object it points to
is freed as soon as its last strong reference goes; the weak reference then returns None
and its callback runs.
Watch: the Object graph, where the weak reference is drawn with ⇢, and the Output panel
when the callback runs at line 27 (`del cache`).
Keys: step with n; press ← to step back and see the object alive again.
"""
import sys
import weakref


class Cache:
    def __init__(self, name):
        self.name = name


def announce(ref):
    print("callback: the Cache object is gone")


cache = Cache("settings")
ref = weakref.ref(cache, announce)
print("refcount with a weak reference:", sys.getrefcount(cache))
print("weak reference alive:", ref() is cache)
del cache
print("weak reference after del:", ref())
