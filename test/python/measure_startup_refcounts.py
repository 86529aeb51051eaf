"""Measure CPython's reference counts at the moment a main script starts running.

Writes source/runtime/data/startup-refcounts.json (run: npm run measure-startup). The runtime
gives its start-up objects these counts, so that `sys.getrefcount(1)`, `sys.getrefcount('a')`
or `sys.getrefcount(int)` print what python3 prints.

A count here excludes every reference this measuring script holds itself: its code objects'
constants and name tuples, its functions, its globals, its local variables and the argument
of sys.getrefcount. The main script's parse tree keeps one reference per literal (several for
a cached small int) while it runs, so this file is not run as the main script: a two-line
main (run_compiled.py, itself free of literals) compiles it with compile(), whose parse tree
is gone before the code runs:

    python3 test/python/run_compiled.py measure_startup_refcounts.py exec < test/python/measure_startup_refcounts.py

(that is what `npm run measure-startup` does, in the environment the conformance goldens are
recorded in: LANG=C.UTF-8 PYTHONIOENCODING=utf-8 PYTHONHASHSEED=0 and nothing else; python3's
own counts move by a few with the environment, e.g. with PYTHONUNBUFFERED set). Objects CPython allocates statically (small ints, one-character strings,
single bytes, the empty tuple/str/bytes, identifiers of the interpreter and of the deep-frozen
start-up modules) start at 999999999; None, True, False, ... and the builtin types start at 1.
None's count moves by a few from run to run (it is recorded but cannot be matched exactly).
"""
import builtins
import sys
import _imp
# (no other imports before measuring: a module's constants would add references)

STATIC = 999_999_999


def script_code_objects():
    """Every code object of this script and of the frames running it (the -c main)."""
    found = []
    todo = []
    frame = sys._getframe(1)
    while frame is not None:
        todo.append(frame.f_code)
        frame = frame.f_back
    while todo:
        code = todo.pop()
        if any(code is c for c in found):
            continue
        found.append(code)
        todo.extend(c for c in code.co_consts if type(c) is type(code))
    return found


def count_holders(codes, namespace):
    """References to each object (by id) held by this script rather than by the interpreter."""
    held = {}

    def add(o):
        # floats, not ints: small ints in this table would count as references to them
        held[id(o)] = held.get(id(o), float()) + float(True)

    seen = set()

    def add_const(c):
        add(c)
        # a constant tuple is merged across the compilation unit: its items count once
        if type(c) in (tuple, frozenset) and id(c) not in seen:
            seen.add(id(c))
            for item in c:
                add_const(item)

    def add_tuple(t):
        # the compiler merges equal co_consts and co_names tuples of one compilation unit too
        if id(t) not in seen:
            seen.add(id(t))
            for item in t:
                add_const(item)

    for code in codes:
        add_tuple(code.co_consts)
        add_tuple(code.co_names)
        for name in code.co_varnames + code.co_cellvars + code.co_freevars:
            add(name)
        add(code.co_name)
        add(code.co_qualname)
        add(code.co_filename)
    for key, value in namespace.items():
        add(key)
        add(value)
        if callable(value) and hasattr(value, "__code__"):
            add(value.__name__)      # func_name, func_qualname and func_module
            add(value.__qualname__)
            add(value.__module__)
    return held


def frozen_module_strings():
    """Identifier-like strings of the deep-frozen start-up modules (copies, not interned)."""
    out = set()
    for name in _imp._frozen_module_names():
        try:
            todo = [_imp.get_frozen_object(name)]
        except ImportError:
            continue
        while todo:
            code = todo.pop()
            for c in code.co_consts:
                if type(c) is type(code):
                    todo.append(c)
                elif type(c) is str:
                    out.add(c)
                elif type(c) is tuple:
                    out.update(x for x in c if type(x) is str)
            out.update(code.co_names + code.co_varnames + code.co_cellvars + code.co_freevars)
            out.update((code.co_name, code.co_qualname))
    return out


def candidate_strings():
    names = frozen_module_strings()
    for value in vars(builtins).values():
        names.update(dir(value))
    names.update(vars(builtins))
    for module in list(sys.modules.values()):
        names.update(vars(module))
    # Fresh, uninterned copies: sys.intern() then finds the interpreter's own object.
    return sorted("".join(list(s)) for s in names if s.isascii())


def measure():
    codes = script_code_objects()
    g = globals()
    strings = candidate_strings()
    held = count_holders(codes, g)

    def rc(o, extra):
        # getrefcount's argument, rc's parameter `o`, and `extra` references in the caller.
        return sys.getrefcount(o) - 2 - extra - int(held.get(id(o), float()))

    result = {"python": sys.version.split()[0]}
    # (a list, not the range: a range object holds its step, the int 1)
    small = list(range(int("-5"), int("257")))
    result["ints"] = [rc(i, 2) for i in small]
    del small
    result["latin1"] = [rc(c, 1) for c in map(chr, range(int("256")))]
    result["bytes1"] = [rc(b, 1) for b in (bytes([i]) for i in range(int("256")))]
    result["empty"] = {"str": rc(str(), 0), "bytes": rc(bytes(), 0), "tuple": rc(tuple(), 0)}
    result["singletons"] = {
        "None": rc(None, 0), "True": rc(True, 0), "False": rc(False, 0),
        "Ellipsis": rc(Ellipsis, 0), "NotImplemented": rc(NotImplemented, 0),
    }
    # (no dict.items() here: its iterator keeps the last item tuple, one more reference)
    counts = {}
    for name in list(vars(builtins)):
        value = getattr(builtins, name)
        if isinstance(value, type) or type(value) is type(len):
            counts[name] = rc(value, 1)
        del value
    result["builtins"] = counts
    static_strings = {}
    for copy in strings:
        s = sys.intern(copy)
        if s is copy:
            continue  # not interned before this script asked
        n = rc(s, 1)
        if n >= STATIC:
            static_strings[s] = n
        del s
    result["strings"] = static_strings
    return result


if __name__ == "__main__":
    data = measure()
    import json
    out = "source/runtime/data/startup-refcounts.json"
    with open(out, "w") as f:
        json.dump(data, f, indent=0, sort_keys=True)
        f.write("\n")
    print(f"wrote {out}: {len(data['strings'])} static strings, python {data['python']}")
