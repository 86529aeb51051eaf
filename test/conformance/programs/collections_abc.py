# collections.abc: one-method hooks, mixin methods, builtins registered as virtual subclasses
import collections.abc as cabc
import collections
from collections.abc import Mapping, Sequence, Iterable
print(cabc.Mapping, collections.abc.Sequence, Iterable)
print(isinstance([], cabc.Sequence), isinstance({}, cabc.Mapping), isinstance(iter([]), cabc.Iterator), isinstance(3, cabc.Hashable), isinstance([], cabc.Hashable), isinstance(len, cabc.Callable), isinstance((x for x in []), cabc.Generator), issubclass(dict, cabc.MutableMapping), isinstance(set(), cabc.Set), isinstance('', cabc.Sequence), isinstance(b'', cabc.ByteString))
class MyMap(cabc.Mapping):
    def __init__(self, d): self.d = d
    def __getitem__(self, k): return self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)
m = MyMap({'a': 1}); print(m.get('a'), 'a' in m, list(m.items()), m == {'a': 1}, len(m.keys()), sorted(m.values()))
try: cabc.Sequence()
except TypeError as e: print(e)
class It:
    def __iter__(self): return self
    def __next__(self): raise StopIteration
print(isinstance(It(), cabc.Iterator), isinstance(It(), cabc.Iterable), issubclass(It, cabc.Sized))
class MySeq(cabc.MutableSequence):
    def __init__(self): self.data = []
    def __getitem__(self, i): return self.data[i]
    def __setitem__(self, i, v): self.data[i] = v
    def __delitem__(self, i): del self.data[i]
    def __len__(self): return len(self.data)
    def insert(self, i, v): self.data.insert(i, v)
s = MySeq(); s.append(1); s.extend([2, 3]); s.reverse(); print(s.data, s.pop(), s.index(2), 3 in s, list(reversed(s)), s.count(2))
from collections import deque, OrderedDict
print(isinstance(deque(), cabc.MutableSequence), isinstance(OrderedDict(), cabc.MutableMapping), isinstance({}.keys(), cabc.KeysView), isinstance(range(3), cabc.Sequence))
