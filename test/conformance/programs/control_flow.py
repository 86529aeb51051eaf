for i in range(5):
    if i == 1:
        continue
    if i == 3:
        break
    print("for", i)
else:
    print("no break")
for i in range(2):
    pass
else:
    print("for else ran")
n = 0
while n < 3:
    n += 1
else:
    print("while else", n)
while True:
    n -= 1
    if n == 0:
        break
print("n", n)
x = 5
if x > 10:
    print("big")
elif x > 3:
    print("medium")
else:
    print("small")
print("yes" if x else "no", x and 0, x or 0, not x, 0 or [] or "last")
def find(items, target):
    for i, v in enumerate(items):
        if v == target:
            return i
    return -1
print(find([4, 5, 6], 6), find([], 1))
total = 0
for row in [[1, 2], [3], []]:
    for v in row:
        total += v
print(total)
