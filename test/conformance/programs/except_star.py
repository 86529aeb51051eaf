# try/except* (PEP 654): splitting a group between handlers, naked exceptions wrapped,
# unhandled parts and exceptions raised in handlers re-raised together.
import sys

def show(e, indent=""):
    if isinstance(e, BaseExceptionGroup):
        print(f"{indent}{type(e).__name__}({e.message!r})")
        for x in e.exceptions:
            show(x, indent + "  ")
    else:
        print(f"{indent}{e!r}")

def run(label, fn):
    print("--", label)
    try:
        fn()
        print("   completed")
    except BaseException as e:
        print("   escaped:")
        show(e, "     ")

def basic():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3)])
    except* ValueError as e:
        print("   ValueError handler:", repr(e), sys.exc_info()[1] is e)
    except* TypeError as e:
        print("   TypeError handler:", repr(e))
run("split between handlers", basic)

def unhandled():
    try:
        raise ExceptionGroup("eg", [ValueError(1), KeyError(2), OSError(3)])
    except* ValueError:
        print("   handled ValueError")
run("unhandled part re-raised", unhandled)

def naked():
    try:
        raise ValueError("naked")
    except* ValueError as e:
        print("   wrapped:", repr(e), repr(e.exceptions[0]))
run("naked exception wrapped", naked)

def naked_unmatched():
    try:
        raise KeyError("naked")
    except* ValueError:
        print("   no")
run("naked exception not matched", naked_unmatched)

def raise_in_handler():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("new")
    except* TypeError as e:
        raise
run("raise and re-raise in handlers", raise_in_handler)

def raise_from_naked():
    try:
        raise ValueError(1)
    except* ValueError:
        raise TypeError("replaced")
run("raise in a handler of a naked exception", raise_from_naked)

def reraise_naked():
    try:
        raise ValueError(1)
    except* ValueError:
        raise
run("bare raise of a naked exception", reraise_naked)

def nested_match():
    try:
        raise ExceptionGroup("top", [ValueError(1), ExceptionGroup("mid", [ValueError(2), TypeError(3)])])
    except* ValueError as e:
        print("   got:")
        show(e, "     ")
run("nested groups keep their structure", nested_match)

def tuple_types():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])
    except* (ValueError, KeyError) as e:
        print("   tuple handler:", e.exceptions)
run("tuple of types", tuple_types)

def no_exception():
    try:
        print("   body ran")
    except* ValueError:
        print("   no")
    else:
        print("   else ran")
    finally:
        print("   finally ran")
run("else and finally", no_exception)

def finally_with_error():
    try:
        raise ExceptionGroup("eg", [ValueError(1), OSError(2)])
    except* ValueError:
        print("   handled")
    finally:
        print("   finally sees", sys.exc_info()[0].__name__)
run("finally with an unhandled part", finally_with_error)

def catch_group_type():
    try:
        raise ExceptionGroup("eg", [ValueError()])
    except* ExceptionGroup:
        pass
run("except* ExceptionGroup", catch_group_type)

def catch_tuple_with_group():
    try:
        raise ValueError()
    except* (ValueError, BaseExceptionGroup):
        pass
run("except* with a group type in a tuple", catch_tuple_with_group)

def catch_not_exception():
    try:
        raise ValueError()
    except* int:
        pass
run("except* int", catch_not_exception)

def name_deleted():
    try:
        raise ExceptionGroup("eg", [ValueError()])
    except* ValueError as e:
        pass
    print("   name bound after handler:", "e" in locals())
run("the name is unbound after the handler", name_deleted)

def base_exceptions():
    try:
        raise BaseExceptionGroup("beg", [KeyboardInterrupt(), ValueError(1)])
    except* KeyboardInterrupt as e:
        print("   caught", repr(e))
run("BaseExceptionGroup", base_exceptions)

def context_of_raised():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError as e:
        try:
            raise TypeError("inner")
        except TypeError as inner:
            print("   inner context:", repr(inner.__context__))
run("context inside a handler", context_of_raised)

def in_a_loop():
    for i in range(3):
        try:
            raise ExceptionGroup("eg", [ValueError(i)])
        except* ValueError as e:
            for x in e.exceptions:
                if x.args[0] == 1:
                    break
            print("   iteration", i)
run("loops inside handlers", in_a_loop)

def generator():
    try:
        yield 1
        raise ExceptionGroup("in gen", [ValueError(1), TypeError(2)])
    except* ValueError:
        yield "handled in generator"
    except* TypeError:
        yield "type error too"
def use_generator():
    print("   ", list(generator()))
run("except* in a generator", use_generator)

# reference counts: the caught group and its parts are released
class Tracked(Exception):
    def __del__(self):
        print("   del", self.args[0])
def tracked():
    try:
        raise ExceptionGroup("eg", [Tracked("a"), Tracked("b")])
    except* Tracked:
        print("   handled both")
    print("   after try")
run("exceptions are released", tracked)

# reference counts inside and after the handlers
leaf_v = ValueError("v")
leaf_t = TypeError("t")
def counts():
    try:
        raise ExceptionGroup("eg", [leaf_v, leaf_t])
    except* ValueError as e:
        print("   in handler:", sys.getrefcount(leaf_v), sys.getrefcount(leaf_t), sys.getrefcount(e))
    except* TypeError:
        print("   second handler:", sys.getrefcount(leaf_v), sys.getrefcount(leaf_t), sys.exc_info()[1].exceptions)
    print("   after:", sys.getrefcount(leaf_v), sys.getrefcount(leaf_t), sys.exc_info())
run("reference counts", counts)

def gen_with_star():
    try:
        yield 1
    except* (ValueError, TypeError) as group:
        yield group
print("generator sizes", gen_with_star.__code__.co_stacksize, sys.getsizeof(gen_with_star()))

# syntax errors
for src in [
    "try: pass\nexcept* ValueError: pass\nexcept TypeError: pass",
    "try: pass\nexcept ValueError: pass\nexcept* TypeError: pass",
    "try: pass\nexcept*: pass",
    "for x in y:\n try: pass\n except* ValueError: break",
    "for x in y:\n try: pass\n except* ValueError: continue",
    "def f():\n try: pass\n except* ValueError: return",
    "def f():\n try: pass\n except* ValueError: return 1",
    "for x in y:\n try: pass\n except* ValueError:\n  try: pass\n  finally: break",
    "try: pass\nexcept* ValueError, TypeError: pass",
]:
    try:
        exec(src)
    except SyntaxError as e:
        print(f"SyntaxError: {e.msg} ({e.lineno}:{e.offset})")
