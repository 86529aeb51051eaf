import gc
gc.disable()

class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)

def make_cycle():
    a = D("a")
    b = D("b")
    a.other = b
    b.other = a

make_cycle()
print("collect returned", gc.collect())
saved = []
class R:
    def __del__(self):
        print("resurrecting")
        saved.append(self)
def make_resurrecting():
    r = R()
    r.me = r
make_resurrecting()
print("collect returned", gc.collect())
print(len(saved), gc.is_finalized(saved[0]))
saved.clear()
print("collect returned", gc.collect())
