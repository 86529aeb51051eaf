def describe(x):
    match x:
        case 0:
            return "zero"
        case int(n) if n < 0:
            return f"negative {n}"
        case int() | float():
            return "number"
        case [a, b]:
            return f"pair {a} {b}"
        case [a, *rest]:
            return f"list head {a} rest {rest}"
        case {"k": v, **others}:
            return f"dict k={v} others={others}"
        case str() as s if len(s) > 3:
            return "long str " + s
        case Point(x=0, y=yy):
            return f"on y axis {yy}"
        case Point(xx, yy):
            return f"point {xx},{yy}"
        case None:
            return "none"
        case _:
            return "other"
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
for v in [0, -3, 2.5, [1, 2], [1, 2, 3], {"k": 1, "z": 2}, "hello", "hi", Point(0, 5), Point(1, 2), None, (1,)]:
    print(describe(v))
