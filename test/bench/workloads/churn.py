# Allocation churn: a one-item list made and dropped 10^6 times (list free list, int cache).
for i in range(10**6):
    x = [i]
print(x)
