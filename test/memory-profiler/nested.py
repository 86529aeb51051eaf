from memory_profiler import profile

def helper(k):
    return [None] * k


@profile(precision=3)
def outer():
    def inner(x):
        y = x * 2
        return y
    a = inner(3)
    b = helper(300000)
    c = [inner(j) for j in range(3)]
    g = (x for x in range(4))
    s = sum(g)
    del b
    # trailing comment
    return a, c, s
    # indented comment after


outer()
