assert True
assert 1 == 1, "fine"
try:
    assert 1 == 2, "math is broken"
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert False
except AssertionError as e:
    print("bare:", repr(e))
x = [1, 2]
assert len(x) == 2
print("done")
assert x == [], f"x was {x}"
