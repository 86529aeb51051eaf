# abc: abstract methods block instantiation (CPython message), register(), isinstance/issubclass
from abc import ABC, ABCMeta, abstractmethod
import abc, sys, gc
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def perimeter(self): ...
    def describe(self): return 'shape'
try: Shape()
except TypeError as e: print(e)
class Sq(Shape):
    def area(self): return 1
try: Sq()
except TypeError as e: print(e)
class Sq2(Sq):
    def perimeter(self): return 4
print(Sq2().area(), Shape.__abstractmethods__ == frozenset({'area','perimeter'}), Sq2.__abstractmethods__, type(Shape), Shape.__mro__)
class Reg(ABC): pass
Reg.register(int); print(isinstance(3, Reg), issubclass(int, Reg), issubclass(str, Reg), issubclass(bool, Reg))
print(abc.ABCMeta, ABC, [k for k in sorted(vars(Shape)) if not k.startswith('__')])
class P(ABC):
    @property
    @abstractmethod
    def x(self): ...
    @classmethod
    @abstractmethod
    def make(cls): ...
    @staticmethod
    @abstractmethod
    def st(): ...
print(sorted(P.__abstractmethods__))
print(sys.getsizeof(Sq2()), isinstance(Sq2(), Shape), isinstance(3, Shape), issubclass(Sq2, Shape))
class M(metaclass=ABCMeta):
    @abstractmethod
    def run(self): pass
class Impl(M):
    def run(self): return 'ran'
print(Impl().run(), M.__abstractmethods__)
def make_class():
    class Temp(ABC):
        pass
    isinstance(1, Temp)
    return Temp
make_class()
print(gc.collect() >= 0)
