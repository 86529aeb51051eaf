def compute(a, b):
    return a / b

x = 1
y = 0
result = compute(x, y)
