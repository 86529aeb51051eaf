l = [3, 1, 2]
l.append(4)
l.extend([5, 6])
l.insert(0, 0)
print(l, l.pop(), l.pop(0), l)
l.remove(2)
print(l, l.index(4), l.count(1))
l.sort()
print(l)
l.sort(reverse=True)
print(l)
l.reverse()
print(l, l.copy(), l[:])
words = ['bb', 'a', 'ccc']
words.sort(key=len)
print(words, sorted(words, key=lambda w: w[-1]))
l.clear()
print(l, [1, 2] * 2, [1] + [2], [[0] * 2] * 2)
nested = [[1, 2], [3]]
print(nested, [1, [2, [3]]])
a = [1, 2, 3]
b = a
b += [4]
print(a, a is b)
a *= 2
print(a)
print([1, 2] < [1, 3], [2] > [1, 9], [1, 2] == [1, 2], list(reversed([1, 2])))
s = [5, 2, 8]
print(min(s), max(s), sum(s), sorted(s), s)
