a = 256
b = 256
print(a is b)
c = int("257")
d = int("257")
print(c is d, c == d)
s1 = "hello"
s2 = "hello"
print(s1 is s2)
s3 = "hello world"
s4 = "".join(["hello", " world"])
print(s3 == s4, s3 is s4)
import sys
s5 = sys.intern(s4)
print(s5 is sys.intern("hello world!"[:-1]))
print(() is tuple(), "" is str())
