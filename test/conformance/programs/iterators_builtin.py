it = iter([1, 2, 3])
print(next(it), list(it), list(it))
e = enumerate("ab")
print(type(e).__name__, list(e))
z = zip([1, 2, 3], "ab")
print(list(z))
m = map(lambda a, b: a * b, [1, 2], [3, 4])
print(list(m))
f = filter(lambda v: v > 1, [1, 2, 3])
print(list(f))
r = reversed("abc")
print(list(r))
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n
print(list(Countdown(3)), sum(Countdown(4)))
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(Seq()), 20 in Seq())
print(list(iter([5, 6, 0, 7].pop, 0)))
print(sorted(zip("cab", range(3))), dict(enumerate("xy")))
print(any(x > 2 for x in [1, 3]), all(x for x in []), min((3, 'a'), (1, 'b')))
