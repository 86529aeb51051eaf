# itertools.product / permutations / combinations: results and sizes (index arrays count)
import itertools as it, sys
print(list(it.product('ab', repeat=2)), list(it.permutations(range(3), 2)), list(it.combinations('abcd', 2)), list(it.combinations_with_replacement('ab', 2)))
print(len(list(it.product(range(3), range(3), repeat=2))), len(list(it.permutations(range(5)))), len(list(it.combinations(range(10), 4))))
print(list(it.permutations([1, 2], 5)), list(it.combinations([1], 2)), list(it.repeat(1, -3)), list(it.permutations([])), list(it.combinations_with_replacement([], 0)), list(it.product()))
g = sys.getsizeof
print('product', g(it.product()), g(it.product([1])), g(it.product([1], [2])), g(it.product([1], [2], [3])), g(it.product([1, 2], repeat=3)))
print('perm', g(it.permutations([])), g(it.permutations([1])), g(it.permutations([1, 2])), g(it.permutations([1, 2, 3], 2)), g(it.permutations(range(5))))
print('comb', g(it.combinations([], 0)), g(it.combinations([1], 1)), g(it.combinations([1, 2, 3], 2)), g(it.combinations(range(5), 3)), g(it.combinations_with_replacement([1, 2, 3], 2)))
for bad in [lambda: it.product([1], repeat=-1), lambda: it.permutations([1], -1), lambda: it.combinations([1]), lambda: it.product(x=1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
cards = [r + s for r, s in it.product('AK', 'SH')]
print(cards, ["".join(p) for p in it.permutations('abc')])
print(sum(1 for _ in it.combinations(range(20), 3)))
