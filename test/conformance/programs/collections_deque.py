# collections.deque: block-based sizes (216 + 528 per 64-item block), operations, refcounts
import sys, gc
from collections import deque
g = sys.getsizeof
print("sizes", g(deque()), g(deque(range(10))), g(deque(range(100))), g(deque(range(1000))), g(deque(maxlen=3)))
d = deque()
prev = None
for i in range(300):
    s = g(d)
    if s != prev:
        print(" append: len", len(d), "->", s)
        prev = s
    d.append(i)
for i in range(300):
    s = g(d)
    if s != prev:
        print(" popleft: len", len(d), "->", s)
        prev = s
    d.popleft()
d = deque()
for i in range(200):
    s = g(d)
    if s != prev:
        print(" appendleft: len", len(d), "->", s)
        prev = s
    d.appendleft(i)
d = deque(range(100))
for n in [1, 5, 37, -20, 64, -100, 3]:
    d.rotate(n)
    print("rotate", n, g(d), d[0], d[-1])
d = deque(range(10), maxlen=4)
print(d, g(d), d.maxlen, deque().maxlen)
print(d.pop(), d.popleft(), d)
d = deque([1, 2, 3, 2]); d.remove(2); print(d, d.count(2), d.index(3))
del d[1]; print(d)
d.insert(1, 'a'); print(d)
d.extendleft([7, 8]); print(d)
d.reverse(); print(d)
d[0] = 99; print(d, 99 in d, 5 in d)
print(d == deque(d), d < deque([100]), d + deque([0]), d * 2, list(reversed(d)))
d2 = d.copy(); d2 *= 3; print(len(d2), g(d2))
d3 = deque('abc'); d3 += 'de'; print(d3, repr(deque()))
for bad in [lambda: deque() + [1], lambda: hash(deque()), lambda: deque().pop(), lambda: deque().popleft(),
            lambda: deque([1])[5], lambda: deque([1]).remove(7), lambda: deque([1]).index(7), lambda: deque([1])[1:2],
            lambda: deque(maxlen=-1), lambda: deque([1], 1).insert(0, 2)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
d = deque([1, 2]); d.append(d); print(d)
it = iter(deque([1, 2, 3]))
dq = deque([1, 2, 3]); it = iter(dq); next(it); dq.append(4)
try:
    next(it)
except RuntimeError as e:
    print(e)
a = [1]
d = deque([a, a])
print("refcount", sys.getrefcount(a))
d.clear(); print("after clear", sys.getrefcount(a), g(d))
class N:
    pass
gc.collect()
n = N(); n.d = deque([n]); del n
print("cycle collected", gc.collect())
dq = deque(); dq.append(dq); del dq
print("self cycle collected", gc.collect())
print(deque[int], type(iter(deque())).__name__, type(reversed(deque())).__name__)
