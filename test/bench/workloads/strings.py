# Building strings: f-strings, += on short strings, str.join.
parts = []
for i in range(200000):
    parts.append(f"item {i}: {i * 2:>8} {i / 4:.2f}")
text = "\n".join(parts)
rows = []
for i in range(50000):
    row = ""
    for j in range(10):
        row += str(i + j)
    rows.append(row)
print(len(text), len("".join(rows)))
