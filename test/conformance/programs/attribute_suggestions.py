# AttributeError records name and obj (a reference), and an uncaught one suggests a name.
import sys
import gc


class Node:
    def __init__(self):
        self.tag = 1
        self.children = []


n = Node()
print(sys.getrefcount(n))
try:
    n.tg
except AttributeError as e:
    print(sys.getrefcount(n), e.obj is n, e.name)
print(sys.getrefcount(n))
try:
    getattr(n, 'tga')
except AttributeError as e:
    print(e.obj is n, e.name)
try:
    n.tag.foo
except AttributeError as e:
    print(e.obj, e.name)
try:
    Node.tgg
except AttributeError as e:
    print(e.obj, e.name)
print(getattr(n, 'x', None), hasattr(n, 'x'))
try:
    gc.colect()
except AttributeError as e:
    print(e, e.name, e.obj is gc)
try:
    setattr(1, 'x', 2)
except AttributeError as e:
    print(e, e.name, e.obj)
try:
    del n.zz
except AttributeError as e:
    print(e, e.name, e.obj)
plain = AttributeError('made by hand')
print(plain.name, plain.obj)
plain.name = 'given'
print(plain.name)
try:
    [].apend(1)
except AttributeError as e:
    print(e)
n.childern.append(2)
