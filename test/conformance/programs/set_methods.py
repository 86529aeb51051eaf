s = {1, 2, 3}
s.add(4)
s.discard(10)
s.remove(1)
print(s, len(s), 2 in s)
t = {3, 4, 5}
print(s | t, s & t, s - t, s ^ t)
print(s.union([9]), s.intersection(t), s.difference(t), s.symmetric_difference(t))
print(s.issubset({2, 3, 4, 5}), s.issuperset({2}), s.isdisjoint({7}))
s.update([7, 8])
print(sorted(s))
s.intersection_update({2, 3, 7})
print(s)
fs = frozenset([1, 2])
print(fs, fs | {3}, hash(fs) == hash(frozenset([2, 1])))
print(set(), frozenset(), set("abc") == {'a', 'b', 'c'})
try:
    s.remove(99)
except KeyError as e:
    print("KeyError:", e)
print({x for x in range(5) if x % 2})
e = set()
e.add(1)
print(e.pop(), e)
