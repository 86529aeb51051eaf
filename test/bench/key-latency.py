# The loop the key-latency benchmark (ui.mjs) pauses and resumes: test/programs/churn.py's
# churn, long enough that it is still running after every key press however fast it runs.
total = 0
for i in range(100_000_000):
    x = [i]
    total += x[0]
print("sum:", total)
