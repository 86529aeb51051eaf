def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)

print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, e=6))
def g(x, /, y):
    return x + y
print(g(1, 2), g(1, y=5))
for call in [lambda: f(), lambda: f(1), lambda: g(x=1, y=2), lambda: f(1, c=2, a=3), lambda: (lambda: 0)(1)]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
def h(*, k):
    return k
try:
    h(1)
except TypeError as e:
    print("TypeError:", e)
print(h(k=9))
