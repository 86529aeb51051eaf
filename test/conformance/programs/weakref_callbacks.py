# Weak reference callbacks: at refcount death after __del__, newest weakref first, with
# __callback__ already None; at collection time before any __del__, and never for a
# weakref that is garbage itself. Errors in callbacks are printed, not raised.
import gc, sys, weakref
gc.disable()
log = []

class A:
    def __init__(self, name):
        self.name = name

class WithDel(A):
    def __del__(self):
        log.append(f"__del__ {self.name}, my weakref dead: {refs[self.name]() is None}")

class Capture:
    """Collects stderr text with the addresses masked."""
    def __init__(self):
        self.text = ""
    def write(self, s):
        out = ""
        i = 0
        while i < len(s):
            if s.startswith("0x", i):
                out += "0x…"
                i += 2
                while i < len(s) and s[i] in "0123456789abcdef":
                    i += 1
            else:
                out += s[i]
                i += 1
        self.text += out
    def flush(self):
        pass

refs = {}
a = A("a")
r1 = weakref.ref(a, lambda r: log.append(("r1", r() is None, r.__callback__)))
r2 = weakref.ref(a, lambda r: log.append(("r2", r() is None, r.__callback__)))
plain = weakref.ref(a)
print(weakref.getweakrefcount(a), weakref.getweakrefs(a)[0] is plain, weakref.ref(a) is plain)
log.append("before del")
del a
log.append("after del")
print("refcount death:", log)
log.clear()

b = WithDel("b")
refs["b"] = weakref.ref(b, lambda r: log.append("callback b"))
del b
print("__del__ first:", log)
log.clear()

p = WithDel("p"); q = WithDel("q"); p.o = q; q.o = p
refs["p"] = weakref.ref(p, lambda r: log.append("callback p"))
refs["q"] = weakref.ref(q, lambda r: log.append("callback q"))
del p, q
log.append("collect")
n = gc.collect()
print("cyclic:", log, n)
log.clear()

m = A("m"); k = A("k"); m.o = k; k.o = m
m.wr = weakref.ref(k, lambda r: log.append("never"))
del m, k
print("weakref in the garbage:", gc.collect(), log)

s = A("s"); t = A("t"); s.o = t; t.o = s
keep = weakref.ref(s, lambda r: log.append("surviving weakref called"))
del s, t
print("surviving weakref:", gc.collect(), log, keep() is None)
log.clear()

cap = Capture()
sys.stderr = cap
e = A("e")
bad = weakref.ref(e, lambda r: 1 / 0)
del e
sys.stderr = sys.__stderr__
print("error in callback:")
print(cap.text, end="")
print("still running")
