# A for loop whose body is one `yield x`: values, send(), throw() and close() at that yield,
# the else branch, refcounts of what was yielded and sent, and tracebacks through it.
import sys


def items(seq):
    for x in seq:
        yield x
    else:
        print("loop done")


def bare(n):
    for _ in range(n):
        yield


def squares(n):
    for i in range(n):
        yield i * i


print(list(items([1, 2, 3])))
print(list(bare(3)))
print(sum(squares(10)))

marker = object()
g = items([marker, marker])
print(sys.getrefcount(marker))
print(next(g) is marker, sys.getrefcount(marker))
sent = object()
print(g.send(sent) is marker, sys.getrefcount(sent))
try:
    g.send(sent)
except StopIteration:
    print("stopped", sys.getrefcount(marker), sys.getrefcount(sent))

g = items("ab")
next(g)
try:
    g.throw(ValueError("thrown in"))
except ValueError as e:
    print("propagated:", e)
print(next(g, "exhausted"))

g = squares(5)
next(g)
g.close()
print(next(g, "closed"))


def guarded(seq):
    try:
        for x in seq:
            yield x
    finally:
        print("finally runs")


g = guarded([1, 2])
next(g)
del g
print("after del")

g = items([1])
next(g)
g.throw(KeyError("last"))
