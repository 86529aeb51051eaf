# weakref.finalize (called once: at death, when called, or at exit newest first) and
# weakref.proxy (forwards to the object; ReferenceError once it is gone).
import gc, weakref

class A:
    def __init__(self, n):
        self.n = n
        self.items = [1, 2, 3]
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def __add__(self, other):
        return self.n + other
    def hello(self):
        return "hello " + str(self.n)

a = A(1)
f = weakref.finalize(a, print, "finalized", 1)
print(f.alive, f.atexit, f.peek()[1:])
del a
print(f.alive, f(), f.detach(), f.peek())

b = A(2)
f2 = weakref.finalize(b, lambda: print("f2 ran") or "result")
print(f2(), f2.alive, f2())
c = A(3)
f3 = weakref.finalize(c, print, "detached")
obj, func, args, kwargs = f3.detach()
print(obj is c, func is print, args, kwargs, f3.alive)

x = A(4); y = A(5); x.o = y; y.o = x
weakref.finalize(x, print, "x collected")
del x, y
print("collect:", gc.collect())

keep1 = A(6)
keep2 = A(7)
keep3 = A(8)
weakref.finalize(keep1, print, "at exit: keep1")
weakref.finalize(keep2, print, "at exit: keep2")
quiet = weakref.finalize(keep3, print, "not at exit")
quiet.atexit = False

p_obj = A(10)
p = weakref.proxy(p_obj)
print(p.n, p.hello(), len(p), p[1], p + 5, list(p), bool(p))
p.n = 11
print(p_obj.n, weakref.getweakrefcount(p_obj), weakref.proxy(p_obj) is p)
q = weakref.proxy(p_obj, lambda r: print("proxy callback"))
print(weakref.getweakrefcount(p_obj), type(p).__name__, type(weakref.proxy(print)).__name__)
del p_obj
for what in (lambda: p.n, lambda: len(p), lambda: p + 1, lambda: str(p)):
    try:
        what()
    except ReferenceError as e:
        print("ReferenceError:", e)
try:
    hash(p)
except TypeError as e:
    print("TypeError:", e)
for bad in (1, "s", (1,), [1], {}, None, 1.5, object()):
    try:
        weakref.ref(bad)
    except TypeError as e:
        print(e)
class Slots:
    __slots__ = ("a",)
class SlotsW:
    __slots__ = ("a", "__weakref__")
class I(int):
    pass
for o in (Slots(), SlotsW(), I(3)):
    try:
        weakref.ref(o)
        print(type(o).__name__, "ok")
    except TypeError as e:
        print(e)
print("end of program")
