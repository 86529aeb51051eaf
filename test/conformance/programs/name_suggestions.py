# "Did you mean" after an uncaught NameError (3.11): locals, then globals, then builtins.
import gc


def caught():
    counter = 1
    try:
        print(countr)
    except NameError as e:
        # The suggestion is added when the traceback is printed, not to str(e).
        print('caught:', e)


caught()
collected_total = 0
lenght = 3
for candidate in ['x', 'gc']:
    pass


def inner():
    value_one = 1
    return valeu_one


try:
    inner()
except NameError as e:
    print(e, e.name if hasattr(e, 'name') else '')

e = NameError('custom')
print(e.name)
e.name = 'lenght2'
print(e.name)
try:
    del undefined_name
except NameError as err:
    print(err, err.name)

print(collected_totl)
