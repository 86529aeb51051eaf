"""Generators versus lists: constant memory

Teaches: a list comprehension builds every item before you use the first one, so its
memory grows with the input; a generator expression produces one item at a time and stays
the same small size however many items it yields.
Watch: the Heap panel at line 25 (the list of 100,000 ints appears at once) and during
the loop at line 37 (the generator: the heap stays flat, one int at a time).
tracemalloc's peak, printed at the end, shows the same difference in numbers.
Keys: o to step over line 25 (n steps into it); + to speed through the loop at line 37.
"""
import sys
import tracemalloc

N = 100_000


def squares_list(n):
    return [i * i for i in range(n)]


def squares_gen(n):
    return (i * i for i in range(n))


numbers = squares_list(N)
print("list of", len(numbers), "items:", sys.getsizeof(numbers), "bytes for the list alone")
gen = squares_gen(N)
print("generator:", sys.getsizeof(gen), "bytes, whatever N is")
print("small generator too:", sys.getsizeof(squares_gen(10)), "bytes")
del numbers

tracemalloc.start()
total = sum(squares_list(N))
_, list_peak = tracemalloc.get_traced_memory()
tracemalloc.reset_peak()
total_gen = 0
for square in gen:
    total_gen += square
_, gen_peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print("same sum:", total == total_gen)
print("peak while summing the list: over", list_peak // 1_000_000, "MB")
print("peak while summing the generator: under", gen_peak // 1000 + 1, "KB")
print("a used-up generator yields nothing more:", list(gen))
