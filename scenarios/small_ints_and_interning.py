"""Small ints, interned strings: `is` versus `==`

Teaches: `==` compares values, `is` compares identity (the same object). CPython keeps one
shared object for each int from -5 to 256 and for identifier-like strings it interns, so
`is` happens to be True for them; for other values equal objects are usually distinct.
Use `==` for values and keep `is` for None and identity checks.
Watch: the Object graph at line 20 and line 24: two names pointing to one cached int,
then to two distinct ints with the same value; the refcount of 256 is huge (it is shared).
Keys: n to step through the comparisons.
"""
import sys


def make(n):
    # Computing a value at run time makes a new object unless it is cached.
    return n + 0


a = make(256)
b = make(256)
print("256:  a == b", a == b, " a is b", a is b)

c = make(257)
d = make(257)
print("257:  c == d", c == d, " c is d", c is d)

print("-5 is cached:", make(-5) is make(-5), " -6 is not:", make(-6) is make(-6))
print("small ints are shared everywhere:", sys.getrefcount(1) > 1000)

s = "heap"
t = "".join(["he", "ap"])
print("strings built at run time:  s == t", s == t, " s is t", s is t)
u = sys.intern(t)
print("after sys.intern:  s is u", s is u)


def literal():
    return "memory_model"


name = "memory_model"
print("identifier-like literals are interned:", literal() is name)

x = None
print("x is None:", x is None)
empty = []
print("[] == []:", empty == [], " [] is []:", empty is [])
