"""Leak: a closure that holds a big object

Teaches: a nested function keeps the variables it uses alive in cells for as long as the
function itself lives. A small callback that mentions a big object keeps the whole object,
even when it only needs one number from it. The fix: compute what the callback needs
first, and close over that instead.
Watch: the Object graph after line 26: the function's cell holds the 100,000-item list;
the Heap panel's bytes stay high until line 33 frees the callback, and the fixed
version at line 47 keeps only one int.
Keys: n to step; press g after line 29 to see that gc.collect() cannot free it either.
"""
import gc
import sys


def make_reporter_leaky():
    samples = list(range(100_000))  # big, and only needed to compute its length

    def report():
        return f"{len(samples)} samples"

    return report


reporter = make_reporter_leaky()
cell = reporter.__closure__[0]
print("the closure holds:", type(cell.cell_contents).__name__, len(cell.cell_contents))
print("size of that list:", sys.getsizeof(cell.cell_contents), "bytes")
print(reporter())
print("gc.collect() frees:", gc.collect())
del cell
# Only dropping the function itself releases the list.
del reporter
print("freed with the function")


def make_reporter_fixed():
    samples = list(range(100_000))
    count = len(samples)  # keep only what the callback needs

    def report():
        return f"{count} samples"

    return report


reporter = make_reporter_fixed()
print("the closure now holds:", reporter.__closure__[0].cell_contents)
print(reporter())
