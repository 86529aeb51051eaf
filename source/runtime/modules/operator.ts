/**
 * The operator module: the operators as builtin functions (reprs `<built-in function
 * add>`, each also under its dunder name), and itemgetter / attrgetter / methodcaller
 * (Python classes here, C types in CPython: same reprs and behaviour, different sizes).
 */
import type { PyObject } from '../objects/object.js';
import { LT, LE, EQ, NE, GT, GE, type RichOp } from '../objects/object.js';
import { newModule, moduleSet, type PyModule } from '../objects/module.js';
import { provideModule } from './importer.js';
import { newBuiltinFunction, type BuiltinImpl } from '../objects/function.js';
import { rt } from '../runtime.js';
import { decref, newref } from '../heap/refcount.js';
import { pyError } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { newNone } from '../objects/singletons.js';
import { newBool, newInt, newIntValue } from '../objects/int.js';
import { exactlyOne, positional } from '../builtins/args.js';
import {
  binaryOp, inplaceOp, unaryOp, richCompare, isTrue, contains, getItem, setItem, delItem, indexValue, getIter, iterNext,
  richCompareBool, callBorrowed, typeName,
} from '../protocols/abstract.js';
import type { BinarySlotName } from '../objects/object.js';
import { runPythonModuleSource } from '../interpreter/python-module.js';
import { lengthHint } from '../objects/list-methods.js';

const GETTERS_PY = String.raw`
class attrgetter:
    """Return a callable object that fetches the given attribute(s) from its operand."""
    __slots__ = ('_attrs', '_call')

    def __init__(self, *attrs):
        if not attrs:
            raise TypeError('attrgetter expected 1 argument, got 0')
        attr, attrs = attrs[0], attrs[1:]
        if not attrs:
            if not isinstance(attr, str):
                raise TypeError('attribute name must be a string')
            self._attrs = (attr,)
            names = attr.split('.')
            def func(obj):
                for name in names:
                    obj = getattr(obj, name)
                return obj
            self._call = func
        else:
            self._attrs = (attr,) + attrs
            getters = tuple(map(attrgetter, self._attrs))
            def func(obj):
                return tuple(getter(obj) for getter in getters)
            self._call = func

    def __call__(self, obj, /):
        return self._call(obj)

    def __repr__(self):
        return '%s.%s(%s)' % (self.__class__.__module__, self.__class__.__qualname__, ', '.join(map(repr, self._attrs)))

    def __reduce__(self):
        return self.__class__, self._attrs


class itemgetter:
    """Return a callable object that fetches the given item(s) from its operand."""
    __slots__ = ('_items', '_call')

    def __init__(self, *items):
        if not items:
            raise TypeError('itemgetter expected 1 argument, got 0')
        item, items = items[0], items[1:]
        if not items:
            self._items = (item,)
            def func(obj):
                return obj[item]
            self._call = func
        else:
            self._items = items = (item,) + items
            def func(obj):
                return tuple(obj[i] for i in items)
            self._call = func

    def __call__(self, obj, /):
        return self._call(obj)

    def __repr__(self):
        return '%s.%s(%s)' % (self.__class__.__module__, self.__class__.__name__, ', '.join(map(repr, self._items)))

    def __reduce__(self):
        return self.__class__, self._items


class methodcaller:
    """Return a callable object that calls the given method on its operand."""
    __slots__ = ('_name', '_args', '_kwargs')

    def __init__(self, *args, **kwargs):
        if not args:
            raise TypeError('methodcaller needs at least one argument, the method name')
        name, args = args[0], args[1:]
        self._name = name
        if not isinstance(self._name, str):
            raise TypeError('method name must be a string')
        self._args = args
        self._kwargs = kwargs

    def __call__(self, obj, /):
        return getattr(obj, self._name)(*self._args, **self._kwargs)

    def __repr__(self):
        args = [repr(self._name)]
        args.extend(map(repr, self._args))
        args.extend('%s=%r' % (k, v) for k, v in self._kwargs.items())
        return '%s.%s(%s)' % (self.__class__.__module__, self.__class__.__name__, ', '.join(args))

    def __reduce__(self):
        return self.__class__, (self._name,) + self._args
`;

function two(name: string, args: PyObject[], kw: readonly string[] | null): [PyObject, PyObject] {
  const [a, b] = positional(name, args, kw, 2, 2);
  return [a!, b!];
}

