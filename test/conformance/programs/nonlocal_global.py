counter = 0
def bump():
    global counter
    counter += 1
bump(); bump()
print(counter)
def outer():
    x = 0
    def inc():
        nonlocal x
        x += 10
    inc(); inc()
    return x
print(outer())
def shadow():
    counter = "local"
    return counter
print(shadow(), counter)
def make():
    items = []
    def add(v):
        items.append(v)
        return len(items)
    return add
add = make()
print(add(1), add(2))
def unbound():
    print(counter)
    counter = 5
try:
    unbound()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
def gen_counter():
    count = 0
    def next_id():
        nonlocal count
        count += 1
        return count
    return next_id
n = gen_counter()
print([n() for _ in range(3)])
