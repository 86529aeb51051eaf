# types: SimpleNamespace (a real __dict__, 40 bytes), ModuleType, MethodType, type names
import types, sys
n = types.SimpleNamespace(b=1, a=2); n.c = n
print(n, n == types.SimpleNamespace(b=1, a=2, c=n), vars(n) is n.__dict__, sys.getsizeof(types.SimpleNamespace()))
class S(types.SimpleNamespace):
    pass
s = S(x=1); s.y = 2
print(s, sys.getsizeof(S(x=1)), sys.getsizeof(n))
try:
    types.SimpleNamespace(1)
except TypeError as e:
    print(e)
try:
    hash(types.SimpleNamespace())
except TypeError as e:
    print(e)
del n.a; print(n.b, hasattr(n, 'a'), sys.getrefcount(n))
m = types.ModuleType('mm', 'doc'); m.x = 1
print(m, m.__doc__, m.__name__, m.x, sys.getsizeof(m))
print(types.MethodType(lambda self: self, 5)())
print(types.FunctionType, types.GeneratorType, types.BuiltinFunctionType, types.LambdaType, types.MethodType, types.CodeType, types.FrameType,
      types.TracebackType, types.CellType, types.NoneType, types.EllipsisType, types.NotImplementedType, types.ModuleType,
      types.MappingProxyType, types.SimpleNamespace, types.GenericAlias, types.UnionType, types.MethodDescriptorType,
      types.ClassMethodDescriptorType, types.GetSetDescriptorType, types.MemberDescriptorType, types.BuiltinMethodType)
def gen():
    yield 1
print(isinstance(gen(), types.GeneratorType), isinstance(len, types.BuiltinFunctionType), isinstance(gen, types.FunctionType))
mp = types.MappingProxyType({'b': 2, 'a': 1})
print(mp, repr(mp), mp['a'], len(mp), list(mp.items()), mp | {'c': 3}, sys.getsizeof(mp))
try:
    mp['z'] = 1
except TypeError as e:
    print(e)
class B:
    x = 1
print(type(B.__dict__), B.__dict__['x'], 'x' in B.__dict__, list(B.__dict__)[:2], sorted(k for k in vars(B) if not k.startswith('__')))
