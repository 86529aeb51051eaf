# traceback: format_exc/print_exc/format_exception chunks, extract_stack/FrameSummary, chained exceptions
import traceback, sys
def f():
    return traceback.format_stack()
def g():
    try:
        1/0
    except ZeroDivisionError:
        return traceback.format_exc()
print(f())
print(repr(g()))
s = traceback.extract_stack()
print(s, type(s), repr(s[-1]), s[-1].name, s[-1].lineno, s[-1].line, len(s[-1]) if hasattr(s[-1], '__len__') else '')
try:
    {}['k']
except KeyError as e:
    print(traceback.format_exception(e))
    print(traceback.format_exception_only(type(e), e), traceback.format_exception_only(e))
    print(traceback.format_tb(e.__traceback__))
    print(traceback.extract_tb(e.__traceback__))
    traceback.print_exc()
    traceback.print_exception(e)
print(repr(traceback.format_exc()))
def h(): traceback.print_stack()
h()
def deep(n):
    if n == 0:
        raise ValueError("deep")
    deep(n - 1)
try:
    deep(3)
except ValueError:
    print(traceback.format_exc())
try:
    try:
        1/0
    except Exception as e:
        raise RuntimeError("wrapped") from e
except RuntimeError:
    traceback.print_exc()
print(traceback.format_exc(limit=1) if False else '')
