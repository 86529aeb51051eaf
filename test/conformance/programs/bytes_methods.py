# bytes and bytearray methods (Objects/bytes_methods.c, stringlib): results, errors,
# and the cases where an exact bytes object returns itself.
import sys

b = b"  Hello, World  "
print(b.strip(), b.lstrip(), b.rstrip(), b.strip(b" H"), b"xxhixx".strip(b"x"))
print(b.split(), b.split(b","), b.split(b"l", 1), b.rsplit(b"l", 1), b.rsplit(None, 1))
print(b"a\nb\r\nc\rd".splitlines(), b"a\nb\r\n".splitlines(True), b"".splitlines())
print(b"k=v=w".partition(b"="), b"k=v=w".rpartition(b"="), b"kvw".partition(b"="), b"kvw".rpartition(b"="))
print(b"abcabc".find(b"c"), b"abcabc".rfind(b"c"), b"abcabc".find(b"c", 3), b"abcabc".find(99), b"abc".find(b"z"))
print(b"abcabc".index(b"b"), b"abcabc".rindex(b"b"), b"abcabc".count(b"b"), b"aaaa".count(b"aa"), b"abc".count(b""))
print(b"abc".startswith((b"x", b"a")), b"abc".endswith(b"bc"), b"abc".startswith(b"b", 1), b"abc".endswith(b"b", 0, 2))
print(b"a-b-c".replace(b"-", b"+"), b"a-b-c".replace(b"-", b"", 1), b"abc".replace(b"", b"."))
print(b"abc".center(9, b"*"), b"abc".ljust(6), b"abc".rjust(6, b"0"), b"-42".zfill(6), b"7".zfill(3))
print(b"a\tbc\td".expandtabs(), b"a\tb".expandtabs(4))
print(b"hello World".title(), b"hello World".capitalize(), b"Hello".swapcase(), b"abc".upper(), b"ABC".lower())
print(b"abc".isalpha(), b"a1".isalnum(), b"  ".isspace(), b"abc".islower(), b"ABC".isupper(), b"Ab Cd".istitle(), b"".isalpha(), b"\x80".isascii())
print(b"\x01\x02\xff".hex(), b"\x01\x02\x03\x04".hex(":"), b"\x01\x02\x03\x04".hex("-", 3), b"\x01\x02\x03".hex(" ", -2))
print(bytes.fromhex("de ad be ef"), bytearray.fromhex("00ff"))
t = bytes.maketrans(b"abc", b"xyz")
print(len(t), b"aabbcc".translate(t), b"abc".translate(None, b"b"))
print(b"prefix-body".removeprefix(b"prefix-"), b"body.txt".removesuffix(b".txt"))
print(b"%s is %d%% %r %c%c" % (b"x", 42, b"q", 65, b"!"), b"%(a)s" % {b"a": b"A"} if False else b"%5s|%-5s|" % (b"ab", b"cd"))
print(b", ".join([b"a", bytearray(b"b"), b"c"]))

# The same object back when nothing changes (exact bytes only).
s = b"unchanged text"
print(s.strip() is s, s.replace(b"zz", b"y") is s, s.ljust(3) is s, s.center(5) is s, s.zfill(2) is s)
print(s.split(b"#")[0] is s, s.partition(b"#")[0] is s, s.removeprefix(b"no") is s)
print(b"".join([s]) is s, s.translate(None) is s)
ba = bytearray(b"unchanged")
print(ba.strip() is ba, ba.replace(b"z", b"y") is ba, type(ba.strip()).__name__, type(ba.split()[0]).__name__)
print(sys.getrefcount(s))

# Errors as CPython words them.
for f in (lambda: b"abc".find("a"), lambda: b"abc".split("a"), lambda: b"abc".startswith("a"),
          lambda: b"a".join(["x"]), lambda: b"abc".center(5, "x"), lambda: b"abc".index(b"z"),
          lambda: b"abc".split(b""), lambda: b"abc".partition(b""), lambda: bytes.fromhex("0g"),
          lambda: b"%s" % ("str",), lambda: b"%d %d" % (1,), lambda: b"%d" % (1, 2),
          lambda: bytes.maketrans(b"ab", b"c"), lambda: b"abc".count(300)):
    try:
        f()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
