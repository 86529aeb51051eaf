import sys
d = {}
sizes = []
for i in range(50):
    sizes.append(sys.getsizeof(d))
    d[str(i)] = i
print(sizes)
d = {}
out = []
for i in range(50):
    out.append(sys.getsizeof(d))
    d[i] = i
print(out)
print(sys.getsizeof(dict(a=1, b=2)), sys.getsizeof({'a': 1, 1: 2}))
for k in list(d)[:45]:
    del d[k]
print(sys.getsizeof(d), len(d))
