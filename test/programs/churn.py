"""A million short-lived lists

Teaches: reference counting frees each list the moment the next one replaces it, so a
million allocations leave the heap as small as it started; gc's generation 0 count rises
and falls as container objects come and go.
Watch: the Heap sparkline and the gen0 bar while the loop runs; the dashboard stays
responsive at full speed.
Keys: + to speed up (max runs the loop at full speed), space to pause inside the loop.
"""

total = 0
for i in range(1_000_000):
    x = [i]
    total += x[0]
print("sum:", total)
