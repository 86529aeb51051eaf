# What code objects hold: co_consts (folded displays), co_names, and the references that follow.
import sys


def f():
    "doc"
    return 1


def g(a):
    x = a.b
    return len(x)


class C:
    y = 2

    def m(self):
        pass


gen = (i for i in range(3))
print(f.__code__.co_consts, f.__code__.co_names)
print(g.__code__.co_consts, g.__code__.co_names, g.__code__.co_varnames)
print((lambda: 5).__code__.co_consts, (lambda: None).__code__.co_consts)
print(gen.gi_code.co_consts, gen.gi_code.co_names, C.m.__code__.co_consts)


def h(x):
    return [12345, 2, 3], {54321, 5, 6}, x in [12345, 7], x in {54321, 8}, {12345, 9}


consts = h.__code__.co_consts
print(consts)
del consts
print(sys.getrefcount(12345), sys.getrefcount(54321), h(7)[2:4])
for q in [12345, 54321, 99.5]:
    pass
print(sys.getrefcount(12345), sys.getrefcount(54321), sys.getrefcount(99.5))
print([sys.getsizeof(v) for v in ([1, 2, 3], [1, 2, 3, 4, 5], [1, 2], {1, 2, 3, 4, 5}, {1, 2})])
# statically allocated objects: counts as python3 has them when a script starts, plus this script's own
# (not (), '' or b'': the parser keeps one per empty token, which heapscope does not model)
print(sys.getrefcount(0), sys.getrefcount(1), sys.getrefcount(255), sys.getrefcount(-5))
print(sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(...), sys.getrefcount(int), sys.getrefcount(len))
print(sys.getrefcount("abc"))
