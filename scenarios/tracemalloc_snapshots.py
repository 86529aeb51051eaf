"""Finding what grew with tracemalloc snapshots

Teaches: tracemalloc records where every block of memory was allocated; two snapshots
compared line by line show which lines of your code the growth comes from, and
get_traced_memory() gives the current and peak traced bytes.
Watch: the Heap panel while line 33 and line 34 run; the Output panel then lists
the top lines of the comparison, biggest first (the Record objects' values at line 16).
Keys: n to step; space to run to the end.
"""
import tracemalloc


class Record:
    def __init__(self, number):
        self.number = number
        self.label = f"record-{number}"


def load_records(count):
    return [Record(i) for i in range(count)]


def index_records(records):
    return {r.label: r for r in records}


def only_this_file(snapshot):
    return snapshot.filter_traces([tracemalloc.Filter(True, __file__)])


tracemalloc.start()
before = only_this_file(tracemalloc.take_snapshot())
records = load_records(2000)
index = index_records(records)
after = only_this_file(tracemalloc.take_snapshot())
current, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()

print("top lines of growth:")
for stat in after.compare_to(before, "lineno")[:4]:
    frame = stat.traceback[0]
    print(f"  line {frame.lineno}: +{stat.size_diff} bytes in {stat.count_diff} blocks")
print("traced now >= 1 MB:", current >= 1_000_000, " peak >= now:", peak >= current)
by_file = after.statistics("filename")[0]
print("this file's total:", by_file.size, "bytes in", by_file.count, "blocks")
