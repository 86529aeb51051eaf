# What objects really cost: bytes tracemalloc sees per object (the object's block plus
# the blocks it owns: item arrays, keys tables, set tables, instance values arrays),
# beside sys.getsizeof, which counts some of them and not others. Printed at the end:
# print's buffer takes objects from the free lists too.
import sys
import tracemalloc

junk = [[[], {'k': i}, (i,), (i, i), float(i)] for i in range(100)]
del junk


class Plain:
    def __init__(self):
        self.a = 1
        self.b = 2


class Slotted:
    __slots__ = ('a', 'b')

    def __init__(self):
        self.a = 1
        self.b = 2


def cost(label, make, n=200):
    keep = [None] * n
    tracemalloc.start()
    for i in range(n):
        keep[i] = make(i)
    total = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    lines.append(f'{label:28} {total // n:6} bytes each, getsizeof {sys.getsizeof(keep[-1])}')


lines = []


cost('int 1000+i', lambda i: 1000 + i)
cost('float', lambda i: i / 7)
cost('str of 10 chars', lambda i: 'abcdefghi' + chr(65 + i % 26))
cost('bytes of 100', lambda i: bytes(100))
cost('tuple of 21', lambda i: tuple(range(21)))
cost('list of 3', lambda i: [i, i, i])
cost('list(range(100))', lambda i: list(range(100)))
cost('list of 100 by append', lambda i: [j for j in range(100)])
cost('dict of 3 str keys', lambda i: {'x': i, 'y': i, 'z': i})
cost('dict of 20 int keys', lambda i: {j: j for j in range(20)})
cost('set of 3', lambda i: {i, i + 1, i + 2})
cost('set of 50', lambda i: set(range(50)))
cost('plain instance, 2 attrs', lambda i: Plain())
cost('slotted instance, 2 attrs', lambda i: Slotted())
cost('instance __dict__', lambda i: Plain().__dict__)
print('\n'.join(lines))
