# An uncaught ExceptionGroup: CPython's boxed traceback with nested groups, chained
# exceptions and notes, every line of a member behind the group's margin.
def inner():
    raise ValueError("inner value")
def make():
    excs = []
    for fn in (inner,):
        try:
            fn()
        except Exception as e:
            excs.append(e)
    try:
        raise TypeError("typed")
    except TypeError as e:
        excs.append(e)
    e = KeyError("k")
    e.add_note("a note on the key error\nwith two lines")
    excs.append(e)
    nested = ExceptionGroup("nested group", [OSError(2, "no such file"), ZeroDivisionError("zero")])
    excs.append(nested)
    try:
        try:
            1 / 0
        except ZeroDivisionError as z:
            raise RuntimeError("while handling") from z
    except RuntimeError as r:
        excs.append(r)
    eg = ExceptionGroup("many problems", excs)
    eg.add_note("group note")
    raise eg
make()
