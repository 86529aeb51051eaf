def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
print(c(), c(), c())
print(c.__closure__[0].cell_contents)
x = 10
def read_global():
    return x
def write_global():
    global x
    x = 20
write_global()
print(read_global())
def outer():
    v = 'outer'
    def middle():
        def inner():
            return v
        return inner
    return middle()()
print(outer())
adders = [lambda y, i=i: y + i for i in range(3)]
print([a(10) for a in adders])
