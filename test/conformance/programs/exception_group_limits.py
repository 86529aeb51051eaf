# Groups wider than 15 members or nested deeper than 10 levels are cut short in the
# printed traceback, as CPython's max_group_width and max_group_depth cut them.
try:
    raise ValueError("context of the whole group")
except ValueError:
    inner = ExceptionGroup("wide", [KeyError(i) for i in range(17)])
    for level in range(11):
        inner = ExceptionGroup(f"level {level}", [inner, IndexError(level)])
    raise inner
