# Shutdown with the collector disabled: the namespace's cycle is still collected by
# finalize_modules, which collects even when gc is disabled.
import gc
gc.disable()
class N:
    def __init__(self, n): self.n = n
    def __del__(self): print('del', self.n)
a = N('a')
me = N('me'); me.me = me
lst = [N('l1'), N('l2')]
b = N('b')
print('end')
