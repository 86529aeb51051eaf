import sys

class Obj:
    pass

print("temporary:", sys.getrefcount(Obj()), sys.getrefcount([]), sys.getrefcount(object()))
x = Obj()
print("global:", sys.getrefcount(x))
y = x
print("alias:", sys.getrefcount(x))
lst = [x]
print("in list:", sys.getrefcount(x))
holder = Obj()
holder.attr = x
print("attribute:", sys.getrefcount(x))
d = {"k": x}
print("dict value:", sys.getrefcount(x))
many = [x, x, x]
print("three more:", sys.getrefcount(x))
del y, lst, d, many
holder.attr = None
print("back to:", sys.getrefcount(x))

def local():
    o = Obj()
    return sys.getrefcount(o)
print("local:", local())

def param(a):
    return sys.getrefcount(a)
print("param of global:", param(x))
print("param of temporary:", param(Obj()))

def param_alias(a):
    b = a
    return sys.getrefcount(a)
print("param + local alias:", param_alias(x))

class W:
    def m(self):
        return sys.getrefcount(self)
w = W()
print("self in direct call:", w.m())

def loop_in_function():
    out = []
    for item in [Obj()]:
        out.append(sys.getrefcount(item))
    return out
print("loop var:", loop_in_function())
for item in (x,):
    print("loop over tuple of global:", sys.getrefcount(item))

def make_closure():
    v = Obj()
    def inner():
        return sys.getrefcount(v)
    return inner
print("closure cell:", make_closure()())

def with_default(a=x):
    return a
print("default value adds one:", sys.getrefcount(x))

try:
    raise KeyError(x)
except KeyError:
    print("in exception args:", sys.getrefcount(x))
print("after except:", sys.getrefcount(x))

class Fresh:
    pass
print("fresh class:", sys.getrefcount(Fresh))
instances = [Fresh() for _ in range(10)]
print("class with 10 instances:", sys.getrefcount(Fresh))
class Slotted:
    __slots__ = ()
print("slots-only class:", sys.getrefcount(Slotted))
class Sub(Fresh):
    pass
print("class after subclass:", sys.getrefcount(Fresh) - 10)
def module_function():
    pass
print("module function:", sys.getrefcount(module_function))
