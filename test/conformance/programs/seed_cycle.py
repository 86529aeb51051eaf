import gc

class Node:
    def __init__(self, name):
        self.name = name
        self.next = None

gc.collect()
node1 = Node("a")
node2 = Node("b")
node1.next = node2
node2.next = node1
del node1, node2
print("collected", gc.collect())
print("again", gc.collect())
