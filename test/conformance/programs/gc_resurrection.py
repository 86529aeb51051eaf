# PEP 442: __del__ runs once, also for cycles; an object stored somewhere by its __del__
# survives (resurrection) and is not finalized again when it finally dies.
import gc
gc.disable()
saved = []
calls = []

class Phoenix:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        calls.append(self.name)
        saved.append(self)

class Plain:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        calls.append(self.name)

p = Phoenix("p")
del p
print("refcount death:", calls, len(saved), gc.is_finalized(saved[0]))
saved.clear()
print("second death:", calls)

a = Phoenix("a"); b = Plain("b"); a.o = b; b.o = a
del a, b
print("collect with resurrection:", gc.collect(), calls, [o.name for o in saved])
saved.clear()
print("collect again:", gc.collect(), calls)

class SelfClearing:
    def __del__(self):
        calls.append("clears itself")
        self.__dict__.clear()
s = SelfClearing(); t = Plain("t"); s.o = t; t.o = s
del s, t
calls.clear()
print("freed while finalizing:", gc.collect(), calls)

print("is_finalized:", gc.is_finalized(Plain("x")), gc.is_finalized(1))
r = Plain("r"); r.me = r
del r
calls.clear()
print("self cycle:", gc.collect(), calls)

inner = []
class Nested:
    def __del__(self):
        inner.append(gc.collect())
n = Nested(); n.me = n
del n
print("gc.collect() inside a collection:", gc.collect(), inner)
