import sys
print({3, 1, 2}, {10, 2, 33, 18}, {-1, 5, 100000}, {8, 16, 0})
s = set()
sizes = []
for i in range(25):
    sizes.append(sys.getsizeof(s))
    s.add(i * 7)
print(sizes)
print(s)
print(sorted(s) == sorted(set(range(0, 175, 7))))
print(sys.getsizeof({1, 2, 3, 4, 5}), sys.getsizeof(set(range(5))))
print({1, 2} | {3}, {1, 2, 3} & {2, 3, 4}, {1, 2, 3} - {2}, {1, 2} ^ {2, 3})
