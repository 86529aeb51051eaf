import sys
for v in [0, 1, 255, 2**30, 2**60, 10**100, -5, True, False, 1.5, None, "", "a", "ab", "\xe9", "\u0100", b"", b"abc", (), (1,), (1, 2), [], [1], [1, 2, 3], {}, {"a": 1}, {1: 2}, set(), {1, 2, 3}, frozenset(), range(10)]:
    print(repr(v), sys.getsizeof(v))
