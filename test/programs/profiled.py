"""A profiled function (dashboard tests)"""
from memory_profiler import profile


@profile
def build():
    a = [1] * (10 ** 6)
    b = [2] * 1000
    del a
    return len(b)


print(build())
