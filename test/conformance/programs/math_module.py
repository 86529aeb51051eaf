# math: error rules, integer functions, exact sums and norms
import math
tests = ['math.sqrt(-1)', 'math.log(0)', 'math.log(-1)', 'math.exp(1000)', 'math.floor(float("nan"))', 'math.floor(float("inf"))',
         'math.factorial(-1)', 'math.factorial(2.0)', 'math.sqrt("a")', 'math.log(10, 1)', 'math.pow(0, -1)', 'math.fmod(1, 0)',
         'math.gcd(1.5)', 'math.comb(5, -1)', 'math.isqrt(-1)', 'math.acos(2)', 'math.log(2**2000)', 'math.sqrt(10**400)',
         'math.ceil("x")', 'math.trunc("x")', 'math.ldexp(1.0, 2000)', 'math.prod([])', 'math.fsum([0.1]*10)', 'sum([0.1]*10)',
         'math.dist([1, 2], [4, 6])', 'math.hypot(3, 4, 12)', 'math.isclose(1, 1.0000000001)', 'math.perm(5)', 'math.lcm()',
         'math.gcd()', 'math.copysign(1, -0.0)', 'math.modf(-3.5)', 'math.frexp(0.1)', 'math.log(8, 2)', 'math.log2(2**100)',
         'math.log10(1000)', 'math.degrees(math.pi)', 'math.remainder(5, 3)', 'math.nextafter(1, 2)', 'math.ulp(1.0)',
         'math.pi', 'math.e', 'math.tau', 'math.inf', 'math.nan', 'math.floor(-2.5)', 'math.ceil(2.1)', 'math.floor(10**30)',
         'math.trunc(-2.7)', 'math.pow(-8, 1/3)', 'math.factorial(20)', 'math.comb(10**3, 3)', 'math.isqrt(10**20)',
         'math.fabs(-3)', 'math.gamma(0)', 'math.lgamma(-1)', 'math.sqrt(True)', 'math.prod(range(1, 6), start=2)',
         'math.floor(2.0**60)', 'math.gcd(12, 18, 27)', 'math.lcm(4, 6)', 'math.factorial(30)',
         'math.fsum([1e100, 1.0, -1e100, 1e-100])', 'math.hypot(1e200, 1e200)', 'math.hypot(*range(10))', 'math.isqrt(99)',
         'math.floor(True)', 'math.frexp(1e300)', 'math.frexp(-5e-320)', 'math.modf(2.0)', 'math.gamma(5)', 'math.gamma(0.5)',
         'math.fmod(-7, 3)', 'math.remainder(7, 2)', 'math.ldexp(0.5, 3)', 'math.sqrt(2)', 'math.exp(0)', 'math.log(1)',
         'math.ceil(-0.5)', 'math.comb(52, 5)', 'math.perm(10, 3)', 'math.log(1024, 2)', 'math.isfinite(1e308 * 10)',
         'math.isnan(math.nan)', 'math.isinf(-math.inf)', 'math.radians(180)', 'math.fsum([math.inf, -math.inf])']
for t in tests:
    try:
        print(t, '->', repr(eval(t)))
    except Exception as e:
        print(t, '->', type(e).__name__, e)
