# A dict of 10^5 entries, built by item assignment.
d = {}
for i in range(10**5):
    d[i] = i * 2
print(len(d), d[99999])
