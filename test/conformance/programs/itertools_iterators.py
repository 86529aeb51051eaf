# itertools: infinite and terminating iterators, reprs, sizes, refcounts
import itertools as it, sys
print(repr(it.count()), repr(it.count(5)), repr(it.count(1, 2)), repr(it.count(1.5)), repr(it.count(2, 0.5)), repr(it.count(0, -1)))
c = it.count(10); next(c); print(c)
print(repr(it.repeat(1)), repr(it.repeat('a', 3)), repr(it.repeat(1, 0)))
r = it.repeat(1, 2); next(r); print(r, len(list(r)))
print(list(it.islice(it.count(), 2, 10, 3)), list(it.islice('abcdef', 3)), list(it.islice('abcdef', None)), list(it.islice('abcdef', 1, None, 2)))
print([(k, list(g)) for k, g in it.groupby('aabbbc')], list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], lambda a, b: a * b, initial=10)))
print(list(it.zip_longest('ab', 'xyz', fillvalue='-')), list(it.starmap(pow, [(2, 3), (3, 2)])), list(it.takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(it.dropwhile(lambda x: x < 3, [1, 2, 3, 1])), list(it.pairwise('abcd')))
a, b = it.tee(range(3)); print(list(a), list(b))
t1, t2 = it.tee(iter([1, 2, 3])); print(next(t1), next(t1), next(t2), list(t2), list(t1))
print(list(it.chain('ab', [1], ())), list(it.chain.from_iterable(['ab', 'cd'])), list(it.compress('abc', [1, 0, 1])), list(it.filterfalse(lambda x: x % 2, range(6))))
print([x for _, x in zip(range(5), it.cycle('ab'))], list(it.accumulate([3, 1, 4, 1, 5], max)))
for bad in [lambda: next(it.chain(1)), lambda: it.repeat(), lambda: it.count('a'), lambda: it.islice([], -1),
            lambda: it.islice([], 'a'), lambda: it.islice([], 0, 1, 0), lambda: it.cycle(), lambda: it.tee([], -1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
g = it.groupby([1, 1, 2]); k, grp = next(g); print(k, grp.__class__)
keyed = it.groupby(['apple', 'avocado', 'banana', 'blueberry', 'cherry'], key=lambda s: s[0])
for k, grp in keyed:
    print(k, list(grp))
groups = list(it.groupby('aaabbc')); print([(k, list(g)) for k, g in groups])
print(next(it.count(1.0, 0.1)), list(it.islice(it.count(0.0, 0.1), 4)))
gsz = sys.getsizeof
print('sizes', gsz(it.count()), gsz(it.cycle([1, 2])), gsz(it.repeat(1)), gsz(it.chain()), gsz(it.islice([], 1)), gsz(it.compress([], [])), gsz(it.filterfalse(None, [])))
print('sizes', gsz(it.zip_longest()), gsz(it.groupby([1])), gsz(it.starmap(len, [])), gsz(it.takewhile(len, [])), gsz(it.dropwhile(len, [])), gsz(it.pairwise([])), gsz(it.accumulate([])), gsz(it.tee([1])[0]))
x = [10, 20]
ch = it.chain(x, x); print(sys.getrefcount(x)); del ch; print(sys.getrefcount(x))
big = list(range(5))
cy = it.cycle(big)
for _ in range(7):
    next(cy)
print(sys.getrefcount(big), next(cy))
print(list(it.zip_longest([1, 2], [3])), type(it.count).__name__, it.count.__module__)
print(list(it.islice(it.repeat([0]), 3)))
