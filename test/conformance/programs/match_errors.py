# Compile-time errors of the match statement, with CPython's messages and locations.
# Each source is compiled with exec(); a SyntaxError stops only that source.

sources = [
    # the compiler's checks (compile.c)
    "match x:\n case a: pass\n case 1: pass",
    "match x:\n case _: pass\n case 1: pass",
    "match x:\n case a | b: pass",
    "match x:\n case a | 1: pass",
    "match x:\n case 1 | _ | 2: pass",
    "match x:\n case (_ as y): pass\n case 3: pass",
    "match x:\n case a if a: pass\n case b: pass\n case c: pass",
    "match x:\n case [a, a]: pass",
    "match x:\n case C(x=a, y=a): pass",
    "match x:\n case {1: a, **a}: pass",
    "match x:\n case [a, (b | a)]: pass",
    "match x:\n case {1: a, 1: b}: pass",
    "match x:\n case {'a': 1, 'a': 2}: pass",
    "match x:\n case {True: _, 1: _}: pass",
    "match x:\n case {1: _, 1.0: _}: pass",
    "match x:\n case {-0: _, 0: _}: pass",
    "match x:\n case {1+0j: _, 1: _}: pass",
    "match x:\n case {None: _, None: _}: pass",
    "match x:\n case {b'k': _, b'k': _}: pass",
    "match x:\n case {f'a': 1}: pass",
    "match x:\n case f'a': pass",
    "match x:\n case 'a' f'b': pass",
    "match x:\n case [*a, *b]: pass",
    "match x:\n case *a, *b: pass",
    "match x:\n case (1 | a): pass",
    "match x:\n case (1 as a) | (2 as a) | (3 as b): pass",
    "match x:\n case (1 | 2 as y) | 3: pass",
    "match x:\n case C(a=1, a=2): pass",
    "match x:\n case __debug__: pass",
    "match x:\n case 1 as __debug__: pass",
    "match x:\n case C(__debug__=1): pass",
    "match x:\n case {**__debug__}: pass",
    "match x:\n case [*__debug__]: pass",
    "def f():\n  match x:\n    case a: break",
    "match x:\n case [a, b] if (yield): pass",
    # the parser's errors
    "match x:\n case 1 as _: pass",
    "match x:\n case 1 as 2: pass",
    "match x:\n case *a: pass",
    "match x:\n case **a: pass",
    "match x:\n case {**a, 'b': 1}: pass",
    "match x:\n case {**_}: pass",
    "match x:\n case {x: 1}: pass",
    "match x:\n case C(a=1, b): pass",
    "match x:\n case C(1, a=2, 3, b=4): pass",
    "match x:\n case 1 + 2: pass",
    "match x:\n case 1j + 2j: pass",
    "match x:\n case 1 - 1: pass",
    "match x:\n case -x: pass",
    "match x:\n case +1: pass",
    "match x:\n case -1 + -2j: pass",
    "match x:\n case 1 + 2j + 3j: pass",
    "match x:\n case b'a' 'b': pass",
    "match x:\n case 1 as a.b: pass",
    "match x:\n case 1 as a as b: pass",
    "match x:\n case x as y | z: pass",
    "match x:\n case 1 | 2 as y | 3: pass",
    "match x:\n case _.x: pass",
    "match x:\n case _(): pass",
    "match x:\n case 1(): pass",
    "match x:\n case None(): pass",
    "match x:\n case ...: pass",
    "match x:\n case lambda: 1: pass",
    "match x:\n case 1 pass",
    "match x\n case 1: pass",
    "match x:\n case 1\n  pass",
    "match x:\n case 1 if x\n  pass",
]
for src in sources:
    try:
        exec(src)
    except SyntaxError as e:
        print(f"{type(e).__name__}: {e.msg} ({e.lineno}:{e.offset}-{e.end_lineno}:{e.end_offset})  {src!r}")
    else:
        print("compiled", repr(src))

# valid unusual forms compile and run
x = (1, 2)
exec("match x:\n case a, b: print('tuple', a, b)")
exec("match x,:\n case (a, b),: print('one-tuple subject', a, b)")
exec("match *x, 3:\n case [*a, 3]: print('starred subject', a)")
exec("match (w := x):\n case (1, c) if w: print('walrus subject', c, w)")
exec("match x:\n case (\n   1,\n   # a comment\n   2\n ): print('multi-line pattern')")
exec("match 1.5e3:\n case 1.5e3 + 0j: print('complex literal equals float')")
exec("match -2j:\n case -2j: print('negative imaginary')")
exec("match 'a' 'b':\n case 'ab' if True: print('concatenation')")
