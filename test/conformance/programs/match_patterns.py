# Structural pattern matching (PEP 634): every pattern kind, with the protocol calls
# the matching makes.

def literal(x):
    match x:
        case 0:
            return "zero"
        case -1:
            return "minus one"
        case 1.5:
            return "one and a half"
        case -1.5 - 2j:
            return "complex"
        case 3 + 4j:
            return "complex 3+4j"
        case "ab" "cd":
            return "concatenated"
        case b"xy":
            return "bytes"
        case True:
            return "True"
        case None:
            return "None"
        case _:
            return "other " + repr(x)

for v in [0, 0.0, False, -1, 1.5, -1.5 - 2j, 3 + 4j, "abcd", b"xy", True, 1, None, "x", 2.0]:
    print(repr(v), "->", literal(v))

# MatchSingleton uses `is`, MatchValue uses ==
match 1:
    case True:
        print("1 is True?")
    case 1:
        print("1 == 1")
match 1.0:
    case 1:
        print("1.0 == 1")

class Eq:
    def __init__(self, name):
        self.name = name
    def __eq__(self, other):
        print(f"  {self.name}.__eq__({other!r})")
        return NotImplemented
    def __repr__(self):
        return self.name

class Const:
    A = Eq("A")
    B = 2
match Eq("subject"):
    case Const.B:
        print("B")
    case Const.A:
        print("A")
    case _:
        print("neither")

# capture, wildcard, as
def capture(x):
    match x:
        case [1, y] as whole:
            return f"y={y} whole={whole}"
        case (1 | 2 | 3) as small:
            return f"small {small}"
        case other:
            return f"other={other}"
for v in [[1, 9], (1, "t"), 2, 7]:
    print(capture(v))

# sequences
def seq(x):
    match x:
        case []:
            return "empty"
        case [a]:
            return f"one {a}"
        case [a, b, *rest] if not rest:
            return f"two {a} {b}"
        case [first, *middle, last]:
            return f"first={first} middle={middle} last={last}"
        case _:
            return "not a sequence"
for v in [[], (), [1], (2,), [1, 2], [1, 2, 3, 4], range(5), "abc", b"ab", {1: 2}, {1, 2}, iter([1, 2])]:
    print(type(v).__name__, seq(v))

def star_positions(x):
    match x:
        case [*_, 9]:
            return "ends with 9"
        case [0, *_]:
            return "starts with 0"
        case [_, *_, _, 5]:
            return "ends with 5 after two"
        case [*rest]:
            return f"rest {rest}"
for v in [[1, 9], [0, 1], [1, 2, 5], [7], [], (1, 2)]:
    print(v, star_positions(v))

def nested(x):
    match x:
        case [(a, b), [c, *d], {"k": e}]:
            return (a, b, c, d, e)
        case [[[deep]]]:
            return deep
        case (a, b):
            return "pair"
    return "no match"
print(nested([(1, 2), [3, 4, 5], {"k": 6, "z": 0}]))
print(nested([[["down"]]]))
print(nested([[[1, 2]]]))
print(nested("ab"))

# open sequence patterns at the top level
match 1, 2, 3:
    case a, *b:
        print("open", a, b)
match (1, 2):
    case a, b,:
        print("trailing comma", a, b)
match [1]:
    case x,:
        print("single", x)

# a sequence subclass sees the protocol calls
class Loud(list):
    def __len__(self):
        print("  __len__")
        return super().__len__()
    def __getitem__(self, i):
        print("  __getitem__", i)
        return super().__getitem__(i)
    def __iter__(self):
        print("  __iter__")
        return super().__iter__()
match Loud([1, 2, 3]):
    case [a, b, c]:
        print("unpacked", a, b, c)
match Loud([1, 2, 3]):
    case [a, *_, c]:
        print("subscripted", a, c)
match Loud([1, 2, 3]):
    case [*_]:
        print("only wildcard")
match Loud([1, 2, 3]):
    case [x, *rest]:
        print("starred", x, rest)

class Tup(tuple):
    pass
match Tup((1, 2)):
    case [a, b]:
        print("tuple subclass", a, b)

# mappings
def mapping(x):
    match x:
        case {}:
            pass
    match x:
        case {"a": 1, "b": b}:
            return f"a=1 b={b}"
        case {"a": a, **rest}:
            return f"a={a} rest={rest}"
        case {1: _, 2: _}:
            return "1 and 2"
        case {}:
            return "some mapping"
        case _:
            return "not a mapping"
for v in [{"a": 1, "b": 2}, {"a": 2, "x": 3, "y": 4}, {1: 0, 2: 0, 3: 0}, {}, {"z": 1}, [("a", 1)], "a"]:
    print(v, "->", mapping(v))

