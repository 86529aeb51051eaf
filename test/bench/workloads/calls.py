# 10^6 calls of a small function with arguments.
def combine(a, b, c):
    return a + b - c


total = 0
for i in range(10**6):
    total = combine(total, i, 1)
print(total)
