# A generator of 10^6 values, summed.
def numbers(n):
    for i in range(n):
        yield i


print(sum(numbers(10**6)))
