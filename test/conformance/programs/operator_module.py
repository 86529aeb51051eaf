# operator: the operators as builtin functions, itemgetter/attrgetter/methodcaller
import operator
print(operator.add, operator.itemgetter(1), operator.itemgetter(1, 'a'), operator.attrgetter('a.b', 'c'), operator.methodcaller('m', 1, k=2), operator.__add__ is operator.add, operator.truth(0), operator.not_(0), operator.countOf([1,1,2],1), operator.indexOf([1,2],2), operator.length_hint([1,2]), operator.concat([1],[2]))
for bad in [lambda: operator.concat(1, 2), lambda: operator.indexOf([1], 5), lambda: operator.itemgetter(), lambda: operator.attrgetter(1), lambda: operator.add(1, 'a'), lambda: operator.lt(1, 'a')]:
    try: bad()
    except Exception as e: print(type(e).__name__, e)
print(type(operator.itemgetter(1)), operator.itemgetter(0)([5]), operator.attrgetter('real')(3), operator.methodcaller('upper')('a'), operator.call(len, 'ab'), operator.index(5))
print(operator.mul(3, 4), operator.pow(2, 10), operator.truediv(7, 2), operator.floordiv(7, 2), operator.mod(7, 3), operator.neg(5), operator.lt(1, 2), operator.eq([1], [1]), operator.is_(None, None), operator.contains([1, 2], 2), operator.getitem({'a': 1}, 'a'))
l = [1, 2, 3]; operator.setitem(l, 0, 9); operator.delitem(l, 1); print(l, operator.iadd(l, [4]), l, operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3), operator.lshift(1, 4), operator.invert(5))
data = [('b', 2), ('a', 3), ('c', 1)]
print(sorted(data, key=operator.itemgetter(1)), sorted(data, key=operator.itemgetter(0)), max(data, key=operator.itemgetter(1)))
from functools import reduce
print(reduce(operator.mul, range(1, 6)), list(map(operator.neg, [1, -2])))
