from memory_profiler import profile


@profile
def work(n):
    total = 0
    for i in range(n):
        total += i
    data = [i for i in range(n)]
    squares = {i: i * i for i in range(100)}
    if total > 10:
        big = [0] * 100000
    else:
        big = None
    while n > 0:
        n -= 1
    del data
    return total, big, squares


work(5)
