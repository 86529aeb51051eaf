import gc

log = []
def cb(phase, info):
    if phase == "start":
        log.append((info["generation"], gc.get_count()))

gc.collect()
gc.callbacks.append(cb)
class A:
    pass
keep = []
for i in range(2000):
    keep.append(A())
print(log)
gc.callbacks.remove(cb)
