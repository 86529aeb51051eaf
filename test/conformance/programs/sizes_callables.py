import sys

def f(a, b=1, *args, **kw):
    return a

def gen():
    yield 1
    yield 2

class C:
    def m(self):
        pass
    @staticmethod
    def s():
        pass
    @classmethod
    def c(cls):
        pass

print("function", sys.getsizeof(f))
print("lambda", sys.getsizeof(lambda: 0))
g = gen()
print("generator", sys.getsizeof(g))
print("code", sys.getsizeof(f.__code__) > 0)
print("bound method", sys.getsizeof(C().m))
print("class", sys.getsizeof(C))
print("cell", sys.getsizeof((lambda: g).__closure__) if (lambda: g).__closure__ else None)
def outer():
    x = 1
    def inner():
        return x
    return inner
print("closure tuple", sys.getsizeof(outer().__closure__))
print("cell obj", sys.getsizeof(outer().__closure__[0]))
print("range", sys.getsizeof(range(10)))
print("slice", sys.getsizeof(slice(1, 2)))
print("enumerate", sys.getsizeof(enumerate([])))
print("zip", sys.getsizeof(zip([], [])))
print("map", sys.getsizeof(map(str, [])))
print("filter", sys.getsizeof(filter(None, [])))
print("list iter", sys.getsizeof(iter([])))
print("tuple iter", sys.getsizeof(iter(())))
print("dict keys", sys.getsizeof({}.keys()))
print("reversed", sys.getsizeof(reversed([])))
print("property", sys.getsizeof(property()))
print("None", sys.getsizeof(None))
print("True", sys.getsizeof(True), sys.getsizeof(False))
print("Ellipsis", sys.getsizeof(...))
print("NotImplemented", sys.getsizeof(NotImplemented))
print("object", sys.getsizeof(object()))
print("exception", sys.getsizeof(ValueError("x")))
print("complex", sys.getsizeof(1j))
print("frozenset", sys.getsizeof(frozenset()), sys.getsizeof(frozenset(range(10))))
print("type", sys.getsizeof(int))
print("module", sys.getsizeof(sys))
print("builtin function", sys.getsizeof(len))
print("method-wrapper", sys.getsizeof([].append))
