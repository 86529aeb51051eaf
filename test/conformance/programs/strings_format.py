name = "heap"
n = 1234567.891
print(f"{name!r:>10}|{n:,.2f}|{n:e}|{42:08b}|{255:#x}|{0.5:%}")
print("%s has %d items (%.1f%%)" % ("list", 3, 12.345))
print("{} {}".format("a", "b"), "{0}{1}{0}".format("x", "y"), "{k}".format(k=1))
print("a,b,,c".split(","), " x y ".split(), "abc".upper(), "ABC".lower())
print("hello world".title(), "  pad  ".strip(), "x".center(7, "*"), "42".zfill(5))
print("-".join(["a", "b"]), "abcabc".count("b"), "abc".find("c"), "abc".replace("b", "B"))
print(repr("it's"), repr('say "hi"'), repr("tab\t"), repr("\u00e9"))
print(f"{3.14159:.3}", f"{1e-7}", f"{1e16}", f"{123456789012345678}", f"{-0.0}")
print(str(1/3), repr(2.5), 10/4, 7//2, -7//2, 7 % -3, 2 ** 100)
