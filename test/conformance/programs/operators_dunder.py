class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __eq__(self, other):
        return isinstance(other, Vec) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __iter__(self):
        yield self.x
        yield self.y
    def __contains__(self, v):
        return v in (self.x, self.y)
    def __call__(self, s):
        return f"called with {s}"
    def __bool__(self):
        return bool(self.x or self.y)
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __iadd__(self, other):
        self.x += other.x
        self.y += other.y
        return self

a = Vec(1, 2)
b = Vec(3, 4)
print(a + b, a * 2, 3 * a, a == Vec(1, 2), a != b, a < b, sorted([b, a]))
print(len(a), a[0], list(a), 2 in a, 5 in a, a("x"), bool(Vec(0, 0)), -a)
print({a: 1}[Vec(1, 2)], hash(a) == hash(Vec(1, 2)))
c = a
c += b
print(c, a, c is a)
x, y = a
print(x, y)
class Eq:
    def __eq__(self, other):
        return True
try:
    hash(Eq())
except TypeError as e:
    print("TypeError:", e)
class Cmp:
    def __init__(self, v): self.v = v
    def __gt__(self, o): return self.v > o.v
print(Cmp(1) < Cmp(2), Cmp(3) > Cmp(2))
try:
    Cmp(1) <= Cmp(2)
except TypeError as e:
    print("TypeError:", e)
