import sys, gc
class A:
    pass
a = A()
print(sys.getsizeof(a), sys.getsizeof(a.__dict__))
b = A()
print(sys.getsizeof(a.__dict__), sys.getsizeof(b.__dict__))
class P:
    __slots__ = ('x', 'y')
class Q:
    __slots__ = ()
class R:
    __slots__ = ('a', '__weakref__')
class S:
    __slots__ = ('a', '__dict__')
print(sys.getsizeof(P()), sys.getsizeof(Q()), sys.getsizeof(R()), sys.getsizeof(S()))
class L(list):
    pass
class I(int):
    pass
print(sys.getsizeof(L()), sys.getsizeof(I(5)))
class Three:
    def __init__(self):
        self.x = 1
        self.y = 2
        self.z = 3
objs = [Three() for _ in range(30)]
print(sys.getsizeof(objs[0].__dict__))
o = A()
o.__dict__[1] = 2
print(sys.getsizeof(o.__dict__))
p = A()
p.__dict__ = {'x': 1}
print(sys.getsizeof(p), sys.getsizeof(p.__dict__))
