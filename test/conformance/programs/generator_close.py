def numbers():
    try:
        i = 0
        while True:
            yield i
            i += 1
    except GeneratorExit:
        print("closing")
        raise
    finally:
        print("finally")

g = numbers()
print(next(g), next(g))
g.close()
print("closed")
def stopper():
    yield 1
    return 99
g = stopper()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value)
def thrower():
    try:
        yield 1
    except ValueError as e:
        print("caught inside", e)
        yield 2
g = thrower()
print(next(g), g.throw(ValueError("x")))
def bad():
    yield 1
    raise StopIteration
try:
    list(bad())
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)
gen = (i * i for i in range(3))
print(next(gen), list(gen), list(gen))
