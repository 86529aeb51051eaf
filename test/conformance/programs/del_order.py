class N:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)

a = N(1)
a = N(2)
print("rebound")
lst = [N(3), N(4), N(5)]
del lst
print("list gone")
d = {"x": N(6), "y": N(7)}
d.clear()
def f():
    p = N(8)
    q = N(9)
    return "returning"
print(f())
print("end")
