# dataclasses: generated methods and their error messages, frozen, order, slots=True (smaller instances), fields/asdict/replace
from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError, make_dataclass, InitVar, KW_ONLY
import sys
from typing import ClassVar, List
@dataclass
class P:
    x: int
    y: int = 0
    tags: List[str] = field(default_factory=list)
    count: ClassVar[int] = 0
p = P(1); print(p, p == P(1), p == P(2), P.__init__.__qualname__, P.__repr__.__qualname__, sys.getsizeof(p), P.__hash__, P.__match_args__)
for bad in [lambda: P(), lambda: P(1, 2, [], 4), lambda: P(1, z=3)]:
    try: bad()
    except TypeError as e: print(e)
print(fields(P)[0].name, [f.name for f in fields(P)], asdict(p), astuple(p), replace(p, y=5), is_dataclass(p), is_dataclass(P), is_dataclass(1))
@dataclass(frozen=True, order=True)
class F:
    a: int
    b: str = 'x'
f = F(1); print(f, hash(f) == hash((1, 'x')), F(1) < F(2), sorted([F(3), F(1)]))
try: f.a = 2
except FrozenInstanceError as e: print(type(e).__name__, e)
try: del f.a
except FrozenInstanceError as e: print(e)
try: F(1) < P(1)
except TypeError as e: print(e)
@dataclass(slots=True)
class S:
    x: int
    y: int = 0
s = S(1); print(s, S.__slots__, sys.getsizeof(s), hasattr(s, '__dict__'), sys.getsizeof(P(1)))
try:
    @dataclass
    class Bad:
        x: int = 0
        y: int
except TypeError as e: print(e)
try:
    @dataclass
    class Bad2:
        x: list = []
except ValueError as e: print(e)
try:
    @dataclass(order=True, eq=False)
    class Bad3: pass
except ValueError as e: print(e)
@dataclass
class Q:
    x: int
    def __post_init__(self): self.z = self.x * 2
print(Q(2).z, Q(2))
@dataclass
class Node:
    val: int
    children: list = field(default_factory=list, repr=False)
    parent: 'Node' = field(default=None, compare=False)
n = Node(1); n.children.append(Node(2, parent=n)); print(n, n.children)
M = make_dataclass('M', ['a', ('b', int, field(default=5))]); print(M(1), M.__dataclass_fields__.keys())
@dataclass
class K:
    a: int
    _: KW_ONLY
    b: int = 1
    c: int = 2
print(K(1, b=3))
try: K(1, 2)
except TypeError as e: print(e)
@dataclass
class I:
    a: int
    b: InitVar[int] = 3
    def __post_init__(self, b): self.c = b
print(I(1).c, [f.name for f in fields(I)])
@dataclass(eq=False)
class NE: a: int
print(NE(1) == NE(1), NE.__hash__ is object.__hash__)
@dataclass(unsafe_hash=True)
class UH: a: int
print(hash(UH(1)) == hash((1,)))
@dataclass
class Rec:
    r: object = None
r = Rec(); r.r = r; print(r)
@dataclass
class Point3:
    x: float
    y: float
    z: float
pts = [Point3(i, i, i) for i in range(3)]
@dataclass(slots=True)
class SPoint3:
    x: float
    y: float
    z: float
spts = [SPoint3(i, i, i) for i in range(3)]
print("regular", sys.getsizeof(pts[0]), "slots", sys.getsizeof(spts[0]), sys.getsizeof(vars(pts[0])))
@dataclass
class Inv:
    item: str
    qty: int = 0
    def total(self, price: float) -> float:
        return self.qty * price
print(Inv('a', 3).total(2.5), Inv.__doc__, Inv.__annotations__)
@dataclass
class Child(P):
    z: int = 9
print(Child(1), [f.name for f in fields(Child)])
