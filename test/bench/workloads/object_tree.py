# A binary tree of depth 16 (131071 nodes) of __slots__ instances, built and walked.
class Node:
    __slots__ = ('left', 'right', 'value')

    def __init__(self, left, right, value):
        self.left = left
        self.right = right
        self.value = value


def build(depth):
    if depth == 0:
        return Node(None, None, 1)
    return Node(build(depth - 1), build(depth - 1), depth)


def walk(node):
    if node is None:
        return 0
    return node.value + walk(node.left) + walk(node.right)


tree = build(16)
print(walk(tree))
