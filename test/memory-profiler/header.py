from memory_profiler import profile


@profile(
    precision=2,
)
def spread(count,
           size=1000):
    # a comment in the body
    blocks = [bytes(size) for _ in range(count)]

    total = sum(len(b) for b in blocks)
        # a deeper comment
    return total
# a comment at column 0
    # an indented comment after it


print(spread(50))
