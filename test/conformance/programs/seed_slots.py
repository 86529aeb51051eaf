import sys

class MyClass:
    __slots__ = ['name', 'age']
    def __init__(self, name, age):
        self.name = name
        self.age = age

class Plain:
    def __init__(self, name, age):
        self.name = name
        self.age = age

m = MyClass("Ann", 30)
p = Plain("Bob", 40)
print(sys.getsizeof(m), sys.getsizeof(p))
print(m.name, m.age)
try:
    m.email = "x"
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(p, "__dict__"), hasattr(m, "__dict__"))
