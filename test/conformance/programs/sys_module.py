import sys
print(sys.version_info[:2], sys.version_info[0] == 3, sys.maxsize, sys.byteorder)
print(sys.getrecursionlimit())
sys.setrecursionlimit(500)
print(sys.getrecursionlimit())
sys.setrecursionlimit(1000)
print(sys.getsizeof(1), sys.getsizeof("abc"), sys.getsizeof([]), sys.getsizeof({}))
a = "".join(["dyn", "amic"])
b = sys.intern(a)
print(b is sys.intern("dyn" + "amic"[:]), sys.getrefcount(b))
print(type(sys.modules).__name__, "sys" in sys.modules)
sys.stdout.write("written\n")
print("to stderr", file=sys.stderr)
try:
    sys.getsizeof()
except TypeError as e:
    print("TypeError:", e)
try:
    sys.getrefcount()
except TypeError as e:
    print("TypeError:", e)
