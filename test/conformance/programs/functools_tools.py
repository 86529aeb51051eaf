# functools: partial, reduce, wraps, total_ordering, cmp_to_key, cached_property, singledispatch
import functools, sys
from functools import partial, reduce, wraps, cached_property, total_ordering, cmp_to_key
def f(a, b=2, *, c=3):
    return (a, b, c)
p = partial(f, 1, c=5)
print(p(), p(b=7), p.func is f, p.args, p.keywords, sys.getsizeof(p))
print(repr(partial(int, '10', base=2)), partial(int, '10', base=2)())
class P(partial):
    pass
print(repr(P(max, 1)), P(max, 1)(5))
pp = partial(p, 9)
print(pp.func is f, pp.args, pp.keywords)
for bad in [lambda: partial(), lambda: partial(1), lambda: reduce(lambda x, y: x, [])]:
    try:
        bad()
    except TypeError as e:
        print(e)
print(reduce(lambda x, y: x + y, [1, 2, 3]), reduce(lambda x, y: x * y, [], 7), reduce(max, [3, 9, 2]))
p.note = 'hi'; print(p.__dict__)
class C:
    @cached_property
    def v(self):
        print('computing')
        return 42
c = C(); print(c.v, c.v, c.__dict__)
del c.v; print(c.v)
@total_ordering
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __lt__(self, o):
        return self.v < o.v
print(V(1) <= V(2), V(3) > V(2), V(2) >= V(2), V(1) > V(1), V.__gt__.__name__)
try:
    total_ordering(type('Z', (), {}))
except ValueError as e:
    print(e)
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
def deco(fn):
    @wraps(fn)
    def w(*a):
        return fn(*a)
    return w
@deco
def named(x):
    "doc here"
    return x
print(named.__name__, named.__doc__, named.__wrapped__.__name__, named.__qualname__)
print(functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)
@functools.singledispatch
def show(x):
    return 'object'
@show.register(int)
def _(x):
    return 'int'
@show.register
def _(x: list):
    return 'list'
print(show(1), show([1]), show('s'), show(True))
class Cell:
    def __init__(self):
        self.alive = False
    def set_state(self, state):
        self.alive = state
    set_alive = functools.partialmethod(set_state, True)
cell = Cell(); cell.set_alive(); print(cell.alive)
