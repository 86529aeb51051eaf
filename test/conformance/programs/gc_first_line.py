# gc.get_count() at the first line of the smallest gc script. CPython compiles the script
# first and that moves the count (a function or class adds about ten): the model starts
# every script from this one.
import gc
print(gc.get_count())
