class P:
    def __init__(self):
        self._x = 0
    @property
    def x(self):
        print("get x")
        return self._x
    @x.setter
    def x(self, v):
        print("set x", v)
        self._x = v
    @x.deleter
    def x(self):
        print("del x")
p = P()
p.x = 5
print(p.x)
del p.x
class D:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.name, 0) * 10
    def __set__(self, obj, value):
        obj.__dict__[self.name] = value
class E:
    d = D()
e = E()
e.d = 4
print(e.d, type(E.d).__name__)
class Base:
    def hello(self):
        return "base"
    @classmethod
    def make(cls):
        return cls.__name__
class Mid(Base):
    def hello(self):
        return "mid+" + super().hello()
class Leaf(Mid):
    def hello(self):
        return "leaf+" + super().hello()
print(Leaf().hello(), Leaf.make(), [c.__name__ for c in Leaf.__mro__])
class X: pass
class Y(X): pass
class Z(X): pass
class W(Y, Z): pass
print([c.__name__ for c in W.__mro__])
try:
    class Bad(X, Y): pass
except TypeError as err:
    print(err)
class G:
    def __getattr__(self, name):
        return "missing " + name
    def __getattribute__(self, name):
        if name == "special":
            return "intercepted"
        return object.__getattribute__(self, name)
g = G()
print(g.special, g.foo)
class S:
    __slots__ = ("a", "b")
s = S()
s.a = 1
try:
    s.c = 3
except AttributeError as err:
    print(err)
try:
    print(s.b)
except AttributeError as err:
    print(err)
print(S.a, type(S.a).__name__)
class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["tag"] = name.lower()
        return super().__new__(mcls, name, bases, ns)
class Tagged(metaclass=Meta):
    pass
print(Tagged.tag, type(Tagged).__name__)
class Init:
    def __init_subclass__(cls, **kw):
        print("subclass", cls.__name__, kw)
class Sub(Init, flag=1):
    pass
print(staticmethod(len)("abc") if hasattr(staticmethod, "__call__") else None)
