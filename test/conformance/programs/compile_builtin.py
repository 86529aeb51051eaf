# compile() makes code objects that exec() and eval() run; errors as CPython raises them.
import sys

expr = compile('[1, 2] + [3]', '<expr>', 'eval')
print(type(expr).__name__, expr.co_filename, expr.co_name)
print(eval(expr), eval(expr))

module = compile('total = 0\nfor i in range(4):\n    total += i\n', 'counting', 'exec')
namespace = {}
print(exec(module, namespace), namespace['total'])
print(eval(module, {}))

shared = []
sink = compile('shared.append(len(shared))', 's', 'exec')
for _ in range(3):
    exec(sink)
print(shared)
print(sys.getrefcount(sink))
print(eval(compile(b'6 * 7', 'b', 'eval')))

for args in [('x = = 1', 'bad.py', 'exec'), ('x = 1', 'e', 'eval'), ('a\0', 'n', 'exec'),
             ('1', 'f', 'nope'), (1, 'f', 'exec'), ('1', 2, 'exec')]:
    try:
        compile(*args)
    except (SyntaxError, ValueError, TypeError) as e:
        print(type(e).__name__, e)

try:
    compile('1', 'f', 'exec', 5)
except ValueError as e:
    print(e)

boom = compile('def f():\n    return 1 / 0\nf()\n', 'boom', 'exec')
exec(boom)
