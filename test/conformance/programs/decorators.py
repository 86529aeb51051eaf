def trace(fn):
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__, args, kwargs)
        result = fn(*args, **kwargs)
        print("returned", result)
        return result
    return wrapper

def repeat(times):
    def deco(fn):
        def wrapper(*args):
            return [fn(*args) for _ in range(times)]
        return wrapper
    return deco

@trace
def add(a, b=1):
    return a + b

@repeat(3)
def hello(name):
    return "hi " + name

add(2, b=3)
print(hello("x"))
def register(registry):
    def deco(cls):
        registry.append(cls.__name__)
        return cls
    return deco
reg = []
@register(reg)
class Plugin:
    pass
print(reg, Plugin.__name__, add.__name__)
class Cached:
    def __init__(self, fn):
        self.fn = fn
        self.cache = {}
    def __call__(self, n):
        if n not in self.cache:
            self.cache[n] = self.fn(n)
        return self.cache[n]
@Cached
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(30), len(fib.cache))
