# Shutdown without functions in __main__: the module dict is freed at once, in order.
a = 1
class N:
    def __init__(self, n): self.n = n
    def __del__(self): print('del', self.n)
x = N('x')
y = N('y')
_p = N('_p')
lst = [N('l1'), N('l2')]
