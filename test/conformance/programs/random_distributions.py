# random distributions (the Python layer over random()) from a fixed seed
import random
random.seed(12345)
print(random.gauss(0, 1), random.gauss(0, 1), random.gauss(10, 2))
print(random.normalvariate(), random.normalvariate(5, 0.5))
print(random.expovariate(2), random.triangular(), random.triangular(0, 10, 2))
print(random.betavariate(2, 3), random.gammavariate(0.5, 1), random.gammavariate(1.0, 2), random.gammavariate(2.5, 1))
print(random.vonmisesvariate(1, 2), random.vonmisesvariate(0, 0), random.paretovariate(2), random.weibullvariate(1, 2), random.lognormvariate(0, 1))
values = [random.gauss(100, 15) for _ in range(1000)]
print(round(sum(values) / len(values), 6), round(min(values), 6), round(max(values), 6))
try:
    random.gammavariate(0, 1)
except ValueError as e:
    print(e)
