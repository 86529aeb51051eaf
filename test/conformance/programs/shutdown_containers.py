# Shutdown with nested containers, cycles between globals, closures.
class N:
    def __init__(self, n): self.n = n
    def __del__(self): print('del', self.n)
d = {'k1': N('d1'), 'k2': N('d2')}
t = (N('t1'), N('t2'))
nested = [[N('n1')], {'x': N('n2')}]
x = N('x')
x.other = N('x.other')
y = N('y')
y.back = x
x.fwd = y
def g():
    return x
cl = (lambda: y)
z = N('z')
print('end')
