# How builtin methods look: slot wrappers, method descriptors, method-wrappers, __new__.
import sys
print(int.__add__, list.append, object.__init__, dict.__getitem__, str.__len__)
print(type(int.__add__).__name__, type((1).__add__).__name__, type(list.append).__name__, type([].append).__name__)
print(type(object.__new__).__name__, type(vars(str)["maketrans"]).__name__)
print(ValueError.__init__, KeyError.__str__, BaseException.__str__)
print(sys.getsizeof(int.__add__), sys.getsizeof((1).__add__), sys.getsizeof(list.append), sys.getsizeof([].append))
print((5).__add__(3), int.__add__(5, 3), "ab".__mul__(2), [1].__add__([2]), (1,).__add__((2,)))
print((5).__add__.__self__, (5).__add__.__name__, int.__add__.__objclass__, int.__add__.__qualname__)
for f in [lambda: "a".__mul__(2.0), lambda: "a".__add__(1), lambda: [].__imul__("x"), lambda: "a".__mul__(10**30)]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
x = [1, 2]
m = x.__len__
print(sys.getrefcount(x), m(), m.__self__ is x)
class Sub(list):
    pass
print(Sub.__init__, Sub.__len__ is list.__len__, "__init__" in vars(Sub))
print(type.__dict__["__name__"].__get__(int), method_names := sorted(k for k in vars(int) if not k.startswith("_"))[:5])
