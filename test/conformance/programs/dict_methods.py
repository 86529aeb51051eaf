d = {'b': 2, 'a': 1}
d['c'] = 3
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.get('a'), d.get('z'), d.get('z', 0), 'a' in d, 'z' not in d, len(d))
print(d.pop('b'), d, d.setdefault('x', 9), d)
d.update({'a': 10}, y=5)
print(d, sorted(d))
print(d.popitem(), d)
del d['a']
print(d, d.copy() == d, d.copy() is d)
e = dict.fromkeys(['p', 'q'], 0)
print(e, dict(zip('ab', [1, 2])), {k: v for k, v in [('z', 1)]})
print({1: 'a'} == {1: 'a'}, {1: 2} | {3: 4})
for k, v in sorted({'z': 1, 'y': 2}.items()):
    print(k, v)
d2 = {}
d2[1] = 'int'
d2[1.0] = 'float'
d2[True] = 'bool'
print(d2)
try:
    for k in d:
        d['new'] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
print(d.keys(), d.values(), d.items())
