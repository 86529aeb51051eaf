# typing: special forms and generic aliases with their reprs, TypeVar/Generic, NamedTuple, TypedDict, Protocol, get_type_hints
import typing
from typing import *
T = TypeVar('T'); K = TypeVar('K', bound=int); V = TypeVar('V', covariant=True); S = TypeVar('S', int, str)
print(T, K, V, S, repr(T), T.__name__, K.__bound__, S.__constraints__, V.__covariant__)
print(List, List[int], Dict[str, int], Optional[int], Union[int, str], Union[int], Union[int, None], Optional[Union[int, str]], Tuple[int, ...], Tuple[()], Callable[[int, str], bool], Callable[..., int], Any, Type[int], Set[int], FrozenSet[str], Iterator[int], Iterable[str], Generator[int, None, None], Sequence[int], Mapping[str, int], ClassVar[int], Literal['a', 1], Final[int], Deque[int], DefaultDict[str, int], Counter[str], Annotated[int, 'meta'])
print(List[int] is List[int], List[int] == List[int], Optional[int] == Union[int, None], get_origin(List[int]), get_args(Dict[str, int]), get_origin(Union[int, str]), get_args(Optional[int]), get_args(Callable[[int], str]))
print(isinstance([], List), isinstance({}, Dict))
try: isinstance([], List[int])
except TypeError as e: print(e)
class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []
    def push(self, item: T) -> None: self.items.append(item)
    def pop(self) -> T: return self.items.pop()
s = Stack[int](); s.push(1); print(s.items, Stack[int], Stack.__parameters__, Stack.__orig_bases__, Stack.__mro__, s.__orig_class__)
class Pair(Generic[K, V]): pass
print(Pair[int, str], Pair.__parameters__)
class P(NamedTuple):
    x: int
    y: float = 0.0
    def norm(self): return abs(self.x) + abs(self.y)
print(P(1), P(1, 2).norm(), P._fields, P.__annotations__, P._field_defaults, P.__mro__, P.__bases__)
Q = NamedTuple('Q', [('a', int), ('b', str)]); print(Q(1, 'x'), Q.__annotations__)
class Movie(TypedDict):
    name: str
    year: int
m = Movie(name='x', year=1); print(m, type(m), Movie.__annotations__, Movie.__total__)
def f(x: 'int', y: List[str]) -> Optional[int]: pass
print(get_type_hints(f), f.__annotations__)
print(cast(int, 'x'), TYPE_CHECKING, typing.Text, AnyStr)
@overload
def g(x: int) -> int: ...
@overload
def g(x: str) -> str: ...
def g(x): return x
print(g(1))
class Proto(Protocol):
    def close(self) -> None: ...
@runtime_checkable
class Closable(Protocol):
    def close(self) -> None: ...
class F:
    def close(self): pass
print(isinstance(F(), Closable), isinstance(1, Closable), Proto.__mro__)
try: Proto()
except TypeError as e: print(e)
print(type(List).__name__, type(List[int]).__name__, type(Union[int, str]).__name__, type(T).__name__, type(Optional).__name__)
print(Union[int, str] | None, List[int] | None, int | List[str])
UserId = typing.NewType('UserId', int); print(UserId, UserId(5))
print(typing.NoReturn, List.__origin__, List[int].__origin__)
try: List()
except TypeError as e: print(e)
print(Dict[str, List[int]], Callable[[], None], Optional[Callable[[int], int]], Tuple, Tuple[int, str])
class Node:
    value: int
    children: List['Node']
    def __init__(self, value: int, children: Optional[List['Node']] = None) -> None:
        self.value = value
        self.children = children or []
print(Node.__annotations__, get_type_hints(Node))
def process(items: Iterable[int], key: Callable[[int], int] = abs) -> Dict[int, List[int]]:
    out: Dict[int, List[int]] = {}
    for i in items:
        out.setdefault(key(i), []).append(i)
    return out
print(process([1, -1, 2]))
T2 = TypeVar('T2')
def first(xs: Sequence[T2]) -> T2: return xs[0]
print(first([3, 4]), Stack[int]().items)
