# contextlib: contextmanager (enter/exit, exceptions, decorator use), suppress, closing, nullcontext, ExitStack
from contextlib import contextmanager, suppress, closing, nullcontext, ExitStack, ContextDecorator, AbstractContextManager
import sys, gc
@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")
with tag("h1") as t:
    print("inside", t)
try:
    with tag("b"):
        raise ValueError("boom")
except ValueError as e:
    print("caught", e)
@contextmanager
def swallow():
    try:
        yield
    except KeyError as e:
        print("swallowed", repr(e))
with swallow():
    {}['missing']
print("after swallow")
@contextmanager
def noyield():
    if False:
        yield
try:
    with noyield(): pass
except RuntimeError as e:
    print(e)
@contextmanager
def twice():
    yield 1
    yield 2
try:
    with twice(): pass
except RuntimeError as e:
    print(e)
with suppress(ZeroDivisionError, KeyError):
    1 / 0
print("suppressed")
try:
    with suppress(KeyError):
        1 / 0
except ZeroDivisionError:
    print("not suppressed")
class Res:
    def close(self): print("closed")
with closing(Res()) as r:
    print(type(r).__name__)
with nullcontext(5) as v:
    print(v)
with ExitStack() as stack:
    for i in range(3):
        stack.callback(print, "cleanup", i)
    stack.enter_context(tag("x"))
    print("body")
@tag("deco")
def work():
    print("working")
work()
class Timer(ContextDecorator):
    def __enter__(self): print("start"); return self
    def __exit__(self, *exc): print("stop"); return False
@Timer()
def job(): print("job")
job()
@contextmanager
def tracked(lst):
    lst.append(object())
    yield len(lst)
    lst.pop()
data = []
with tracked(data) as n:
    print(n, len(data))
print(len(data), isinstance(nullcontext(), AbstractContextManager))
