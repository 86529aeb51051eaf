# Reference counts and object lifetimes around match statements: the subject is held
# (one reference) while cases are tried, captures are released when a pattern fails,
# and every temporary is gone after the statement.
import sys

class Obj:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  del", self.name)
    def __repr__(self):
        return self.name

def rc(o):
    return sys.getrefcount(o) - 1

subject = [Obj("a"), Obj("b")]
first = subject[0]
print("before", rc(subject), rc(first))
match subject:
    case [x, y] if print("  guard: subject", rc(subject), "first", rc(first)) or False:
        pass
    case [x, y]:
        print("  body: subject", rc(subject), "first", rc(first))
print("after", rc(subject), rc(first), rc(x))
del x, y

# the last case consumes the subject: no extra reference in its guard
match subject:
    case [p, q] if print("  last guard: subject", rc(subject)) or True:
        print("  last body: subject", rc(subject))
del p, q

# captures of a failed pattern are released at once
def fails():
    match [Obj("t1"), Obj("t2"), 3]:
        case [a, b, 4]:
            print("no")
        case _:
            print("  after the failed case")
fails()

# a temporary subject lives until the matching case's body starts
def temp():
    match [Obj("temp")]:
        case [int()]:
            pass
        case [_]:
            print("  in body")
    print("  after match")
temp()

# star captures, rest dicts and class attributes are new references
data = [1, Obj("s1"), Obj("s2"), 4]
match data:
    case [_, *middle, _]:
        print("middle", middle, rc(middle), rc(data[1]), sys.getsizeof(middle))
del middle

mapping = {"k": Obj("v"), "extra": Obj("e")}
match mapping:
    case {"k": v, **rest}:
        print("rest", rest, rc(rest), rc(mapping["extra"]), rc(v), sys.getsizeof(rest))
del rest, v

class P:
    __match_args__ = ("val",)
    def __init__(self, val):
        self.val = val
p = P(Obj("attr"))
match p:
    case P(val):
        print("class attr", rc(val), rc(p))
del val

# an or-pattern reorders captures; nothing leaks
for item in [(Obj("o1"), Obj("o2")), [Obj("o3"), Obj("o4"), 0]]:
    match item:
        case (a, b) | [b, a, _]:
            print("or", a, b, rc(a))
    del a, b
del item
print("counts settled")

# many matches leave every reference count as it was
shared = Obj("shared")
tag = "tag"
counts = lambda: (rc(shared), rc(P), rc(Obj))
start = counts()
for i in range(200):
    match {"n": i, tag: shared}:
        case {"n": int(n), **others} if n % 2:
            pass
        case {"n": n, "tag": Obj(name=nm)}:
            pass
    match [i, shared, (i, shared)]:
        case [int(a), Obj() as b, (c, d)]:
            pass
    match P(shared):
        case P(val=v):
            pass
del n, others, a, b, c, d, v, nm
print("counts", start == counts(), counts())

# the subject of a match on a fresh object is freed right after the statement
match Obj("fresh"):
    case Obj(name="nope"):
        print("no")
del subject, first, data, mapping, p, shared
print("end")

# co_stacksize, and so the size of generators and frames, counts the values a match
# keeps on the stack
def gen_sequence(x):
    match x:
        case [a, [b, *c], {"k": d, **e}] | (d, e, c, b, a):
            yield a
def gen_class(x):
    match x:
        case P(P(P(v))) if v:
            yield v
def gen_mapping(x):
    match x:
        case {P.val: 1, "b": [_, *_, last]}:
            yield last
for fn in (gen_sequence, gen_class, gen_mapping):
    print(fn.__name__, fn.__code__.co_stacksize, sys.getsizeof(fn(None)))
