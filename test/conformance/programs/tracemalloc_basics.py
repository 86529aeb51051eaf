# tracemalloc's counters: traced memory, its peak, the traceback limit, start/stop.
# Nothing is printed while tracing: print's buffer is memory too.
import tracemalloc

# Fill the free lists (list, dict, keys, float, small tuples) so that what follows
# allocates the same way whatever the interpreter's start-up left in them.
junk = [[[], {'k': i}, (i,), (i, i), float(i)] for i in range(100)]
del junk
results = [None] * 20

results[0] = (tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
tracemalloc.start()
results[1] = (tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())

before = tracemalloc.get_traced_memory()[0]
data = [None] * 100000
after = tracemalloc.get_traced_memory()[0]
results[2] = after - before

before = tracemalloc.get_traced_memory()[0]
del data
after = tracemalloc.get_traced_memory()[0]
results[3] = after - before

tracemalloc.reset_peak()
before = tracemalloc.get_traced_memory()[0]
temp = [0] * 50000
del temp
current, peak = tracemalloc.get_traced_memory()
results[4] = (peak - current, peak - before)

tracemalloc.clear_traces()
results[5] = tracemalloc.get_traced_memory()
tracemalloc.stop()
results[6] = (tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
tracemalloc.start(5)
results[7] = tracemalloc.get_traceback_limit()
tracemalloc.stop()

for r in results[:8]:
    print(r)
try:
    tracemalloc.start(0)
except ValueError as e:
    print('ValueError:', e)
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print('RuntimeError:', e)
