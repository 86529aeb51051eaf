# Decorators, with-items and case patterns spread over lines, with comments (holding
# brackets and colons) inside the brackets.
import contextlib
def deco(*a, **k):
    def w(f):
        return f
    return w

@deco(lambda x: x[1:2],  # a comment (with a paren
      {"k": "v:"})
def f():
    return 1

@deco[0] if False else deco()  # comment: deco() (not deco[0])
def g():
    return 2

@(lambda f: f)
def h():
    return 3

with (contextlib.nullcontext(1) as a,
      contextlib.nullcontext(lambda: 2) as b):  # comment
    print(a, b())

with contextlib.nullcontext({1: (lambda y: y)}) as c:
    print(c[1](5))

for v in [1, (2, 3), {"a": 1}, [4, 5], "s:x", 7]:
    match v:
        case 1 if v > 0:
            print("one")
        case (2, x) if x == 3:  # guard
            print("pair", x)
        case {"a": _}:
            print("dict")
        case [4, *rest]:
            print("list", rest)
        case "s:x":
            print("str")
        case int(n) if (n
                        > 5):
            print("big", n)
print(f(), g(), h())
