from memory_profiler import profile


@profile
def grow():
    chunks = []
    for i in range(3):
        chunks.append(bytes(200000))
    text = 'x' * 10**6
    numbers = list(range(200000))
    table = {i: i for i in range(30000)}
    del numbers
    return len(chunks), len(text), len(table)


print(grow())
