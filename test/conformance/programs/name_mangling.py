class C:
    __a = 1
    def __init__(self):
        self.__b = 2
        __c = 3
        self.d = __c
    def m(self, __p=5):
        return __p
    def k(self, **kw):
        return kw
    def g(self):
        return self.k(__z=1)
    def __dunder__(self):
        return 1
    class __Inner:
        __q = 1
print(sorted(vars(C)), vars(C()), C().m(), C().g(), sorted(C.__dict__["_C__Inner"].__dict__))
class _:
    __x = 1
print([k for k in vars(_) if 'x' in k])
class __Priv:
    __y = 1
print([k for k in vars(__Priv) if 'y' in k])
print(C.m.__code__.co_varnames)
class Account:
    def __init__(self, balance):
        self.__balance = balance
    def deposit(self, n):
        self.__balance += n
        return self.__balance
a = Account(10)
print(a.deposit(5), a._Account__balance, hasattr(a, "__balance"))
try:
    a.__balance
except AttributeError as e:
    print(e)
class Sub(Account):
    def peek(self):
        return self.__balance
try:
    Sub(1).peek()
except AttributeError as e:
    print(e)
def outside():
    return __name__
class D:
    def f(self):
        global __g
        __g = 5
        return [__h for __h in range(2)]
print(D().f(), sorted(k for k in globals() if "g" in k and k.startswith("_")))
