import sys
b = b"hello"
print(b, len(b), b[0], b[1:3], b[::-1])
print(sys.getsizeof(b""), sys.getsizeof(b"a"), sys.getsizeof(b"hello world"))
print(b + b" world", b * 2, b"l" in b, b.find(b"l"), b.count(b"l"))
print(b.upper(), b.decode(), "héllo".encode(), "héllo".encode("utf-8"))
print(bytes(3), bytes([65, 66, 67]), bytes(range(5)))
print(b.hex(), bytes.fromhex("414243"))
print(b.split(b"l"), b.startswith(b"he"), b.replace(b"l", b"L"))
print(repr(b"\x00\xff\n'\""), b"a" == b"a", b"a" < b"b")
x = b"abc"
y = b"abc"
print(x is y)
print(b[0:1] is b"h"[0:1])
print(list(b"abc"), tuple(b"xy"))
print(hash(b"abc") == hash(b"abc"))
print(b"%d-%s" % (5, b"x"))
print(b",".join([b"a", b"b"]))
print(b"  x ".strip(), b"ab".isalpha(), b"12".isdigit())
try:
    b[0] = 1
except TypeError as e:
    print(e)
try:
    b + "x"
except TypeError as e:
    print(e)
print(int.from_bytes(b"\x01\x00", "little"), (256).to_bytes(2, "big"))
