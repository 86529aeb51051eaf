print(int('256') is int('256'), int('257') is int('257'), int('-5') is int('-5'), int('-6') is int('-6'))
a, b = 200, 56
print((a + b) is 256, (a + b + 1) is 257)
x = 1000
print(x + 0 is x, x * 1 is x, int(x) is x)
print(''.join(['hel', 'lo']) == 'hello', str(5) == '5', str(12) is str(12))
print('' is str(), ''.join([]) is '', 'abc'[3:] is '')
s = 'abcdef'
print(s[0:len(s)] is s, 'x' * 1 is 'x')
print(chr(97) is 'a', chr(233) is '\xe9', chr(98) == 'b')
print(b'' is bytes(), bytes([97]) is b'a')
t = (1, 2, 3)
print(t[:] is t, tuple(t) is t, () is tuple([]))
print(frozenset() is frozenset(), [] is [], range(0) is range(0))
fs = frozenset([1])
print(frozenset(fs) is fs)
print(type(None)() is None, bool(1) is True)
class C:
    def m(self): pass
c = C()
print(c.m is c.m, c.m == c.m)
print('hello_world' is 'hello_world', 'a' * 20 is 'a' * 20)
