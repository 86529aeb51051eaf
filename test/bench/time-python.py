# Runs one benchmark workload under python3 the way `heapscope run` is measured: the
# script's own time (compiled and executed as __main__; its globals cleared and
# a last collection, as interpreter finalization does), process CPU time and peak RSS,
# written as JSON to the file named by $HEAPSCOPE_BENCH_STATS.
import gc
import json
import os
import resource
import sys
import time

path = sys.argv[1]
with open(path, "rb") as fh:
    source = fh.read()
sys.argv = [path]
namespace = {"__name__": "__main__", "__file__": path, "__builtins__": __builtins__}
wall = time.perf_counter()
cpu = time.process_time()
exec(compile(source, path, "exec"), namespace)
namespace.clear()
gc.collect()
cpu = time.process_time() - cpu
wall = time.perf_counter() - wall
sys.stdout.flush()
with open(os.environ["HEAPSCOPE_BENCH_STATS"], "w") as out:
    json.dump(
        {
            "scriptMs": wall * 1000,
            "scriptCpuMs": cpu * 1000,
            "maxRssKB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        },
        out,
    )
