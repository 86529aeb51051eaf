# json: dumps options, loads errors with positions, sizes of decoded containers, shared keys, recursion limits
import json, sys
print(json.dumps({'a': [1, 2.5, None, True], 'b': 'x\u00e9\n"', 1: 2, None: 3, 1.5: 4, False: 5}))
print(json.dumps({'b': 1, 'a': [1, {'c': []}], 'e': {}}, indent=2, sort_keys=True))
print(json.dumps([1, 2], indent='\t'), json.dumps([1, [2]], indent=0), json.dumps({'a': 1}, separators=(',', ':')))
print(json.dumps('\u20ac\U0001F600', ensure_ascii=False), json.dumps('\u20ac\U0001F600'), json.dumps(float('nan')), json.dumps([float('inf'), -float('inf')]))
bad_docs = ['', '[1, 2', '{"a" 1}', '{a: 1}', '[1] x', '"abc', '[1,]', '{"a":1,}', '"\\q"', 'tru', '"a\nb"', '{"a": }', '[', '{"a"', '"\\u12x4"', '  ', '[1 2]', '{"a":1 "b":2}', '\ufeff[1]']
for doc in bad_docs:
    try:
        print(repr(doc), '->', json.loads(doc))
    except json.JSONDecodeError as e:
        print(repr(doc), '->', type(e).__name__, e, '|', e.msg, e.pos, e.lineno, e.colno)
for bad in [lambda: json.dumps({1, 2}), lambda: json.dumps({(1, 2): 3}), lambda: json.dumps(float("nan"), allow_nan=False), lambda: json.loads(123), lambda: json.dumps(object()), lambda: json.dumps({1: 1, 'a': 2}, sort_keys=True)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
l = []; l.append(l)
try:
    json.dumps(l)
except ValueError as e:
    print(e)
d = []
x = d
for i in range(2000):
    x.append([]); x = x[0]
try:
    json.dumps(d)
except RecursionError as e:
    print('rec', e)
dd = {}
x = dd
for i in range(2000):
    x['k'] = {}; x = x['k']
try:
    json.dumps(dd)
except RecursionError as e:
    print('rec dict', e)
print(json.loads('{"a": [1, 2.5, 1e400, -0, 12345678901234567890, NaN, Infinity, -Infinity, null, true, "\\u00e9\\ud83d\\ude00"]}'))
print(json.loads(b'[1]'), json.loads(bytearray(b'{"x": 2}')))
v = json.loads('[1,2,3]'); print(sys.getsizeof(v), sys.getsizeof(json.loads('{"a":1,"b":2}')), sys.getsizeof(json.loads('[' + ','.join(['1'] * 20) + ']')), sys.getsizeof(json.loads('{' + ','.join('"k%d": %d' % (i, i) for i in range(10)) + '}')))
v = json.loads('[{"name": 1}, {"name": 2}]'); print(list(v[0])[0] is list(v[1])[0])
print(json.loads('{"a":1, "a":2}'), json.loads('[1.0, 2]', parse_float=str), json.loads('{"x": 1}', object_hook=lambda d: sorted(d)), json.loads('{"b": 1, "a": 2}', object_pairs_hook=list), json.loads('[1, 2]', parse_int=lambda s: int(s) * 10), json.loads('[NaN]', parse_constant=lambda c: c))
class E(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)
print(json.dumps({'s': {3, 1}}, cls=E), json.dumps({'s': {3, 1}}, default=list), E().encode([1]), json.JSONEncoder(indent=2).encode({'a': 1}))
print(json.dumps('a' * 3), json.dumps(12345678901234567890), json.dumps(1e20), json.dumps(1.0), json.dumps(True), json.dumps(None), json.dumps([]), json.dumps({}), json.dumps([], indent=2), json.dumps({}, indent=2), json.dumps((1, 2)))
print(json.dumps({'a': 1}, skipkeys=True), json.dumps({(1,): 1, 'b': 2}, skipkeys=True))
class I(int): pass
class F(float): pass
print(json.dumps([I(5), F(2.5)]), repr(json.dumps('\x00\x1f\x7f\u2028')), repr(json.dumps('\x7f', ensure_ascii=False)))
data = {"users": [{"id": i, "name": "user%d" % i, "tags": ["a", "b"]} for i in range(3)]}
text = json.dumps(data)
back = json.loads(text)
print(len(text), back == data, sys.getsizeof(text), sys.getsizeof(back["users"]), sys.getsizeof(back["users"][0]))
from json.decoder import JSONDecodeError
print(JSONDecodeError is json.JSONDecodeError, JSONDecodeError.__module__, issubclass(JSONDecodeError, ValueError))
print(json.JSONDecoder().raw_decode('[1] tail'))
