# random: CPython's Mersenne Twister, reproduced exactly from a seed
import random, _random, sys
print(sys.getsizeof(_random.Random()), sys.getsizeof(random.Random()))
r = random.Random(5); print(r.random(), r.getrandbits(70), r.randint(1, 10))
random.seed(42)
print([random.randint(1, 100) for _ in range(5)], random.random(), random.choice('abcdef'), random.sample(range(100), 5), random.uniform(1, 2))
l = list(range(10)); random.shuffle(l); print(l)
for s in ['hello', b'hello', 1.5, -7, 2 ** 100, 0, 123456789]:
    random.seed(s)
    print(repr(s), random.random())
st = random.getstate(); a = random.random(); random.setstate(st); print(a == random.random(), st[0], len(st[1]), st[2])
random.seed(3); print(random.sample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10] * 10, 30))
random.seed(3); print(random.sample(range(10000), 10), random.sample('abcde', 5, counts=[1, 2, 3, 4, 5]))
random.seed(0)
print([random.random() for _ in range(3)], [random.getrandbits(k) for k in (1, 8, 31, 32, 33, 64, 100)])
print([random.randrange(10 ** 20) for _ in range(3)], random.randrange(-5, 5), random.randrange(10, 0, -3), random.randbytes(6))
print(random.choices('abc', k=6), random.choices(range(5), weights=[5, 1, 0, 0, 1], k=6), random.choices('xy', cum_weights=[1, 3], k=4))
for bad in [lambda: random.choice([]), lambda: random.randrange(5, 5), lambda: random.sample({1, 2}, 1), lambda: random.sample([1], 2),
            lambda: random.randrange(0), lambda: random.randrange(1, 5, 0), lambda: random.getrandbits(-1), lambda: random.choices('ab', [1], k=1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(random.Random.__mro__, type(random.random).__name__, type(random.randint).__name__)
rng = random.Random(2024)
deck = list(range(52)); rng.shuffle(deck); print(deck[:10])
print(rng.sample(deck, 4), rng.choice(deck), rng.randint(0, 10 ** 30))
