"""Stack frames and heap objects

Teaches: names live in frames on the call stack, objects live on the heap; a name is only a
reference to an object. When a function returns, its frame and its names disappear, but an
object it created survives if something else still refers to it.
Watch: the Object graph while stepping through make_order (lines 17-22): its
frame holds the names items and order; after line 26 the frame is gone and the global
name first holds the dict. The Heap panel shows the list and the dict appear, and both
go at line 40, when no name refers to them any more.
Keys: n to step one line at a time (line 26 enters the function), ← to step back.
"""
import sys


def make_order(customer, count):
    # Each call gets a fresh frame with its own local names: customer, count, items, order.
    items = []
    for i in range(count):
        items.append("item-" + str(i))
    order = {"customer": customer, "items": items}
    print("names in the frame of make_order:", sorted(locals()))
    return order


print("names at module level before the call:", "first" in globals())
first = make_order("ada", 3)
# The frame of make_order is gone; the dict and its list are still on the heap.
print("names at module level after the call:", "first" in globals())
print("the order:", first)
print("references to the order:", sys.getrefcount(first) - 1)
print("references to its list:", sys.getrefcount(first["items"]) - 1)

second = first
print("second is first:", second is first)
second["items"].append("extra")
print("the change is seen through both names:", first["items"])

del first
print("still alive through second:", second["customer"])
del second
print("no name refers to the order any more: it was freed at once")
