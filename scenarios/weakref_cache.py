"""A cache that does not keep its values alive: WeakValueDictionary

Teaches: weakref.WeakValueDictionary maps keys to objects without owning them; an entry
disappears by itself when the last strong reference to its value goes, so a cache of
shared objects never grows beyond what the program still uses.
Watch: the Object graph after line 35: the cache's entries point to Image objects with
weak references; the Heap panel's Image count drops at line 42 and line 44, and the cache
shrinks with it.
Keys: n to step; ← to step back over line 42 and see the entry come back.
"""
import weakref


class Image:
    def __init__(self, name):
        self.name = name
        self.pixels = [0] * 1000

    def __repr__(self):
        return f"Image({self.name!r})"


cache = weakref.WeakValueDictionary()


def load(name):
    image = cache.get(name)
    if image is None:
        print("  loading", name)
        image = Image(name)
        cache[name] = image
    return image


icons = [load("save"), load("open"), load("save")]
print("the same object is shared:", icons[0] is icons[2])
print("cache keys:", sorted(cache.keys()))
print("strong references decide:", len(icons), "names,", len(cache), "cached")

logo = load("logo")
print("cached:", sorted(cache.keys()))
del logo
print("after del logo:", sorted(cache.keys()))
del icons[1]
print("after dropping open:", sorted(cache.keys()))
icons.clear()
print("after clearing all:", sorted(cache.keys()), len(cache))
print("loading again:", load("save"))
