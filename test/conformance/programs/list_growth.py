import sys
l = []
sizes = []
for i in range(70):
    sizes.append(sys.getsizeof(l))
    l.append(i)
print(sizes)
l = list(range(100))
out = []
while l:
    l.pop()
    out.append(sys.getsizeof(l))
print(out)
print(sys.getsizeof([None] * 5), sys.getsizeof(list(range(9))), sys.getsizeof([1, 2, 3, 4, 5]), sys.getsizeof(list("abc")))
print(sys.getsizeof([x for x in range(9)]), sys.getsizeof("a b c".split()))
