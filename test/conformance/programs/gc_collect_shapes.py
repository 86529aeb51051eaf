# gc.collect() return values for the garbage shapes of the reference sheet (4.5):
# each shape is built inside a function, so only the cycle is left when it returns.
import gc
gc.disable()

class A:
    pass

class Slotted:
    __slots__ = ('other',)

class WithDel:
    def __del__(self):
        pass

def two_instances():
    a = A(); b = A(); a.other = b; b.other = a

def two_instances_dicts():
    a = A(); b = A(); a.other = b; b.other = a
    a.__dict__; b.__dict__

def self_loop():
    a = A(); a.me = a

def slotted_pair():
    a = Slotted(); b = Slotted(); a.other = b; b.other = a

def del_pair():
    a = WithDel(); b = WithDel(); a.other = b; b.other = a

def self_list():
    l = []; l.append(l)

def self_dict():
    d = {}; d['me'] = d

def list_dict():
    l = []; d = {'l': l}; l.append(d)

def payload():
    a = A(); b = A(); a.other = b; b.other = a
    a.payload = [[1], [2], {'k': [3]}]

def function_self():
    def f():
        pass
    f.me = f

def recursive_closure():
    def inner(n):
        return inner(n - 1) if n else 0
    return None

def no_cycle():
    a = A(); b = A(); a.other = b

def tuple_cycle():
    l = []
    t = (l, 1)
    l.append(t)

def bound_method():
    class K:
        def m(self):
            pass
    k = K()
    k.bm = k.m

cases = [two_instances, two_instances_dicts, self_loop, slotted_pair, del_pair, self_list,
         self_dict, list_dict, payload, function_self, recursive_closure, no_cycle,
         tuple_cycle, bound_method]
gc.collect()
for case in cases:
    case()
    print(f"{case.__name__:22s} {gc.collect()}")
print("nothing left:", gc.collect())
