import sys

def numbers(n):
    for i in range(n):
        yield i

print(sum(numbers(10)))
print(sum(x * x for x in range(100)))
g = numbers(3)
print(next(g), next(g), next(g))
try:
    next(g)
except StopIteration:
    print("done")
print(sys.getsizeof(numbers(5)))
print(sys.getsizeof([x for x in range(1000)]), sys.getsizeof(x for x in range(1000)))
