import gc, weakref
gc.disable()
gc.collect()

class A:
    pass

def plain_cycle():
    a = A(); b = A(); a.other = b; b.other = a
def cycle_with_dicts():
    a = A(); b = A(); a.other = b; b.other = a
    a.__dict__; b.__dict__
def self_loop():
    a = A(); a.me = a
def slots_cycle():
    class S:
        __slots__ = ('other',)
    a = S(); b = S(); a.other = b; b.other = a
    return S
def list_self():
    l = []; l.append(l)
def dict_self():
    d = {}; d['me'] = d
def payload():
    a = A(); b = A(); a.other = b; b.other = a
    a.payload = [[1], [2], {'k': [3]}]
def function_self():
    def f(): pass
    f.me = f
def recursive_closure():
    def inner():
        return inner
    return None
def class_in_function():
    class K:
        pass
def weakref_in_cycle():
    a = A(); b = A(); a.other = b; b.other = a
    a.wr = weakref.ref(b)
def no_cycle():
    a = A(); b = A(); a.other = b

for case in [plain_cycle, cycle_with_dicts, self_loop, list_self, dict_self, payload, function_self, recursive_closure, class_in_function, weakref_in_cycle, no_cycle]:
    case()
    print(case.__name__, gc.collect())
S = slots_cycle()
print('slots_cycle', gc.collect())
