def echo():
    received = yield "ready"
    while True:
        received = yield f"got {received}"

g = echo()
print(next(g))
print(g.send("a"))
print(g.send("b"))
g.close()
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], (3,), range(4, 6))))
def gen_return():
    yield 1
    return "result"
def delegator():
    r = yield from gen_return()
    print("delegate got", r)
    yield 2
print(list(delegator()))
def fin():
    try:
        yield 1
        yield 2
    finally:
        print("gen finally")
g = fin()
print(next(g))
del g
print("after del")
