# bytearray: 56 + allocated bytes, CPython's growth and shrink rules, the logical start offset after deleting from the front
import sys
g = sys.getsizeof
b = bytearray()
prev = None
for i in range(300):
    s = g(b)
    if s != prev: print(" ba len", len(b), s); prev = s
    b.append(1)
print("ba", g(bytearray(10)), g(bytearray(b'abc')), g(bytearray(range(5))), g(bytearray(b'x'*100)), g(bytearray([1,2,3])), g(bytearray('héllo', 'utf-8')))
b = bytearray(b'abc'); b.extend(b'defgh'); print(g(b))
b = bytearray(b'abc'); b += b'defghijkl'; print(g(b))
b = bytearray(b'a'*100); del b[50:]; print(g(b)); b.clear(); print(g(b))
print(g(bytearray(b'ab')*10), g(bytearray(b'ab')+bytearray(b'cd')))
b = bytearray(b'0123456789' * 10); del b[:30]; print(len(b), g(b)); b.extend(b'x' * 20); print(len(b), g(b)); del b[:60]; print(len(b), g(b), b[:5])
b = bytearray(); b.extend([1, 2, 3, 4, 5]); print(g(b), b)
b = bytearray(); b.extend(range(100)); print(g(b))
b = bytearray(b'hello world')
print(b, repr(b), b[0], b[-1], b[1:4], b.upper(), b.find(b'o'), b.count(b'l'), b.replace(b'l', b'L'), b.split(), b.decode(), b.hex())
b[0] = 72; b[1:3] = b'EY'; print(b); b.insert(0, 33); print(b, b.pop(), b.pop(0), b)
b.remove(ord(' ')); print(b, b'HEY' in b, 111 in b, b == b'HEYlloworl', b == bytearray(b'x'), bytes(b), list(b)[:3])
try: hash(b)
except TypeError as e: print(e)
try: b.append(256)
except ValueError as e: print(e)
try: bytearray().pop()
except IndexError as e: print(e)
b2 = bytearray(b'abc'); b2 *= 3; print(b2, g(b2)); b2.reverse(); print(b2, b2.copy(), g(b2.copy()))
print(bytearray.fromhex('de ad be ef'), bytearray(3), bytearray(b'x') + b'y', b'y' + bytearray(b'x'), str(bytearray(b'ab'), 'ascii'))
b3 = bytearray(b'abcdef'); del b3[::2]; print(b3, g(b3)); b3[0:1] = [65, 66, 67]; print(b3)
import gc
print(gc.is_tracked(bytearray(b'x')), type(bytearray()), isinstance(bytearray(), bytes))
