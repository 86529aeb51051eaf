# Shutdown with weak containers, a proxy and a finalizer not run at exit.
import weakref
class N:
    def __init__(self, n): self.n = n
    def __del__(self): print('del', self.n)
    def __repr__(self): return 'N(%s)' % self.n
a = N('a')
b = N('b')
wv = weakref.WeakValueDictionary()
wv['a'] = a
ws = weakref.WeakSet([a, b])
r = weakref.ref(a, lambda w: print('ref callback', w() is None))
p = weakref.proxy(b, lambda w: print('proxy callback'))
f = weakref.finalize(b, lambda: print('finalize b'))
f.atexit = False
print('end', len(wv), len(ws))
