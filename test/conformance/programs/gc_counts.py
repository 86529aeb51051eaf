import gc
gc.disable()

class A:
    pass

# warm the free lists and the code paths once
warm = [A() for i in range(10)]
del warm
base = gc.get_count()
a = A()
print("instance:", gc.get_count()[0] - base[0])
b = [A() for i in range(10)]
print("ten instances in a comprehension:", gc.get_count()[0] - base[0])
del b
print("after del:", gc.get_count()[0] - base[0])
s = set()
print("a set:", gc.get_count()[0] - base[0])
gc.collect(0)
print(gc.get_count())
gc.collect(1)
print(gc.get_count())
gc.collect()
print(gc.get_count())
print(gc.get_threshold())
gc.set_threshold(100, 5)
print(gc.get_threshold())
gc.enable()
print(gc.isenabled())
