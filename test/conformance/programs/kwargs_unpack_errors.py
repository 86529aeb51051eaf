# f(**m) with a key that is not a str: the values already taken go back, for a dict as
# for any mapping, and sys.getrefcount shows it.
import sys


def f(**kw):
    return kw


class Mapping:
    def __init__(self, items):
        self.items = items

    def keys(self):
        return [k for k, _ in self.items]

    def __getitem__(self, key):
        for k, v in self.items:
            if k == key:
                return v
        raise KeyError(key)


value = []
for m in ({"a": value, 1: 2}, Mapping([("a", value), (1, 2)])):
    try:
        f(**m)
    except TypeError as e:
        print(type(m).__name__, e)
    del m
    print(sys.getrefcount(value))
print(sorted(f(**Mapping([("x", 1), ("y", value)]))))
print(sys.getrefcount(value))
