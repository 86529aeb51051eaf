# copy.copy / copy.deepcopy: what gets shared, materialized instance dicts, refcounts
import copy, sys, gc
class A:
    def __init__(self):
        self.x = [1, 2]
        self.y = {'k': [3]}
a = A()
b = copy.copy(a)
print(b.x is a.x, b.y is a.y, sys.getsizeof(a.__dict__), sys.getsizeof(b.__dict__), type(b).__name__)
c = copy.deepcopy(a)
print(c.x is a.x, c.x == a.x, c.y['k'] is a.y['k'], sys.getrefcount(a.x), sys.getrefcount(c.x))
class S:
    __slots__ = ('p', 'q')
s = S(); s.p = [1]
t = copy.copy(s); print(t.p is s.p, hasattr(t, 'q'), S.__slotnames__, '__slotnames__' in A.__dict__, A.__slotnames__)
u = copy.deepcopy(s); print(u.p == s.p, u.p is s.p)
l = [[1], [2]]; l2 = copy.copy(l); l3 = copy.deepcopy(l)
print(l2[0] is l[0], l3[0] is l[0], l3 == l, sys.getrefcount(l[0]), sys.getsizeof(l2), sys.getsizeof(l3))
d = {'a': [1]}; print(copy.copy(d)['a'] is d['a'], copy.deepcopy(d)['a'] is d['a'])
t = (1, [2]); print(copy.copy(t) is t, copy.deepcopy(t) is t, copy.deepcopy((1, 2)) is (1, 2))
r = [1]; r.append(r); r2 = copy.deepcopy(r); print(r2[1] is r2, r2 is not r)
class C:
    def __init__(self, v):
        self.v = v
    def __copy__(self):
        print('custom copy')
        return C(self.v)
    def __deepcopy__(self, memo):
        print('custom deepcopy', type(memo).__name__)
        return C(copy.deepcopy(self.v, memo))
copy.copy(C(1)); copy.deepcopy(C([1]))
from collections import deque, defaultdict, OrderedDict, Counter, namedtuple
dq = deque([[1], [2]], maxlen=5); dq2 = copy.deepcopy(dq); print(dq2, dq2.maxlen, dq2[0] is dq[0], copy.copy(dq)[0] is dq[0])
dd = defaultdict(list, a=[1]); dd2 = copy.deepcopy(dd); print(dd2, dd2['a'] is dd['a'], copy.copy(dd))
od = OrderedDict(b=1, a=2); print(copy.deepcopy(od), copy.copy(od))
cn = Counter('aab'); print(copy.copy(cn), copy.deepcopy(cn))
P = namedtuple('P', 'x y'); p = P([1], 2); print(copy.copy(p), copy.deepcopy(p).x is p.x)
class E:
    pass
e = E(); e2 = copy.copy(e); print(type(e2).__name__, e2.__dict__)
print(copy.copy(len) is len, copy.deepcopy(A) is A, copy.copy(3.5))
class G:
    def __init__(self):
        self.items = []
    def __getstate__(self):
        return {'items': self.items, 'extra': 1}
    def __setstate__(self, st):
        print('setstate', sorted(st))
        self.__dict__.update(st)
g2 = copy.copy(G()); print(g2.extra)
class N:
    pass
n1 = N(); n1.other = N(); n1.other.other = n1
n3 = copy.deepcopy(n1); print(n3.other.other is n3, n3 is not n1)
gc.collect()
class Pt:
    def __init__(self, x, y):
        self.x = x
        self.y = y
p1 = Pt(1, 2)
p2 = copy.copy(p1)
del p1, p2
print(gc.collect())
