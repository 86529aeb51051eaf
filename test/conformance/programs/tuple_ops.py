t = (1, 2, 3)
print(t, t + (4,), t * 2, len(t), t[0], t[-1], 2 in t, t.index(2), t.count(1))
print((1,), (), tuple("ab"), tuple([1, [2]]))
a, *b = t
print(a, b)
print((1, 2) < (1, 3), (1, 2) == (1, 2), hash((1, 2)) == hash((1, 2)))
d = {(1, 2): 'pt'}
print(d[(1, 2)])
print(sorted([(2, 'b'), (1, 'z'), (1, 'a')]))
nested = ((1, 2), (3, 4))
print([x + y for x, y in nested])
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
try:
    del t[0]
except TypeError as e:
    print("TypeError:", e)
