# A big list from an iterator: 10^6 ints.
x = list(range(10**6))
print(len(x), x[-1])
