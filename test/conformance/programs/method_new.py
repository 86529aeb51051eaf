# types.MethodType(function, instance): method_new, as weakref.WeakMethod uses it.
class A:
    def f(self, x):
        return x + 1
a = A()
M = type(a.f)
m = M(A.f, a)
print(m(1), m == a.f, m.__self__ is a)
for bad in [(1, a), (A.f, None), (A.f,)]:
    try:
        M(*bad)
    except TypeError as e:
        print(e)
try:
    M(A.f, a, x=1)
except TypeError as e:
    print(e)
print(type(M(len, 5)).__name__)
