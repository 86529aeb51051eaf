import sys
s = 'hello world'
print(sys.getrefcount(s))
n = 1000
print(sys.getrefcount(n))
t = (1, 2)
print(sys.getrefcount(t))
def f():
    return 'hello world'
print(sys.getrefcount(f()))
print(sys.getrefcount(1.5))
big = 12345678901
def g():
    return sys.getrefcount(12345678901)
print(g())
a = 1000
b = 1000
print(a is b)
def f1():
    return 2000
def f2():
    return 2000
print(f1() is f2())
print(sys.getrefcount('hello'))
