l = list(range(10))
print(l[2:5], l[:3], l[7:], l[::2], l[::-1], l[-3:], l[1:-1:3], l[5:2], l[100:])
l[2:4] = ['a', 'b', 'c']
print(l)
l[::3] = [0, 0, 0, 0]
print(l)
del l[1:3]
print(l)
del l[::2]
print(l)
s = "hello world"
print(s[::-1], s[6:], s[:-6], s[-5:-1])
t = tuple(range(6))
print(t[1:4], t[::-2])
r = range(20)
print(r[3:15:4], list(r[3:15:4]), r[-1])
try:
    l[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
import sys
m = list(range(20))
m[5:15] = []
print(m, sys.getsizeof(m))
