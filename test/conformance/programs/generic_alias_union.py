# list[int], dict[str, int], int | None: what annotations evaluate to
import sys
def f(a: list[int], b: dict[str, list[int]] | None = None) -> tuple[int, ...]:
    return (1,)
print(f.__annotations__)
print(repr(list[int]), list[int].__origin__, list[int].__args__, list[int].__parameters__)
print(tuple[()], tuple[int, ...], dict[str, list[int]], type[int], frozenset[str], set[bytes])
def g():
    pass
print(list[g], list[1], list['x'])
print(int | None, None | int, int | str | int, (int | str).__args__, type(int | str), type(list[int]))
print(isinstance(3, int | str), issubclass(bool, int | str), isinstance(None, int | None))
for bad in [lambda: isinstance([], list[int]), lambda: isinstance([], list[int] | None), lambda: int | 3]:
    try:
        bad()
    except TypeError as e:
        print(e)
print(list[int]([1, 2]), list[int] == list[int], list[int] == list[str], list[int] == list, hash(list[int]) == hash(list[int]))
class A(list[int]):
    pass
print(A.__bases__, A.__orig_bases__, A([1]))
print(list[int].append, (int | str) == (str | int), int | str | None)
print(sys.getsizeof(list[int]), sys.getsizeof(int | str))
