# Interpreter shutdown: objects held through instances die in global-dict order, those in
# builtin containers after them (notes/shutdown-order.md): the __main__ namespace is a cycle
# (functions refer to their globals) collected by finalize_modules.
class N:
    def __init__(self, n): self.n = n
    def __del__(self): print('del', self.n)
class H: pass
h = H(); h.x = N('hx')
lst = [N('l1')]
s = {N('s1')}
a = N('a')
class S:
    __slots__ = ('x',)
sl = S(); sl.x = N('slot')
def f(x=N('default')): pass
b = N('b')
print('end')
