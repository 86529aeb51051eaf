# Snapshots: statistics by line and by file, differences between snapshots, filters,
# tracebacks of several frames, the traceback of one object; CPython's text formats.
# Everything is computed while tracing and printed after stop(): print's buffer is
# memory too.
import tracemalloc

junk = [[[], {'k': i}, (i,), (i, i), float(i)] for i in range(100)]
del junk


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def make_points(n):
    return [Point(i, -i) for i in range(n)]


def mine(snapshot):
    """This file's traces only (not those of the tracemalloc module's own work)."""
    return snapshot.filter_traces([tracemalloc.Filter(True, __file__)])


tracemalloc.start()
first = mine(tracemalloc.take_snapshot())
points = make_points(400)
table = {i: str(i) for i in range(300)}
blob = b'x' * 100000
words = 'lorem ipsum dolor sit amet ' * 50
second = mine(tracemalloc.take_snapshot())
del points[200:]
third = mine(tracemalloc.take_snapshot())
point_tb = tracemalloc.get_object_traceback(points[0])
blob_tb = tracemalloc.get_object_traceback(blob)
none_tb = tracemalloc.get_object_traceback(None)
tracemalloc.stop()

print('top lines:')
for stat in second.statistics('lineno')[:6]:
    print(' ', stat)
print('by file:')
for stat in second.statistics('filename'):
    print(' ', stat)
print('compared:')
for diff in second.compare_to(first, 'lineno')[:4]:
    print(' ', diff)
top = second.statistics('lineno')[0]
print(repr(top.traceback[0]), top.traceback[0].lineno == top.traceback[-1].lineno, len(top.traceback))
print(type(top.size).__name__, top.size % 8, top.count, repr(top)[:11])
print('after shrinking:')
for diff in third.compare_to(second, 'lineno')[:3]:
    print(' ', diff)
print(repr(third.compare_to(second, 'lineno')[0])[:15])
print(len(third.traces) < len(second.traces), repr(second.traces)[:12])

# 3.11 finds no traceback for instances of plain classes (it misses their dict pre-header).
print('point allocated at:', point_tb)
print('blob allocated at:', blob_tb)
for line in blob_tb.format():
    print(line)
print(none_tb)

tracemalloc.start(4)
nested = make_points(10)
deep = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(True, __file__, all_frames=True)])
tracemalloc.stop()
best = deep.statistics('traceback')[0]
print(len(best.traceback), best.count, best.size)
for line in best.traceback.format():
    print(line)
for line in best.traceback.format(limit=1, most_recent_first=True):
    print(line)
cumulative = deep.statistics('lineno', cumulative=True)
print(sorted(s.traceback[0].lineno for s in cumulative))
print(sorted(s.count for s in deep.statistics('filename', cumulative=True)))
excluded = deep.filter_traces([tracemalloc.Filter(False, __file__, lineno=18)])
print(len(excluded.traces), len(deep.traces))
print(len(deep.filter_traces([tracemalloc.DomainFilter(False, 0)]).traces))
