class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} makes a sound"
    def __repr__(self):
        return f"Animal({self.name!r})"

class Dog(Animal):
    kind = "dog"
    def speak(self):
        return super().speak() + " (woof)"

d = Dog("Rex")
print(d.speak(), d.kind, Animal.kind)
print(repr(d), str(d))
print(isinstance(d, Animal), issubclass(Dog, Animal), type(d).__name__)
print(Dog.__mro__)
class P:
    def __init__(self, x):
        self._x = x
    @property
    def x(self):
        return self._x
    @x.setter
    def x(self, v):
        self._x = v * 2
    @staticmethod
    def s():
        return "static"
    @classmethod
    def c(cls):
        return cls.__name__
p = P(1)
p.x = 5
print(p.x, P.s(), P.c(), p.c())
print(vars(p))
