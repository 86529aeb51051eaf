# DEBUG_STATS and DEBUG_COLLECTABLE print to sys.stderr; the object addresses, the
# start-up heap's size and the time are masked before printing.
import gc, sys
gc.disable()

class A:
    pass

class Capture:
    def __init__(self):
        self.lines = []
    def write(self, text):
        self.lines.append(text)
    def flush(self):
        pass

def mask(line):
    words = line.split()
    out = []
    for w in words:
        if w.startswith("0x"):
            w = "0x…"
        elif w.endswith("s") and w[:-1].replace(".", "").isdigit():
            w = "Ns"
        out.append(w)
    return " ".join(out)

def make():
    a = A(); b = A(); a.other = b; b.other = a

gc.collect()
make()
cap = Capture()
sys.stderr = cap
gc.set_debug(gc.DEBUG_STATS | gc.DEBUG_COLLECTABLE)
n = gc.collect(0)
gc.set_debug(0)
sys.stderr = sys.__stderr__
print("collected", n)
for text in "".join(cap.lines).splitlines():
    if text.startswith("gc: objects in each generation:"):
        print(" ".join(text.split()[:6]), "<gen 1> <gen 2>")
    else:
        print(mask(text))
