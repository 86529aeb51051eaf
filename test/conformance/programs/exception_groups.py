# ExceptionGroup and BaseExceptionGroup (PEP 654): construction rules, attributes,
# str/repr, split/subgroup/derive and the metadata they copy, sizes.
import sys

def attempt(label, fn):
    try:
        r = fn()
        print(label, "->", type(r).__name__, repr(r))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)

print(ExceptionGroup.__mro__)
print(BaseExceptionGroup.__mro__)
print(issubclass(ExceptionGroup, Exception), issubclass(BaseExceptionGroup, Exception))
print(ExceptionGroup.__bases__, BaseExceptionGroup.__bases__)

# the constructor
attempt("Exception members", lambda: BaseExceptionGroup("m", [ValueError(1), TypeError(2)]))
attempt("BaseException member", lambda: BaseExceptionGroup("m", [ValueError(1), KeyboardInterrupt()]))
attempt("EG with BaseException", lambda: ExceptionGroup("m", [KeyboardInterrupt()]))
attempt("tuple", lambda: ExceptionGroup("m", (ValueError(),)))
attempt("empty", lambda: ExceptionGroup("m", []))
attempt("not a sequence", lambda: ExceptionGroup("m", {ValueError()}))
attempt("generator", lambda: ExceptionGroup("m", (e for e in [ValueError()])))
attempt("not exceptions", lambda: ExceptionGroup("m", [ValueError(), 1]))
attempt("a class", lambda: ExceptionGroup("m", [ValueError]))
attempt("message not str", lambda: ExceptionGroup(1, [ValueError()]))
attempt("no args", lambda: ExceptionGroup())
attempt("one arg", lambda: ExceptionGroup("m"))
attempt("three args", lambda: ExceptionGroup("m", [ValueError()], 3))
attempt("keyword", lambda: ExceptionGroup("m", [ValueError()], x=1))
attempt("nested", lambda: ExceptionGroup("outer", [ExceptionGroup("inner", [ValueError()]), TypeError()]))

eg = ExceptionGroup("msg", [ValueError("v"), TypeError("t")])
print(str(eg), "|", repr(eg))
one = ExceptionGroup("single", [ValueError()])
print(str(one), "|", repr(one))
print(eg.message, eg.exceptions, eg.args)
lst = [ValueError(1)]
g = ExceptionGroup("from a list", lst)
print(g.args[1] is lst, type(g.exceptions).__name__, g.exceptions[0] is lst[0])
attempt("exceptions read-only", lambda: setattr(g, "exceptions", ()))
attempt("message read-only", lambda: setattr(g, "message", "x"))
print(sys.getsizeof(eg), sys.getsizeof(BaseExceptionGroup("a", [ValueError()])), sys.getsizeof(KeyboardInterrupt()))
print(sys.getsizeof(BaseExceptionGroup("b", [KeyboardInterrupt()])), sys.getsizeof(ExceptionGroup), sys.getsizeof(BaseExceptionGroup))

# subclasses
class MyGroup(ExceptionGroup):
    pass
class MyBaseGroup(BaseExceptionGroup):
    pass
attempt("subclass", lambda: MyGroup("m", [ValueError()]))
attempt("subclass with base exc", lambda: MyGroup("m", [KeyboardInterrupt()]))
attempt("base subclass, Exception members", lambda: MyBaseGroup("m", [ValueError()]))
attempt("base subclass, BaseException members", lambda: MyBaseGroup("m", [SystemExit()]))

class Plain(Exception, BaseExceptionGroup):
    pass
attempt("Exception-derived subclass with BaseException", lambda: Plain("m", [SystemExit()]))

# split and subgroup
tree = ExceptionGroup("top", [
    ValueError(1),
    ExceptionGroup("mid", [TypeError(2), ValueError(3), ExceptionGroup("deep", [KeyError(4)])]),
    OSError(5),
])
def show(e, indent=""):
    if e is None:
        print(indent + "None")
    elif isinstance(e, BaseExceptionGroup):
        print(f"{indent}{type(e).__name__}({e.message!r})")
        for x in e.exceptions:
            show(x, indent + "  ")
    else:
        print(f"{indent}{e!r}")

for matcher in [ValueError, (TypeError, KeyError), LookupError, ExceptionGroup, Exception, ZeroDivisionError,
                lambda e: isinstance(e, ValueError) and e.args[0] > 1, lambda e: isinstance(e, ExceptionGroup) and e.message == "mid"]:
    match_, rest = tree.split(matcher)
    print("split", matcher if not callable(matcher) or isinstance(matcher, type) or isinstance(matcher, tuple) else "predicate")
    show(match_, "  m ")
    show(rest, "  r ")
print("subgroup")
show(tree.subgroup(OSError))
show(tree.subgroup(lambda e: False))
print(tree.subgroup(BaseException) is tree, tree.split(Exception)[0] is tree)
attempt("bad matcher", lambda: tree.split(1))
attempt("bad tuple", lambda: tree.split((ValueError, 1)))
attempt("builtin callable", lambda: tree.split(callable))
attempt("predicate raises", lambda: tree.split(lambda e: 1 / 0))

# derive and the metadata copied to the parts
class Derived(ExceptionGroup):
    def __new__(cls, message, excs, extra):
        self = super().__new__(cls, message, excs)
        self.extra = extra
        return self
    def derive(self, excs):
        print("  derive", len(excs))
        return Derived(self.message, excs, self.extra)
d = Derived("d", [ValueError(1), TypeError(2)], "x")
try:
    raise d
except Derived as caught:
    d = caught
d.__cause__ = KeyError("cause")
d.__context__ = IndexError("context")
d.add_note("a note")
m, r = d.split(ValueError)
print(type(m).__name__, m.extra, m.__cause__, m.__context__, m.__traceback__ is d.__traceback__, m.__notes__, m.__notes__ is d.__notes__)
print(type(r).__name__, r.exceptions, r.__suppress_context__)
print(ExceptionGroup("e", [ValueError()]).derive([TypeError()]), repr(BaseExceptionGroup("b", [ValueError()]).derive([SystemExit()])))

class BadDerive(ExceptionGroup):
    def derive(self, excs):
        return ValueError("not a group")
attempt("derive returns a non-group", lambda: BadDerive("b", [ValueError(), TypeError()]).split(ValueError))

# reference counts of the parts
leaf = ValueError("leaf")
group = ExceptionGroup("g", [leaf, TypeError()])
before = sys.getrefcount(leaf)
parts = group.split(ValueError)
print(sys.getrefcount(leaf) - before, parts[0].exceptions[0] is leaf)
del parts
print(sys.getrefcount(leaf) - before)

# a group deep in recursion is still a group
deep = ValueError("bottom")
for i in range(30):
    deep = ExceptionGroup(f"level {i}", [deep])
print(deep.split(ValueError)[0] is deep, deep.subgroup(TypeError))
