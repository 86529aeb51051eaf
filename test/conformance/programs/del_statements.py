x = 1
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
l = [1, 2, 3, 4]
del l[0]
del l[-1]
print(l)
d = {'a': 1, 'b': 2}
del d['a']
print(d)
class C:
    pass
c = C()
c.attr = 1
del c.attr
print(hasattr(c, 'attr'))
try:
    del c.attr
except AttributeError as e:
    print("AttributeError:", e)
def f():
    y = 1
    del y
    return y
try:
    f()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
a, b = 1, 2
del a, b
print('a' in globals())
try:
    del d['zzz']
except KeyError as e:
    print("KeyError:", e)
