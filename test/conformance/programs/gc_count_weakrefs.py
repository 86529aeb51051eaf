# gc.get_count() deltas of weakref.ref/proxy, the first on an object and later ones (the
# weakref module was built before the script, so using it takes nothing from free lists).
import gc, weakref
gc.disable()
class A: pass
a = A()
for i in range(3):
    c = gc.get_count()[0]
    r = weakref.ref(a)
    print('ref', gc.get_count()[0] - c, weakref.getweakrefcount(a))
    c = gc.get_count()[0]
    r2 = weakref.ref(a, print)
    print('ref cb', gc.get_count()[0] - c)
    c = gc.get_count()[0]
    del r2
    print('del r2', gc.get_count()[0] - c)
    c = gc.get_count()[0]
    p = weakref.proxy(a)
    print('proxy', gc.get_count()[0] - c)
    c = gc.get_count()[0]
    b = A()
    print('inst', gc.get_count()[0] - c)
