def f(x):
    return 10 / x

try:
    f(0)
except ZeroDivisionError as e:
    print("caught", type(e).__name__, e)
try:
    [1, 2][5]
except IndexError as e:
    print(e)
try:
    {}["k"]
except KeyError as e:
    print(repr(e), str(e))
try:
    int("x")
except ValueError as e:
    print(e)
class MyError(Exception):
    pass
try:
    raise MyError("custom", 1)
except MyError as e:
    print(e.args, e)
finally:
    print("finally")
def g():
    try:
        return "try"
    finally:
        print("cleanup")
print(g())
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("wrapped")
except ValueError as e:
    print(type(e.__context__).__name__)
print('e' in dir())