function createOperatorModule(): PyModule {
  const m = newModule('operator');
  const def = (names: string[], impl: BuiltinImpl) => {
    const f = newBuiltinFunction(names[0]!, impl, m);
    for (const n of names) moduleSet(m, n, newref(f));
    decref(f);
  };
  const binary: [string, BinarySlotName][] = [
    ['add', 'add'], ['sub', 'sub'], ['mul', 'mul'], ['matmul', 'matmul'], ['truediv', 'truediv'], ['floordiv', 'floordiv'],
    ['mod', 'mod'], ['pow', 'pow'], ['lshift', 'lshift'], ['rshift', 'rshift'], ['and_', 'and'], ['or_', 'or'], ['xor', 'xor'],
  ];
  for (const [name, slot] of binary) {
    const dunder = `__${name.replace(/_$/, '')}__`;
    def([name, dunder], (_s, a, k) => {
      const [x, y] = two(name, a, k);
      return binaryOp(x, y, slot);
    });
    const iname = `i${name.replace(/_$/, '')}`;
    def([iname, `__${iname}__`], (_s, a, k) => {
      const [x, y] = two(iname, a, k);
      return inplaceOp(x, y, slot as Exclude<BinarySlotName, 'divmod'>);
    });
  }
  const compare: [string, RichOp][] = [['lt', LT], ['le', LE], ['eq', EQ], ['ne', NE], ['gt', GT], ['ge', GE]];
  for (const [name, op] of compare) {
    def([name, `__${name}__`], (_s, a, k) => {
      const [x, y] = two(name, a, k);
      return richCompare(x, y, op);
    });
  }
  const unary: [string, 'neg' | 'pos' | 'invert' | 'abs'][] = [['neg', 'neg'], ['pos', 'pos'], ['invert', 'invert'], ['abs', 'abs']];
  for (const [name, which] of unary) def([name, `__${name}__`], (_s, a, k) => unaryOp(exactlyOne(name, a, k), which));
  def(['inv', '__inv__'], (_s, a, k) => unaryOp(exactlyOne('inv', a, k), 'invert'));
  def(['not_', '__not__'], (_s, a, k) => newBool(!isTrue(exactlyOne('not_', a, k))));
  def(['truth'], (_s, a, k) => newBool(isTrue(exactlyOne('truth', a, k))));
  def(['is_'], (_s, a, k) => {
    const [x, y] = two('is_', a, k);
    return newBool(x === y);
  });
  def(['is_not'], (_s, a, k) => {
    const [x, y] = two('is_not', a, k);
    return newBool(x !== y);
  });
  def(['index', '__index__'], (_s, a, k) => newIntValue(indexValue(exactlyOne('index', a, k))));
  def(['concat', '__concat__'], (_s, a, k) => {
    const [x, y] = two('concat', a, k);
    if (x.type.concat === null && x.type.getitem === null) throw pyError(E.TypeError!, `'${typeName(x)}' object can't be concatenated`);
    return binaryOp(x, y, 'add');
  });
  def(['iconcat', '__iconcat__'], (_s, a, k) => {
    const [x, y] = two('iconcat', a, k);
    if (x.type.concat === null && x.type.getitem === null) throw pyError(E.TypeError!, `'${typeName(x)}' object can't be concatenated`);
    return inplaceOp(x, y, 'add');
  });
  def(['contains', '__contains__'], (_s, a, k) => {
    const [x, y] = two('contains', a, k);
    return newBool(contains(x, y));
  });
  def(['getitem', '__getitem__'], (_s, a, k) => {
    const [x, y] = two('getitem', a, k);
    return getItem(x, y);
  });
  def(['setitem', '__setitem__'], (_s, a, k) => {
    const [x, y, z] = positional('setitem', a, k, 3, 3);
    setItem(x!, y!, z!);
    return newNone();
  });
  def(['delitem', '__delitem__'], (_s, a, k) => {
    const [x, y] = two('delitem', a, k);
    delItem(x, y);
    return newNone();
  });
  const scan = (name: string, seq: PyObject, item: PyObject, each: (i: number) => boolean): void => {
    const it = getIter(seq);
    try {
      let i = 0;
      for (let x = iterNext(it); x !== null; x = iterNext(it), i++) {
        const same = x === item || richCompareBool(x, item, EQ);
        decref(x);
        if (same && !each(i)) return;
      }
    } finally {
      decref(it);
    }
    void name;
  };
  def(['countOf'], (_s, a, k) => {
    const [seq, item] = two('countOf', a, k);
    let n = 0;
    scan('countOf', seq, item, () => (n++, true));
    return newInt(n);
  });
  def(['indexOf'], (_s, a, k) => {
    const [seq, item] = two('indexOf', a, k);
    let found = -1;
    scan('indexOf', seq, item, (i) => ((found = i), false));
    if (found < 0) throw pyError(E.ValueError!, 'sequence.index(x): x not in sequence');
    return newInt(found);
  });
  def(['length_hint'], (_s, a, k) => {
    const [obj, dflt] = positional('length_hint', a, k, 1, 2);
    return newInt(lengthHint(obj!, dflt === undefined ? 0 : Number(indexValue(dflt))));
  });
  def(['call', '__call__'], (_s, a, k) => {
    if (!a.length) throw pyError(E.TypeError!, 'call() missing 1 required positional argument: \'obj\'');
    return callBorrowed(a[0]!, a.slice(1), k);
  });
  runPythonModuleSource(m, GETTERS_PY, '<heapscope operator>');
  return m;
}

provideModule('operator', () => {
  let m = rt.state.get('operator') as PyModule | undefined;
  if (!m) {
    m = createOperatorModule();
    rt.state.set('operator', m);
  }
  return newref(m);
});
