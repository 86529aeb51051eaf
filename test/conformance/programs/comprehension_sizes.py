# sys.getsizeof of generator expressions: 168 + 8 * (co_nlocalsplus + co_stacksize), where
# the stack holds the iterators of the for clauses and what the element needs on top.
import sys


def gen_of(n):
    return (i * i for i in range(n))


print(sys.getsizeof(gen_of(3)))
print(sys.getsizeof((i for i in range(3))))
print(sys.getsizeof((i * i for i in range(3))))
print(sys.getsizeof((i + j for i in range(2) for j in range(2))))
print(sys.getsizeof((i for i in range(9) if i % 2)))
print(sys.getsizeof(((i, i + 1, i + 2) for i in range(3))))
print(sys.getsizeof((x for x, y in [(1, 2)])))
print(sys.getsizeof((str(i) + str(i * 2) for i in range(3))))
print(sys.getsizeof(({i: [i, i]} for i in range(3))))
print(sys.getsizeof((f(i) for f in [abs] for i in range(-2, 2) if i)))
