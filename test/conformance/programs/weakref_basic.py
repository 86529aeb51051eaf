import weakref, gc
class A:
    def __init__(self, n):
        self.n = n
log = []
a = A('x')
r = weakref.ref(a, lambda ref: log.append(f"callback, ref() -> {ref()}"))
log.append("before del")
del a
log.append("after del")
print(log)
a = A('y')
r1 = weakref.ref(a)
r2 = weakref.ref(a)
print(r1 is r2, weakref.getweakrefcount(a), r1() is a)
for obj in [1, 'str', (1,), [1], {}, None, 1.5]:
    try:
        weakref.ref(obj)
        print(type(obj).__name__, "ok")
    except TypeError as e:
        print("TypeError:", e)
class NoWeak:
    __slots__ = ('a',)
try:
    weakref.ref(NoWeak())
except TypeError as e:
    print("TypeError:", e)
p = weakref.proxy(a)
print(p.n)
del a
try:
    p.n
except ReferenceError as e:
    print("ReferenceError:", e)
cache = weakref.WeakValueDictionary()
v = A('v')
cache['key'] = v
print(len(cache), 'key' in cache)
del v
print(len(cache), 'key' in cache)
