# __del__ during shutdown still sees the globals that were not cleared yet.
class N:
    def __init__(self, n): self.n = n
    def __del__(self):
        print('del', self.n, 'sees global z:', globals().get('z'))
a = N('a')
z = 5
b = N('b')
print('end')
