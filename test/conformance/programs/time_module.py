# time: struct_time, formatting, and time.sleep advancing heapscope's modelled clock
import time
print(time.gmtime(0), time.gmtime(1700000000.5))
print(type(time.gmtime()), time.gmtime(0).tm_year, time.gmtime(0)[0], len(time.gmtime(0)))
print(time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(1700000000)), time.asctime(time.gmtime(0)))
print(time.strftime('%a %A %b %B %j %p %I %y %%', time.gmtime(1e9)))
try:
    time.sleep(-1)
except ValueError as e:
    print(e)
try:
    time.sleep('a')
except TypeError as e:
    print(e)
print(time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0)))
t0 = time.time(); p0 = time.perf_counter(); m0 = time.monotonic()
time.sleep(0.25)
print(time.time() - t0 >= 0.25, time.perf_counter() - p0 >= 0.25, time.monotonic() - m0 >= 0.25, time.perf_counter() - p0 < 5)
print(type(time.time()), type(time.time_ns()), type(time.perf_counter_ns()), time.process_time() >= 0)
start = time.perf_counter()
total = sum(i * i for i in range(1000))
elapsed = time.perf_counter() - start
print(total, elapsed >= 0)
