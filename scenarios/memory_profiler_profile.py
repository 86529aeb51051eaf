"""Line-by-line memory with memory_profiler's @profile

Teaches: memory_profiler's @profile decorator measures the process's memory (RSS) before
and after every line of a function and prints a table: memory used, the increment of each
line, and how many times it ran. Big allocations show as increments; freeing a large block
gives memory back to the system at once (a negative increment).
Watch: the Profiler panel fills in row by row while build_report runs (lines 17-26);
the Heap panel shows the lists come and go. The figures are the modelled process memory
(python3 prints its own machine's numbers).
Keys: n to step through build_report; the table is printed when the function returns.
"""
from memory_profiler import profile


@profile
def build_report():
    numbers = [0] * 1_000_000
    squares = [n * n for n in range(200_000)]
    text = "x" * 5_000_000
    del numbers
    words = []
    for i in range(5):
        words.append(str(i) * 100_000)
    del text
    total = len(squares) + len(words)
    return total


print("items:", build_report())
