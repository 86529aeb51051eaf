# Shutdown with a suspended generator, an instance holding a list, a kept exception.
class N:
    def __init__(self, n): self.n = n
    def __del__(self): print('del', self.n)
def gen():
    k = N('in generator')
    yield 1
    yield 2
g = gen()
next(g)
class Holder:
    def __init__(self): self.items = [N('h1'), N('h2')]
    def __del__(self): print('del holder')
h = Holder()
try:
    raise ValueError(N('in exception'))
except ValueError as e:
    saved = e
print('end')