class Keys:
    one = "a"
    two = "b"
match {"a": 1, "b": 2, "c": 3}:
    case {Keys.one: 1, Keys.two: v, **kw}:
        print("attribute keys", v, kw)

class Getter(dict):
    def get(self, key, default=None):
        print("  get", key, "default is object():", type(default) is object)
        return super().get(key, default)
    def __missing__(self, key):
        print("never called")
match Getter(a=1, b=2):
    case {"a": a, "missing": m}:
        print("no")
    case {"b": b, **rest}:
        print("b =", b, "rest =", rest, type(rest).__name__)

d = {"x": 1}
match d:
    case {**everything}:
        print(everything, everything is d)

# class patterns
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(0, y):
            return f"on y axis at {y}"
        case Point(x=0, y=yy):
            return "unreachable"
        case Point(x, y=0):
            return f"on x axis at {x}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "somewhere"
        case _:
            return "not a point"
for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 2), (0, 0)]:
    print(p, where(p))

class Missing:
    __match_args__ = ("present", "absent")
    present = 1
match Missing():
    case Missing(1, _):
        print("matched absent?")
    case Missing(1):
        print("absent attribute: no match, first positional works")

class Prop:
    @property
    def boom(self):
        raise AttributeError("no boom")
    @property
    def fine(self):
        return "fine"
match Prop():
    case Prop(boom=_):
        print("no")
    case Prop(fine=f):
        print("property", f)

# the builtins that match themselves
for v in [5, True, 2.5, "s", b"b", [1], (1,), {1: 2}, {1}, frozenset({2})]:
    match v:
        case bool(x):
            print("bool", x)
        case int(x):
            print("int", x)
        case float(x) | str(x) | bytes(x):
            print(type(v).__name__, "self", x)
        case list(x) | tuple(x) | dict(x) | set(x) | frozenset(x):
            print(type(v).__name__, "self", x)

class MyInt(int):
    pass
class Named(int):
    __match_args__ = ("real", "imag")
match MyInt(7):
    case MyInt(n):
        print("subclass matches itself", n, type(n).__name__)
match Named(7):
    case Named(r, i):
        print("subclass with __match_args__", r, i, type(r).__name__)

class Meta(type):
    def __instancecheck__(cls, obj):
        print("  __instancecheck__", obj)
        return obj == "duck"
class Duck(metaclass=Meta):
    pass
for v in ["duck", "goose"]:
    match v:
        case Duck():
            print(v, "is a Duck")
        case _:
            print(v, "is not")

# or-patterns bind the same names in any order
def alt(x):
    match x:
        case [a, b] | (b, a, _) | {"a": a, "b": b}:
            return (a, b)
        case Point(x=a, y=b) | Point(a, b, _):
            return "point", a, b
    return None
print(alt([1, 2]), alt((1, 2, 3)), alt({"a": "A", "b": "B"}), alt(Point(5, 6)), alt(3))

# bindings happen when the whole pattern matches, and stay if the guard fails
def guard_binding(x):
    match x:
        case [a, b] if a > b:
            return f"descending {a} {b}"
        case [c, d, 3]:
            pass
        case _:
            pass
    return f"a={a} b={b}" if "a" in locals() else "no binding", "c" in locals()
print(guard_binding([2, 1]))
print(guard_binding([1, 2]))
print(guard_binding([1, 2, 4]))

# the subject is evaluated once
def subject():
    print("  evaluating subject")
    return [1, 2]
match subject():
    case [9, _]:
        pass
    case [1, x]:
        print("x =", x)

# match at module level binds globals; in a class body, class attributes
match {"name": "mod"}:
    case {"name": modname}:
        pass
print(modname)
class Body:
    match (1, 2):
        case (first, second):
            pass
print(Body.first, Body.second)

# captured names closed over by an inner function
def outer(v):
    match v:
        case [inner_value, *_]:
            def get():
                return inner_value
    return get()
print(outer([42, 0]))

# a generator with match (yield in guard and bodies)
def gen(items):
    for item in items:
        match item:
            case int(n) if (yield f"guard {n}"):
                yield "int body"
            case str() as s:
                yield f"str {s}"
            case _:
                yield "other"
g = gen([1, "a", 2.0])
print(next(g))
print(g.send(True))
print(next(g))
print(next(g))
print(list(g))

def gen_subject():
    match (yield "give me a subject"):
        case {"k": v}:
            yield v
        case other:
            yield other
g = gen_subject()
print(next(g), g.send({"k": "value"}))

# soft keywords stay usable as names
match = [1]
case = 2
match match:
    case [case]:
        print("soft keywords", case)
