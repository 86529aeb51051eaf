# enum: Enum/IntEnum/StrEnum/Flag/IntFlag members, reprs, aliases, auto(), unique, functional API
from enum import Enum, IntEnum, auto, Flag, IntFlag, unique, StrEnum
import sys
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
    def describe(self): return self.name.lower()
    @property
    def hexish(self): return self.value * 16
print(Color.RED, repr(Color.RED), Color.RED.name, Color.RED.value, Color(1), Color['RED'], list(Color), len(Color), Color.RED in Color, type(Color.RED), isinstance(Color.RED, Color), Color.CRIMSON is Color.RED)
print(Color, Color.__members__, Color.RED.describe(), Color.GREEN.hexish, type(Color), Color.__dict__.get('RED'), sys.getsizeof(Color.RED), sorted(Color.RED.__dict__))
print(hash(Color.RED) == hash('RED'), Color.RED == 1, Color.RED == Color.RED, f'{Color.RED}', format(Color.RED), str(Color.RED))
for bad in [lambda: Color(5), lambda: Color['X'], lambda: Color.RED < Color.GREEN, lambda: setattr(Color, 'RED', 5), lambda: Color.RED.__setattr__('value', 3)]:
    try: bad()
    except Exception as e: print(type(e).__name__, e)
class N(IntEnum):
    ONE = 1
    TWO = 2
print(N.ONE, repr(N.ONE), str(N.ONE), f'{N.TWO}', N.ONE + 1, N.ONE < N.TWO, N(2), sys.getsizeof(N.ONE), isinstance(N.ONE, int), [n for n in N])
class A(Enum):
    X = auto()
    Y = auto()
    Z = 10
    W = auto()
print(list(A), [a.value for a in A])
class S(StrEnum):
    FOO = auto()
    BAR = 'bar'
print(S.FOO, repr(S.FOO), S.FOO == 'foo', S.BAR.upper())
class P(Flag):
    R = 4
    W = 2
    X = 1
print(P.R | P.W, repr(P.R | P.W), P.R in (P.R | P.W), bool(P.R & P.X), list(P), repr(P(0)), P(7))
print(P.R | P.X, ~P.R, P.R ^ P.W, list(P.R | P.W), len(P.R|P.W), str(P(0)), bool(P(0)), P.R.value, repr(P))
class IP(IntFlag):
    A = 1
    B = 2
print(IP.A | IP.B, repr(IP.A | IP.B), IP.A + 1)
class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
print(Planet.EARTH.mass, Planet.EARTH.value, Planet.MERCURY)
try:
    @unique
    class U(Enum):
        A = 1
        B = 1
except ValueError as e: print(e)
Animal = Enum('Animal', 'ANT BEE CAT')
print(list(Animal), Animal.BEE.value, Animal.__module__)
class WithMissing(Enum):
    A = 1
    @classmethod
    def _missing_(cls, value): return cls.A
print(WithMissing(99))
print(Color._member_names_, list(Color.__members__.items())[-1], Color.RED._value_, Color.RED._name_)
class Shape(Enum):
    SQUARE = 2
    DIAMOND = 1
    def __str__(self): return 'custom'
print(Shape.SQUARE, repr(Shape.SQUARE), Color.__name__, Color.__qualname__)
class E2(Enum):
    A = 'a'
    B = [1]
print(E2('a'), E2([1]) , E2.B.value)
status = {Color.RED: 'stop', Color.GREEN: 'go'}
print(status[Color.RED], Color.RED in status, sorted(c.name for c in Color))
