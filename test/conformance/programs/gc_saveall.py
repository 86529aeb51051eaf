# DEBUG_SAVEALL keeps the garbage in gc.garbage instead of freeing it.
import gc
gc.disable()

class A:
    def __repr__(self):
        return "A"

def make():
    a = A(); b = A(); a.other = b; b.other = a

gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
print(gc.get_debug() == gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
make()
print("collect:", gc.collect())
print("garbage:", gc.garbage)
print("again:", gc.collect())
gc.set_debug(0)
gc.garbage.clear()
print("after clearing gc.garbage:", gc.collect())
l = []; l.append(l)
del l
gc.set_debug(gc.DEBUG_SAVEALL)
print("self list:", gc.collect(), [type(o).__name__ for o in gc.garbage])
gc.set_debug(0)
gc.garbage.clear()
gc.collect()
print("empty:", gc.garbage)
