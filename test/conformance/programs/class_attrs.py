class Counter:
    count = 0
    instances = []
    def __init__(self, name):
        self.name = name
        Counter.count += 1
        self.instances.append(name)

a = Counter("a")
b = Counter("b")
print(Counter.count, a.count, b.instances, a.instances is Counter.instances)
a.count = 100
print(a.count, b.count, Counter.count, "count" in vars(a))
del a.count
print(a.count)
class Base:
    greeting = "hello"
    def greet(self):
        return f"{self.greeting} from {type(self).__name__}"
class Child(Base):
    greeting = "hi"
class GrandChild(Child):
    pass
print(Base().greet(), Child().greet(), GrandChild().greet(), GrandChild.__mro__)
print(hasattr(a, "name"), getattr(a, "missing", "default"), isinstance(a, Counter))
setattr(a, "dynamic", 42)
print(a.dynamic, sorted(vars(a)))
delattr(a, "dynamic")
print(hasattr(a, "dynamic"))
class Multi(Child, Counter):
    pass
print([c.__name__ for c in Multi.__mro__])
print(Counter.__name__, Counter.__qualname__, Counter.__module__, type(Counter).__name__)
class Outer:
    class Inner:
        def method(self):
            pass
print(Outer.Inner.__qualname__, Outer.Inner.method.__qualname__)
