# A big list by repetition: 10^7 references to one object.
x = [1] * 10**7
print(len(x), x[-1])
