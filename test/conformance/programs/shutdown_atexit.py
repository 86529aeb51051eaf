# Shutdown sequence: atexit callbacks (weakref.finalize's newest first), then a collection
# with gc.callbacks, then the modules; weakref callbacks of weakrefs in the garbage do not run.
import weakref, atexit
class N:
    def __init__(self, n): self.n = n
    def __del__(self): print('del', self.n)
a = N('a')
b = N('b')
c = N('c'); c.c = c
weakref.finalize(a, print, 'finalize a')
weakref.finalize(b, print, 'finalize b')
atexit.register(print, 'atexit 1')
def cb(phase, info): print('gc', phase, info['generation'])
import gc
gc.callbacks.append(cb)
wr = weakref.ref(b, lambda r: print('callback b'))
print('end')
