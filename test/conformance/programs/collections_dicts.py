# defaultdict, OrderedDict and Counter: sizes, reprs, behaviour
import sys
from collections import defaultdict, OrderedDict, Counter
g = sys.getsizeof
dd = defaultdict(list)
dd['a'].append(1); dd['b']
print(dd, len(dd), g(dd), dd.default_factory, g(defaultdict()), g(defaultdict(list, a=1)))
print(defaultdict(int, {'x': 1}), defaultdict(), defaultdict(None, {1: 2}) | {3: 4})
words = "the quick brown fox jumps over the lazy dog the end".split()
counts = defaultdict(int)
for w in words:
    counts[w] += 1
print(sorted(counts.items()))
groups = defaultdict(list)
for w in words:
    groups[len(w)].append(w)
print(dict(groups))
try:
    defaultdict(1)
except TypeError as e:
    print(e)
try:
    defaultdict()[1]
except KeyError as e:
    print("KeyError", e)
print(dd.copy(), type(dd.copy()).__name__, defaultdict(int, a=1) | {'b': 2})
dd.default_factory = set; dd['z']; print(dd)
o = OrderedDict(a=1, b=2, c=3)
print(o, g(OrderedDict()), g(OrderedDict(a=1)), g(OrderedDict((i, i) for i in range(10))))
o.move_to_end('a'); print(o, g(o))
o.move_to_end('c', last=False); print(list(o), o.popitem(), o.popitem(last=False), o)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == {'b': 2, 'a': 1}, OrderedDict.fromkeys('xy', 0))
o = OrderedDict(a=1, b=2)
print(o.keys(), o.values(), o.items(), list(reversed(o)), o.setdefault('c', 3), o)
o2 = OrderedDict(a=1, b=2); del o2['a']; print(g(o2)); del o2['b']; print(g(o2), len(o2)); o2.clear(); print(g(o2))
try:
    OrderedDict().popitem()
except KeyError as e:
    print("KeyError", e)
c = Counter('abracadabra')
print(c, c.most_common(2), c['z'], sorted(c.elements())[:5], c.total(), g(Counter()))
c.update(['a', 'z']); c.subtract({'b': 5}); print(c)
print(Counter(a=3, b=1) + Counter(a=1, b=2), Counter(a=3, b=1) - Counter(a=1, b=2), Counter(a=3) | Counter(a=5), Counter(a=3, b=2) & Counter(a=1))
print(Counter() == Counter(a=0), -Counter(a=-2, b=1), +Counter(a=-2, b=1), repr(Counter()))
print(Counter(a=1) <= Counter(a=2), Counter(a=3) > Counter(a=1, b=0), Counter('hello').most_common())
try:
    Counter.fromkeys('ab')
except NotImplementedError as e:
    print(e)
c2 = Counter(cats=4, dogs=8); del c2['fish']; c2['cats'] = 0; print(c2, +c2)
