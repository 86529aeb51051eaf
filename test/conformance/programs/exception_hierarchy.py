for name in ["ValueError", "KeyError", "IndexError", "ZeroDivisionError", "StopIteration",
             "AttributeError", "NameError", "UnboundLocalError", "RecursionError",
             "NotImplementedError", "FileNotFoundError", "OverflowError", "UnicodeDecodeError",
             "KeyboardInterrupt", "SystemExit", "GeneratorExit", "TypeError", "Warning",
             "DeprecationWarning", "OSError", "ModuleNotFoundError"]:
    cls = eval(name)
    print(name, [c.__name__ for c in cls.__mro__])

class MyError(ValueError):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code

try:
    raise MyError(3)
except ValueError as e:
    print(type(e).__name__, e, e.code, e.args)

try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise KeyError("k") from e
except LookupError as e:
    print(repr(e), repr(e.__cause__), e.__suppress_context__)

try:
    try:
        {}["a"]
    except KeyError:
        raise ValueError("v")
except ValueError as e:
    print(repr(e.__context__), e.__cause__)

e = OSError(2, "No such file")
print(e.errno, e.strerror, str(e), type(e).__name__)
print(str(KeyError("x")), str(KeyError()), str(KeyError(1, 2)))
print(repr(ValueError()), repr(ValueError(1, "a")))
print(isinstance(StopIteration(5).value, int), StopIteration(5).value)
print(issubclass(BaseException, object), Exception.__bases__, BaseException.__bases__)
try:
    raise TypeError
except TypeError as e:
    print(repr(e), e.args)
def f():
    try:
        return "try"
    finally:
        print("finally runs")
print(f())
def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            print("body", i)
        finally:
            print("fin", i)
g()
try:
    raise ValueError("bound")
except ValueError as e:
    pass
print("e" in dir())
