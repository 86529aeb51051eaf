import sys
class A:
    pass
a = A()
print(sys.getrefcount(a))
l = [a, a, a]
print(sys.getrefcount(a))
d = {"k": a, "j": a}
print(sys.getrefcount(a))
t = (a,)
print(sys.getrefcount(a))
del l
print(sys.getrefcount(a))
d.clear()
print(sys.getrefcount(a))
def f(x):
    return sys.getrefcount(x)
print(f(a))
def g(*args):
    return sys.getrefcount(args[0])
print(g(a))
def h(**kw):
    return sys.getrefcount(kw["x"])
print(h(x=a))
s = {a}
print(sys.getrefcount(a))
b = a
print(sys.getrefcount(a), sys.getrefcount(A))
it = iter([a])
print(sys.getrefcount(a))
next(it)
print(sys.getrefcount(a))
m = a.__init__
print(sys.getrefcount(a))
del m, it, b, s, t
print(sys.getrefcount(a))
x = object()
print(sys.getrefcount(x))
lst = [x for _ in range(10)]
print(sys.getrefcount(x))
lst2 = lst[:]
print(sys.getrefcount(x))
lst3 = lst * 2
print(sys.getrefcount(x))
del lst, lst2, lst3
print(sys.getrefcount(x))
print(sys.getrefcount(A()))
print(sys.getrefcount([]))
v = 123456789
print(sys.getrefcount(v))
w = "some unique string!"
print(sys.getrefcount(w))
e = enumerate([x])
print(sys.getrefcount(x))
gen = (y for y in [x])
print(sys.getrefcount(x))
print(next(gen) is x, sys.getrefcount(x))
class B:
    def __init__(self):
        self.me = self
bb = B()
print(sys.getrefcount(bb))
print(sys.getrefcount(B))
