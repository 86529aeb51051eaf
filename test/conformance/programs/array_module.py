# array.array: raw C values (no references to the ints), 64 + allocated*itemsize, array_resize growth
from array import array
import sys, array as array_module
tests = ["array('b', [200])", "array('b', [-200])", "array('B', [256])", "array('B', [-1])", "array('h', [40000])", "array('H', [-1])", "array('H', [70000])", "array('i', [2**31])", "array('I', [-1])", "array('I', [2**32])", "array('l', [2**63])", "array('L', [-1])", "array('q', [2**63])", "array('Q', [-1])", "array('i', [1.5])", "array('i', ['a'])", "array('d', ['a'])", "array('x')", "array('f', [0.1])", "array('d', [1, 2])", "array('u', 'abc')", "array('i', b'abcd')", "array('i', 'abc')", "array('b', range(3))", "array('i', [1,2]) + array('d', [1.0])", "array('i', [1,2]) + [3]", "array('i', [1]).pop(5)", "array('i').pop()", "array('i', [1]).remove(7)", "array('i', [1]).index(7)", "array('i')[0]", "array('i', [1,2,3])[::2]", "array('i', [3,1,2]) < array('i', [3,2])", "array('i', [1]) == array('d', [1.0])", "array('q', [2**62]).tolist()", "array('B', b'xyz').tobytes()", "hash(array('i'))", "array('i', [1,2,3]).itemsize", "array_module.typecodes", "array('i', range(3)) * 2", "list(reversed(array('i', [1,2])))", "array('i', [1, 2]).count(1)", "type(iter(array('i')))", "array('i', [5, 6]).tolist()", "array('d', [1.5, -2.25])", "array('u')", "array('i', [1,2,3]).typecode"]
for t in tests:
    try: print(t, '->', repr(eval(t)))
    except Exception as e: print(t, '->', type(e).__name__, e)
g=sys.getsizeof
print("sizes", g(array('i')), g(array('i',[1])), g(array('i',[1,2,3])), g(array('d', range(10))), g(array('b', range(100))))
a = array('i')
prev = None
for i in range(300):
    s = g(a)
    if s != prev: print(" append len", len(a), s); prev = s
    a.append(i)
a=array('d'); [a.append(1.0) for _ in range(10)]; print(g(a))
a=array('i', range(100)); print(g(a)); a.pop(); print(g(a)); del a[10:]; print(g(a), len(a)); a.extend(range(5)); print(g(a)); a.extend(array('i', range(50))); print(g(a))
a=array('i', [1,2,3]); a *= 10; print(g(a)); a+=array('i',[1]); print(g(a)); a.insert(0, 5); print(g(a)); a[2:4] = array('i', [9]*10); print(g(a), len(a)); a.fromlist([1,2,3]); print(g(a)); a.frombytes(b'\x00'*8); print(g(a))
print(g(array('b', b'hello')), g(array('i', array('i', [1,2,3]))), g(array('d', (1.0, 2.0))), g(array('i',[1,2])[:1]), g(array('i', [1])*5), g(array('i',[1])+array('i',[2])))
a = array('i', range(40))
for i in range(40): a.pop()
print(g(a))
nums = list(range(1000))
arr = array('i', nums)
print("list vs array", g(nums), g(arr), sum(g(n) for n in nums) + g(nums))
x = 10**6
a = array('l', [x, x])
print(sys.getrefcount(x), a[0] is a[0], a[0] == x)
a = array('i', [1, 2, 3, 4, 5]); del a[::2]; print(a); a[1:1] = array('i', [7, 8]); print(a); a.reverse(); print(a, 7 in a, a.index(8))
a = array('f', [1.1, 2.2]); print(a, a.tobytes(), array('f', a.tobytes()))
a = array('H', [1, 2]); a.byteswap(); print(a)
