print([x * 2 for x in range(5) if x % 2 == 0])
print({x: x * x for x in range(4)})
print({x % 3 for x in range(10)})
print([(i, j) for i in range(3) for j in range(i)])
print(sum(i for i in range(10)))
matrix = [[1, 2], [3, 4]]
print([v for row in matrix for v in row])
x = 'outer'
print([x for x in 'ab'], x)
print([y := 5, y ** 2])
