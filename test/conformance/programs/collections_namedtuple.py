# namedtuple classes (tuple subclasses with __slots__ = ()) and ChainMap
import sys
from collections import namedtuple, ChainMap
P = namedtuple('P', 'x y')
p = P(1, 2)
print(p, p.x, p[1], p._asdict(), p._replace(x=5), P._make([3, 4]), P._fields, sys.getsizeof(p), sys.getsizeof((1, 2)))
print(P.__doc__, P.x.__doc__, P.__name__, P.__module__, P.__bases__, P.__slots__)
Q = namedtuple('Q', ['a', 'b', 'c'], defaults=[0, 1])
print(Q(5), Q._field_defaults, Q.__doc__, Q.__new__.__defaults__)
for bad in [lambda: P(1), lambda: P(1, 2, 3), lambda: namedtuple('R', 'a a'), lambda: namedtuple('R', 'a _b'),
            lambda: namedtuple('R', 'class'), lambda: namedtuple('1R', 'a'), lambda: P._make([1]),
            lambda: p._replace(z=1), lambda: setattr(p, 'x', 9)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(namedtuple('R', 'a class _c', rename=True)._fields)
x, y = p
print(x, y, isinstance(p, tuple), P.x, hash(p) == hash((1, 2)), p == (1, 2), p + (3,))
Point3 = namedtuple('Point3', 'x, y, z')
pts = [Point3(i, i * 2, i * 3) for i in range(3)]
print(pts, sorted(pts, key=lambda q: -q.z)[0])
a = [1]
r = P(a, a)
print(sys.getrefcount(a))
del r
print(sys.getrefcount(a))
cm = ChainMap({'a': 1}, {'a': 2, 'b': 3})
print(cm, cm['a'], cm['b'], len(cm), list(cm), cm.new_child({'c': 4}), cm.parents, 'b' in cm, cm.get('q', 0))
cm['z'] = 9; print(cm.maps[0])
try:
    del cm['b']
except KeyError as e:
    print("KeyError", e)
print(dict(cm), sys.getsizeof(ChainMap()))
