# The event-log benchmark's workload: a mix of what scenarios do (instances with
# attributes, reference cycles left to the collector, lists and dicts, calls, a
# generator), about 10 million events in all.
import gc

class Node:
    def __init__(self, value):
        self.value = value
        self.next = None

def pair(i):
    a = Node(i)
    b = Node(i + 1)
    a.next = b
    b.next = a
    return a.value + b.value

def squares(n):
    for i in range(n):
        yield i * i

table = {}
total = 0
for i in range(50000):
    total += pair(i)
    key = str(i % 500)
    table[key] = [i, i + 1]
    if i % 1000 == 0:
        total += sum(squares(50))
gc.collect()
print(total, len(table))
