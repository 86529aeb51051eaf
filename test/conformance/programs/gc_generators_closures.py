# Generators and closures in cycles: a suspended generator is closed by the collector
# (its finally runs), an unstarted one too; closures form function + cell + tuple.
import gc
gc.disable()

class Holder:
    pass

def counter():
    try:
        yield 1
        yield 2
    finally:
        print("generator closed")

def started():
    h = Holder()
    h.gen = counter()
    next(h.gen)
    h.gen_ref = h
    h.me = h

def not_started():
    h = Holder()
    h.gen = counter()
    h.me = h

def closure_cycle():
    def outer():
        data = [1, 2, 3]
        def inner():
            return inner, data
        return inner
    outer()

def genexp_cycle():
    h = Holder()
    h.g = (x for x in [h])

gc.collect()
started()
print("started generator:", gc.collect())
not_started()
print("unstarted generator:", gc.collect())
closure_cycle()
print("recursive closure:", gc.collect())
genexp_cycle()
print("generator expression over its holder:", gc.collect())

def frames():
    try:
        1 / 0
    except ZeroDivisionError as e:
        err = e
frames()
print("exception with its traceback and frame:", gc.collect())
g = counter()
print(gc.is_tracked(g), next(g))
del g
print("after del:", gc.collect())
